# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import OmniaTargetsCase


class TestOmniaScorecardMeasures(OmniaTargetsCase):
    """Live scorecard measures read from the other parts of the addon."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.customer = cls._company("Test Palvelu Oy")
        cls.scorecard = cls.env["omnia.scorecard"].create({"name": "Test 2015", "year": 2015})
        cls.perspective = cls.env.ref("omnia_customer.scorecard_perspective_processes")

    def _actual(self, measure, **values):
        line = self.env["omnia.scorecard.line"].create(dict(
            values, scorecard_id=self.scorecard.id, perspective_id=self.perspective.id,
            name=measure, measure=measure, target=1))
        return line.actual

    def _feedback(self, date, polarity, **values):
        if values.get("state") == "done":
            values["response"] = "Called back and agreed on a correction."
        return self.env["omnia.feedback"].create(dict(
            values, partner_id=self.customer.id, date=date, polarity=polarity))

    def test_feedback_measures(self):
        # 2015-03-06 is a Friday: the deadline is five working days later.
        on_time = self._feedback("2015-03-06", "negative", state="done", done_date="2015-03-13")
        self.assertEqual(on_time.deadline, "2015-03-13")
        self._feedback("2015-03-06", "negative", state="done", done_date="2015-03-16")
        self._feedback("2015-12-30", "negative")   # open, its deadline long passed
        self._feedback("2014-12-31", "negative", state="done", done_date="2014-12-31")
        for date in ("2015-01-01", "2015-05-05", "2015-12-31", "2015-12-31", "2016-01-01"):
            self._feedback(date, "positive")
        self.assertEqual(self._actual("negative_feedback_in_deadline"), 33.3)
        self.assertEqual(self._actual("feedback_balance"), 1.0)

    def test_key_account_review_share(self):
        self.env["omnia.segment"].search([("is_key_account", "=", True)]).write(
            {"is_key_account": False})
        key = self.env["omnia.segment"].create({
            "name": "Test Key Accounts", "code": "TEST-KEY", "is_key_account": True})
        other = self.env["omnia.segment"].create({"name": "Test Others", "code": "TEST-OTHER"})
        Plan = self.env["omnia.care.plan"]
        Review = self.env["omnia.care.plan.review"]
        plans = {}
        for name, segment in (("K1", key), ("K2", key), ("K3", key), ("N1", other)):
            company = self._company("Test %s Oy" % name, segment_id=segment.id)
            plans[name] = Plan.create({"partner_id": company.id, "year": 2015})
        for name, date in (("K1", "2015-03-01"), ("K1", "2015-09-01"), ("K2", "2014-12-31"),
                           ("N1", "2015-05-05")):
            Review.create({"plan_id": plans[name].id, "date": date})
        # Of three key accounts, only K1 was reviewed in 2015 (twice).
        self.assertEqual(self._actual("key_account_review_share"), 33.3)
