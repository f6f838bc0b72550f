# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from .common import OmniaCustomerCase


class TestCustomerConstraints(OmniaCustomerCase):
    """Bad input is refused with a message naming the field, and nothing of
    the refused change is saved."""

    def assertRefused(self, message_start, func, *args):
        with self.assertRaises(ValidationError) as refused, self.env.cr.savepoint():
            func(*args)
        self.assertTrue(refused.exception.name.startswith(message_start),
                        refused.exception.name)
        self.env["res.partner"].invalidate_cache()

    def test_partner_negative_inputs(self):
        self.assertRefused("Employees:", self.company1.write,
                           {"name": "Muutettu Oy", "employee_count": -1})
        self.assertEqual(self.company1.name, "Testin Konepaja Oy")
        self.assertRefused("Training Potential:", self.company1.write,
                           {"training_potential": -0.01})
        self.assertRefused("Employees:", self.env["res.partner"].create,
                           {"name": "Huono Oy", "is_company": True, "employee_count": -5})
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Huono Oy")]))

    def test_segment_negative_criteria(self):
        for field, label in (
                ("min_won_revenue_12m", "Min. Won Revenue (12 months):"),
                ("min_won_count_12m", "Min. Won Opportunities (12 months):"),
                ("min_employee_count", "Min. Employees:"),
                ("min_training_potential", "Min. Training Potential:")):
            self.assertRefused(label, self.seg_b.write, {field: -1})
        self.assertEqual(self.seg_b.min_training_potential, 20000.0)

    def test_segment_intervals_at_least_one_day(self):
        self.assertRefused("Meeting Interval (days):", self.seg_b.write,
                           {"meeting_interval_days": 0})
        self.assertRefused("Review Interval (days):", self.Segment.create,
                           {"name": "Huono", "code": "BAD", "review_interval_days": -3})
        self.assertEqual(self.seg_b.meeting_interval_days, 90)
        self.assertFalse(self.Segment.with_context(active_test=False).search(
            [("code", "=", "BAD")]))

    def test_segment_duplicate_code(self):
        self.assertRefused("Code:", self.Segment.create, {"name": "Kopio", "code": "tb"})
        self.assertRefused("Code:", self.seg_c.write, {"code": " ta "})
        self.assertEqual(self.seg_c.code, "TC")
        # No pattern matching: "T_" is not "TA".
        self.Segment.create({"name": "Alaviiva", "code": "T_"})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), \
                self.env.cr.savepoint():
            self.Segment.create({"name": "Kopio", "code": "TB"})

    def test_default_review_interval_setting(self):
        self.assertRefused("Default Review Interval (days):",
                           self.env["res.config.settings"].create,
                           {"omnia_default_review_interval_days": 0})

    def test_second_active_care_plan(self):
        Plan = self.env["omnia.care.plan"]
        Plan.create({"partner_id": self.company1.id, "year": 2026, "state": "active"})
        draft = Plan.create({"partner_id": self.company1.id, "year": 2027})
        self.assertRefused("Status:", draft.action_activate)
        self.assertEqual(draft.state, "draft")
        self.assertRefused("Status:", Plan.create,
                           {"partner_id": self.contact1.id, "year": 2027, "state": "active"})
        # Another customer may have its own active plan.
        Plan.create({"partner_id": self.company2.id, "year": 2026, "state": "active"})

    def test_care_plan_year(self):
        self.assertRefused("Year:", self.env["omnia.care.plan"].create,
                           {"partner_id": self.company1.id, "year": 26})

    def test_review_in_future(self):
        plan = self.env["omnia.care.plan"].create(
            {"partner_id": self.company1.id, "year": 2026, "state": "active"})
        # the real today: the review date is checked against it
        tomorrow = self._real_today(1)
        self.assertRefused("Date:", self.env["omnia.care.plan.review"].create,
                           {"plan_id": plan.id, "date": tomorrow})
        self.assertFalse(plan.review_ids)
        self.env["omnia.care.plan.review"].create(
            {"plan_id": plan.id, "date": self._real_today()})
        self.assertEqual(len(plan.review_ids), 1)

    def test_account_manager_in_one_cluster(self):
        Cluster = self.env["omnia.cluster"]
        crafts = Cluster.create({"name": "Taito", "field": "crafts",
                                 "member_user_ids": [(6, 0, [self.am1.id])]})
        business = Cluster.create({"name": "Liike-elämä", "field": "business",
                                   "member_user_ids": [(6, 0, [self.am2.id])]})
        self.assertRefused("Account Managers:", business.write,
                           {"name": "Muutettu", "member_user_ids": [(4, self.am1.id)]})
        self.assertEqual(business.name, "Liike-elämä")
        self.assertEqual(business.member_user_ids, self.am2)
        self.assertRefused("Account Managers:", Cluster.create, {
            "name": "Tekniikka", "field": "technology",
            "member_user_ids": [(6, 0, [self.am1.id])]})
        # Membership of an archived cluster does not count.
        crafts.write({"active": False})
        business.write({"member_user_ids": [(4, self.am1.id)]})
        self.assertRefused("Account Managers:", crafts.write, {"active": True})
