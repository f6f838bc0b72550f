# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import OmniaFeedbackCase


class TestFeedbackReport(OmniaFeedbackCase):
    """The managers' analysis and the customer's feedback balance."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Negative, handled in time (deadline 2026-01-12), 2 days.
        cls._feedback(polarity="negative", date="2026-01-05", state="done",
                      response="Fixed.", done_date="2026-01-07")
        # Negative, handled late (deadline 2026-01-19), 10 days.
        cls._feedback(polarity="negative", date="2026-01-12", state="done",
                      response="Fixed late.", done_date="2026-01-22")
        # Negative, open and past its deadline (2026-02-09).
        cls._feedback(polarity="negative", date="2026-02-02")
        # Positive, done the same day; positive, open.
        cls._feedback(date="2026-02-03", state="done", done_date="2026-02-03")
        cls._feedback(date="2026-02-04")
        cls._feedback(partner_id=cls.customer_two.id, date="2026-02-05",
                      polarity="negative", state="in_progress")
        cls.Report = cls.env["omnia.feedback.report"]

    def test_counts_by_polarity_and_month(self):
        groups = self.Report.read_group(
            [("partner_id", "=", self.customer_one.id)],
            ["polarity", "date", "positive_count", "negative_count"],
            ["date:month", "polarity"], lazy=False)
        counts = {(g["date:month"], g["polarity"]): g["__count"] for g in groups}
        self.assertEqual(counts, {
            ("January 2026", "negative"): 2,
            ("February 2026", "negative"): 1,
            ("February 2026", "positive"): 2,
        })

    def test_by_account_manager(self):
        groups = self.Report.read_group(
            [("partner_id", "in", (self.customer_one | self.customer_two).ids)],
            ["account_manager_id", "negative_count", "positive_count"],
            ["account_manager_id"])
        counts = {g["account_manager_id"][0]: (g["negative_count"], g["positive_count"])
                  for g in groups}
        self.assertEqual(counts, {self.am1.id: (3, 2), self.am2.id: (1, 0)})

    def test_handled_in_time_share_and_response_days(self):
        group = self.Report.read_group(
            [("partner_id", "=", self.customer_one.id), ("polarity", "=", "negative")],
            ["handled_in_time_pct", "response_days", "median_response_days"],
            [])[0]
        # In time, late, open past the deadline: one of three.
        self.assertAlmostEqual(group["handled_in_time_pct"], 100.0 / 3)
        self.assertEqual(group["response_days"], 6.0)
        self.assertEqual(group["median_response_days"], 6.0)
        group = self.Report.read_group(
            [("partner_id", "=", self.customer_one.id)],
            ["median_response_days"], [])[0]
        self.assertEqual(group["median_response_days"], 2.0)

    def test_customer_feedback_balance(self):
        for partner in (self.customer_one, self.contact_one):
            self.assertEqual(
                (partner.feedback_positive_count, partner.feedback_negative_count,
                 partner.feedback_open_count),
                (2, 3, 2))
        self.assertEqual(
            (self.customer_two.feedback_positive_count,
             self.customer_two.feedback_negative_count,
             self.customer_two.feedback_open_count),
            (0, 1, 1))
        action = self.customer_one.action_view_omnia_feedback()
        self.assertEqual(self.env["omnia.feedback"].search(action["domain"]).mapped(
            "partner_id"), self.customer_one)

    def test_groups_by_account_manager_in_name_order(self):
        # Grouped by id in SQL, put in name order afterwards (the report
        # mixin): the account manager created first is named last.
        self.am1.name = "Östman Veera"
        self.am2.name = "Aalto Aino"
        domain = [("partner_id", "in", (self.customer_one | self.customer_two).ids)]
        for lazy in (True, False):
            groups = self.Report.read_group(
                domain, ["account_manager_id"], ["account_manager_id"], lazy=lazy)
            self.assertEqual([group["account_manager_id"] for group in groups], [
                (self.am2.id, "Aalto Aino"), (self.am1.id, "Östman Veera")])
