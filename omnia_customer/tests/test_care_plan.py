# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools.safe_eval import safe_eval

from .common import OmniaCustomerCase


class TestCarePlan(OmniaCustomerCase):
    """Care plans: defaults from the customer, review dates and the review
    lists of management."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Plan = cls.env["omnia.care.plan"]
        cls.company1.write({"segment_id": cls.seg_a.id})

    def _date(self, days):
        """The date ``days`` days from today (negative: ago); the real
        today, which care plans read."""
        return self._real_today(days)

    def _active_plan(self, partner, activated_days_ago):
        plan = self.Plan.create({"partner_id": partner.id, "year": 2026})
        plan.action_activate()
        plan.write({"activation_date": self._date(-activated_days_ago)})
        return plan

    def test_defaults_from_customer(self):
        plan = self.Plan.create({"partner_id": self.contact1.id, "year": 2026})
        self.assertEqual(plan.partner_id, self.company1)
        self.assertEqual(plan.account_manager_id, self.am1)
        self.assertEqual(plan.segment_id, self.seg_a)
        self.assertTrue(plan.is_key_account)
        self.assertEqual(plan.name, "Testin Konepaja Oy 2026")
        self.assertEqual(plan.state, "draft")
        self.assertFalse(plan.next_review_date)
        # The plan keeps the class the customer had when it was made.
        self.company1.write({"segment_id": self.seg_b.id})
        self.assertEqual(plan.segment_id, self.seg_a)

    def test_next_review_date(self):
        plan = self.Plan.create({"partner_id": self.company1.id, "year": 2026})
        plan.action_activate()
        self.assertEqual(plan.activation_date, self._date(0))
        self.assertEqual(plan.next_review_date, self._date(90))
        plan.write({"activation_date": "2026-01-10"})
        self.assertEqual(plan.next_review_date, "2026-04-10")
        Review = self.env["omnia.care.plan.review"]
        Review.create({"plan_id": plan.id, "date": "2026-03-01"})
        Review.create({"plan_id": plan.id, "date": "2026-02-01"})
        self.assertEqual(plan.last_review_date, "2026-03-01")
        self.assertEqual(plan.next_review_date, "2026-05-30")
        self.seg_a.write({"review_interval_days": 30})
        self.assertEqual(plan.next_review_date, "2026-03-31")
        plan.action_close()
        self.assertFalse(plan.next_review_date)

    def test_default_review_interval_without_segment(self):
        self.env["ir.config_parameter"].set_param(
            "omnia_customer.default_review_interval_days", "200")
        company = self.env["res.partner"].create({"name": "Luokaton Oy", "is_company": True})
        plan = self.Plan.create({"partner_id": company.id, "year": 2026, "state": "active",
                                 "activation_date": "2026-01-01"})
        self.assertEqual(plan.next_review_date, "2026-07-20")

    def test_review_due_and_overdue(self):
        overdue = self._active_plan(self.company1, 100)   # A, 90 days: 10 days ago
        due = self._active_plan(self.company2, 345)       # C, 365 days: in 20 days
        company3 = self.env["res.partner"].create({
            "name": "Kolmas Oy", "is_company": True, "segment_id": self.seg_a.id})
        later = self._active_plan(company3, 10)           # A: in 80 days
        self.assertEqual(overdue.next_review_date, self._date(-10))
        self.assertEqual(due.next_review_date, self._date(20))
        self.assertEqual(later.next_review_date, self._date(80))
        self.assertEqual((overdue.review_overdue, overdue.review_due), (True, True))
        self.assertEqual((due.review_overdue, due.review_due), (False, True))
        self.assertEqual((later.review_overdue, later.review_due), (False, False))
        plans = overdue | due | later
        self.assertEqual(self.Plan.search([("id", "in", plans.ids),
                                           ("review_overdue", "=", True)]), overdue)
        self.assertEqual(self.Plan.search([("id", "in", plans.ids),
                                           ("review_due", "=", True)]), overdue | due)
        self.assertEqual(self.Plan.search([("id", "in", plans.ids),
                                           ("review_due", "=", False)]), later)
        self.assertTrue(self.company1.care_plan_review_overdue)
        self.assertFalse(company3.care_plan_review_overdue)
        self.assertEqual(
            self.env["res.partner"].search([("id", "in", [self.company1.id, company3.id]),
                                            ("care_plan_review_overdue", "=", True)]),
            self.company1)
        # Management's list: active key-account plans due for review.
        action = self.env.ref("omnia_customer.omnia_care_plan_action_reviews")
        domain = safe_eval(action.domain) + [("review_due", "=", True),
                                             ("id", "in", plans.ids)]
        self.assertEqual(self.Plan.search(domain), overdue)
        # A review today puts the plan back on schedule.
        self.env["omnia.care.plan.review"].create({"plan_id": overdue.id})
        self.assertEqual(overdue.next_review_date, self._date(90))
        self.assertFalse(overdue.review_overdue)
        self.assertFalse(self.Plan.search(domain))

    def test_current_care_plan(self):
        self.assertFalse(self.company1.current_care_plan_id)
        draft = self.Plan.create({"partner_id": self.company1.id, "year": 2027})
        self.assertEqual(self.company1.current_care_plan_id, draft)
        active = self.Plan.create({"partner_id": self.company1.id, "year": 2026,
                                   "state": "active"})
        self.assertEqual(self.company1.current_care_plan_id, active)
        self.assertEqual(self.company1.care_plan_count, 2)
        action = self.company1.action_record_review()
        self.assertEqual(action["res_model"], "omnia.care.plan.review")
        self.assertEqual(action["context"], {"default_plan_id": active.id})
        self.assertEqual(action["views"], [(self.env.ref(
            "omnia_customer.omnia_care_plan_review_view_form_dialog").id, "form")])
        action = self.company1.action_create_care_plan()
        self.assertEqual(action["context"], {"default_partner_id": self.company1.id})
