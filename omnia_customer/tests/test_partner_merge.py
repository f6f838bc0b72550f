# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError

from .common import OmniaCalendarCase, dt


class TestPartnerMerge(OmniaCalendarCase):
    """Odoo's partner merge on two duplicate customer companies keeps the
    work of both: care plans (one left active), feedback, offers and the
    targets counted from them, calendar work and its attendees, clusters,
    scheduled activities; only the team lead and management merge."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        # The company kept: the older record (cls.customer, am1's).
        cls.customer.write({"business_id": "0737546-2",
                            "cluster_ids": [(6, 0, cls.cluster.ids)]})
        cls.cluster2 = cls.env["omnia.cluster"].create({
            "name": "Test Cluster Two", "field": "business"})
        # The duplicate, made later by am2 with a business ID of its own
        # missing, a contact, another cluster.
        cls.duplicate = Partner.create({
            "name": "Testin Rakennus", "is_company": True, "user_id": cls.am2.id,
            "segment_id": cls.segment.id,
            "cluster_ids": [(6, 0, (cls.cluster | cls.cluster2).ids)]})
        cls.dup_contact = cls._contact(cls.duplicate, "Taina Tuplanen")
        Plan = cls.env["omnia.care.plan"]
        cls.plan_old = Plan.create({"partner_id": cls.customer.id, "year": 2025})
        cls.plan_old.action_activate()
        cls.plan_new = Plan.create({"partner_id": cls.duplicate.id, "year": 2026})
        cls.plan_new.action_activate()
        cls.plan_draft = Plan.create({"partner_id": cls.duplicate.id, "year": 2027})
        Feedback = cls.env["omnia.feedback"]
        cls.feedback_old = Feedback.create({
            "partner_id": cls.customer.id, "polarity": "positive",
            "date": "2026-02-02", "description": "Hyvä kurssi"})
        cls.feedback_dup = Feedback.create({
            "partner_id": cls.duplicate.id, "contact_id": cls.dup_contact.id,
            "polarity": "negative", "date": "2026-02-03",
            "description": "Laskutus myöhässä"})
        # Offers won: the kept company first in 2025 (am1), the duplicate's
        # contact in 2026 (am2).
        cls.lead_old = cls._opportunity(cls.customer, 1000.0,
                                        date_closed=cls._days(300))
        cls.lead_dup = cls._opportunity(cls.dup_contact, 2000.0,
                                        date_closed=cls._days(20))
        # Calendar work: one meeting each, the duplicate's with its contact.
        cls.event_old = cls._event(
            cls.am1, dt(cls._days(10)), dt(cls._days(10, -3600)),
            omnia_partner_id=cls.customer.id)
        cls.event_dup = cls._event(
            cls.am2, dt(cls._days(5)), dt(cls._days(5, -5400)),
            omnia_partner_id=cls.duplicate.id,
            partner_ids=[(6, 0, (cls.am2.partner_id | cls.dup_contact).ids)])
        # A to-do someone scheduled on the duplicate.
        cls.todo = cls.env["mail.activity"].create({
            "res_model_id": cls.env.ref("base.model_res_partner").id,
            "res_id": cls.duplicate.id,
            "activity_type_id": cls.env.ref("mail.mail_activity_data_todo").id,
            "summary": "Soita koulutustarpeista",
            "user_id": cls.am2.id,
            "date_deadline": "2026-03-20",
        })
        Target = cls.env["omnia.target"]
        cls.target_am1 = Target.create({
            "user_id": cls.am1.id, "period_type": "year", "date_from": "2026-01-01"})
        cls.target_am2 = Target.create({
            "user_id": cls.am2.id, "period_type": "year", "date_from": "2026-01-01"})

    def _wizard(self, user, dst=None):
        return self.env["base.partner.merge.automatic.wizard"].sudo(user).create({
            "state": "selection",
            "partner_ids": [(6, 0, (self.customer | self.duplicate).ids)],
            "dst_partner_id": (dst or self.customer).id,
        })

    def _actuals(self, target):
        target.invalidate_cache()
        return (target.actual_new_customers, target.actual_repeat_customers,
                target.actual_meetings, target.actual_revenue)

    def test_merge_keeps_the_work_of_both(self):
        duplicate_id = self.duplicate.id
        # The 12-month figures run on the real clock: the sum of both.
        won_count = self.customer.won_count_12m + self.duplicate.won_count_12m
        won_revenue = self.customer.won_revenue_12m + self.duplicate.won_revenue_12m
        self.assertGreaterEqual(won_count, 1)
        self.assertEqual(self._actuals(self.target_am1), (0, 0, 1, 0.0))
        self.assertEqual(self._actuals(self.target_am2), (1, 0, 1, 2000.0))

        self._wizard(self.team_lead).action_merge()

        self.assertFalse(self.env["res.partner"].browse(duplicate_id).exists())
        company = self.customer
        company.invalidate_cache()
        self.assertEqual(company.name, "Testin Rakennus Oy")
        self.assertEqual(company.business_id, "0737546-2")
        self.assertEqual(company.user_id, self.am1)
        self.assertEqual(company.account_manager_id, self.am1)
        self.assertEqual(company.child_ids, self.contact | self.dup_contact)
        self.assertEqual(self.dup_contact.commercial_partner_id, company)
        self.assertEqual(company.cluster_ids, self.cluster | self.cluster2)
        # Care plans: all three kept; the newest active one stays active.
        self.assertEqual(company.care_plan_ids,
                         self.plan_old | self.plan_new | self.plan_draft)
        self.assertEqual(self.plan_new.state, "active")
        self.assertEqual(self.plan_old.state, "closed")
        self.assertEqual(self.plan_draft.state, "draft")
        self.assertEqual(company.current_care_plan_id, self.plan_new)
        # The open plans follow the kept company's account manager; names
        # follow its name.
        self.assertEqual((self.plan_new | self.plan_draft).mapped("account_manager_id"),
                         self.am1)
        self.assertEqual(self.plan_old.account_manager_id, self.am1)
        self.assertEqual(self.plan_new.name, "Testin Rakennus Oy 2026")
        # Feedback, with the company's account manager.
        feedback = self.env["omnia.feedback"].search([("partner_id", "=", company.id)])
        self.assertEqual(feedback, self.feedback_old | self.feedback_dup)
        self.assertEqual(self.feedback_dup.contact_id, self.dup_contact)
        self.assertEqual(self.feedback_dup.account_manager_id, self.am1)
        self.assertEqual(company.feedback_positive_count, 1)
        self.assertEqual(company.feedback_negative_count, 1)
        # Offers and the 12-month figures of both.
        self.assertEqual(self.lead_dup.partner_id, self.dup_contact)
        self.assertEqual(company.won_count_12m, won_count)
        self.assertEqual(company.won_revenue_12m, won_revenue)
        self.assertEqual(self.lead_dup.segment_id, self.segment)
        # Calendar work and its attendees.
        self.assertEqual((self.event_old | self.event_dup).mapped("omnia_partner_id"),
                         company)
        self.assertIn(self.dup_contact, self.event_dup.partner_ids)
        self.assertEqual(company.omnia_event_count, 2)
        self.assertEqual(company.hours_this_year, 2.5)
        # Scheduled work moves; the care model's activities are one per kind.
        self.assertEqual(self.todo.res_id, company.id)
        activities = self.env["mail.activity"].search([
            ("res_model", "=", "res.partner"),
            ("res_id", "in", [company.id, duplicate_id])])
        self.assertEqual(activities.mapped("res_id"), [company.id] * len(activities))
        kinds = activities.filtered("omnia_care_kind").mapped("omnia_care_kind")
        self.assertEqual(len(kinds), len(set(kinds)))
        # The targets: meetings and revenue as before; the duplicate's first
        # win is now a repeat purchase of the company first won in 2025.
        self.assertEqual(self._actuals(self.target_am1), (0, 0, 1, 0.0))
        self.assertEqual(self._actuals(self.target_am2), (0, 1, 1, 2000.0))

    def test_business_id_taken_from_the_duplicate(self):
        self.customer.write({"business_id": False})
        self.duplicate.write({"business_id": "FI07375462"})
        self._wizard(self.director).action_merge()
        self.assertEqual(self.customer.business_id, "0737546-2")
        self.assertEqual(
            self.env["res.partner"].search([("business_id", "=", "0737546-2")]),
            self.customer)

    def test_kept_duplicate_keeps_its_own(self):
        # Merged into the newer record: its plan stays active, the other
        # company's business ID comes along.
        self._wizard(self.director, dst=self.duplicate).action_merge()
        self.assertFalse(self.customer.exists())
        self.assertEqual(self.duplicate.business_id, "0737546-2")
        self.assertEqual(self.duplicate.care_plan_ids,
                         self.plan_old | self.plan_new | self.plan_draft)
        self.assertEqual(self.plan_new.state, "active")
        self.assertEqual(self.plan_old.state, "closed")

    def test_only_team_lead_and_management_merge(self):
        for user in (self.am1, self.am2, self.employee, self.admin):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                self._wizard(user).action_merge()
            self.assertTrue(self.duplicate.exists())
            self.assertEqual(self.plan_old.state, "active")
        action = self.env.ref("crm.action_partner_merge")
        self.assertEqual(
            action.groups_id,
            self.env.ref("omnia_customer.group_team_lead")
            | self.env.ref("omnia_customer.group_management"))
