# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError

from .common import OmniaCustomerCase


class TestCustomerAccess(OmniaCustomerCase):
    """R1: everyone in the team reads all customers; an account manager edits
    the customers, care plans and actions he manages; the team lead and
    management edit all; only Settings admins change segment classes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Plan = cls.env["omnia.care.plan"]
        cls.plan1 = Plan.create({"partner_id": cls.company1.id, "year": 2026,
                                 "state": "active"})
        cls.plan2 = Plan.create({"partner_id": cls.company2.id, "year": 2026,
                                 "state": "active"})
        cls.action2 = cls.env["omnia.care.plan.action"].create({
            "plan_id": cls.plan2.id, "name": "Osaamiskartoitus", "responsible_id": cls.am2.id})
        cls.review2 = cls.env["omnia.care.plan.review"].create({
            "plan_id": cls.plan2.id, "date": "2026-01-15"})

    def test_account_manager_reads_all(self):
        for record in (self.company2, self.contact1, self.plan2, self.action2, self.review2):
            self.assertTrue(record.sudo(self.am1).read()[0]["id"], record._name)
        self.assertEqual(self.company2.sudo(self.am1).won_count_12m, 0)

    def test_account_manager_edits_own(self):
        self.company1.sudo(self.am1).write({"employee_count": 12})
        self.contact1.sudo(self.am1).write({"function": "Henkilöstöpäällikkö"})
        self.env["res.partner"].sudo(self.am1).create({
            "name": "Oma Uusi Oy", "is_company": True, "user_id": self.am1.id})
        self.plan1.sudo(self.am1).write({"goals": "<p>Kasvu</p>"})
        self.env["omnia.care.plan.action"].sudo(self.am1).create({
            "plan_id": self.plan1.id, "name": "Tarjous"})
        self.env["omnia.care.plan.review"].sudo(self.am1).create({
            "plan_id": self.plan1.id, "date": "2026-02-01"})
        self.plan1.sudo(self.am1).message_post(body="Muistiinpano")
        self.assertEqual(self.company1.employee_count, 12)

    def test_account_manager_refused_on_others(self):
        am1 = self.am1
        refused = [
            lambda: self.company2.sudo(am1).write({"employee_count": 12}),
            lambda: self.env["res.partner"].sudo(am1).create({
                "name": "Toisen Oy", "is_company": True, "user_id": self.am2.id}),
            lambda: self.plan2.sudo(am1).write({"goals": "<p>Ei</p>"}),
            lambda: self.env["omnia.care.plan"].sudo(am1).create({
                "partner_id": self.company2.id, "year": 2027}),
            lambda: self.action2.sudo(am1).write({"done": True}),
            lambda: self.env["omnia.care.plan.action"].sudo(am1).create({
                "plan_id": self.plan2.id, "name": "Ei"}),
            lambda: self.review2.sudo(am1).write({"meeting": "Ei"}),
            lambda: self.env["omnia.care.plan.review"].sudo(am1).create({
                "plan_id": self.plan2.id, "date": "2026-02-01"}),
            lambda: self.plan1.sudo(am1).unlink(),
            lambda: self.seg_b.sudo(am1).write({"min_training_potential": 1}),
            lambda: self.env["omnia.cluster"].sudo(am1).create({
                "name": "Oma", "field": "crafts"}),
            lambda: self.env["res.config.settings"].sudo(am1).create({}).execute(),
        ]
        for index, func in enumerate(refused):
            with self.subTest(case=index), self.assertRaises(AccessError):
                func()

    def test_responsible_edits_his_action(self):
        action = self.env["omnia.care.plan.action"].create({
            "plan_id": self.plan2.id, "name": "Koulutuspäivä", "responsible_id": self.am1.id})
        action.sudo(self.am1).write({"done": True})
        self.assertTrue(action.done)

    def test_team_lead_edits_all(self):
        lead = self.team_lead
        self.company2.sudo(lead).write({"employee_count": 7})
        self.plan2.sudo(lead).write({"goals": "<p>Tiimi</p>"})
        self.action2.sudo(lead).write({"done": True})
        self.review2.sudo(lead).write({"meeting": "Asiakastiimi"})
        self.env["omnia.cluster"].sudo(lead).create({"name": "Uusi", "field": "crafts"})
        self.assertEqual(self.company2.employee_count, 7)
        with self.assertRaises(AccessError):
            self.seg_b.sudo(lead).write({"min_training_potential": 1})

    def test_management_edits_all(self):
        manager = self.director
        self.company1.sudo(manager).write({"employee_count": 8})
        self.plan1.sudo(manager).write({"goals": "<p>Johto</p>"})
        self.env["omnia.care.plan.review"].sudo(manager).create({
            "plan_id": self.plan1.id, "date": "2026-03-01", "meeting": "Johtoryhmä"})
        self.action2.sudo(manager).write({"done": True})
        self.assertEqual(self.plan1.last_review_date, "2026-03-01")
        with self.assertRaises(AccessError):
            self.seg_b.sudo(manager).write({"min_training_potential": 1})

    def test_settings_admin_changes_segments(self):
        self.seg_b.sudo(self.admin).write({"min_training_potential": 15000})
        self.Segment.sudo(self.admin).create({"name": "Uusi", "code": "TN"})
        settings = self.env["res.config.settings"].sudo(self.admin).create({
            "omnia_segment_auto_apply": True,
            "omnia_default_review_interval_days": 200,
        })
        settings.execute()
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(params.get_param("omnia_customer.segment_auto_apply"), "1")
        self.assertEqual(params.get_param("omnia_customer.default_review_interval_days"), "200")
        self.assertEqual(self.seg_b.min_training_potential, 15000.0)
