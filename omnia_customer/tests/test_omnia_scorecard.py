# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError

from .common import OmniaTargetsCase


class TestOmniaScorecard(OmniaTargetsCase):
    """The annual scorecard: live and manual measures, approval workflow per
    role, the frozen snapshot of a closed year and the copy to next year."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A year no demo data reaches.
        company_a = cls._company("Test Kuljetus Aho Oy")
        company_b = cls._company("Test Metalli Blom Oy")
        opp = cls._opportunity
        # A: first the year before, a repeat in 2015; B: new in 2015, a lost
        # offer, a repeat the next year.
        opp(company_a, 100, user=cls.am1, date_closed="2014-12-31 23:59:59")
        opp(company_a, 1000, user=cls.am2, date_closed="2015-01-01 00:00:00")
        opp(company_b, 2000, user=cls.am1, date_closed="2015-06-01 10:00:00")
        opp(company_b, 3000, user=cls.am1, date_closed="2015-07-01 10:00:00",
            probability=10, lost=True)
        opp(company_b, 4000, user=cls.am2, date_closed="2016-01-01 00:00:00")
        cls.perspective = cls.env.ref("omnia_customer.scorecard_perspective_customers")
        cls.finance = cls.env.ref("omnia_customer.scorecard_perspective_finance")
        cls.scorecard = cls.env["omnia.scorecard"].sudo(cls.team_lead).create({
            "name": "Customer strategy 2015",
            "year": 2015,
            "line_ids": [
                (0, 0, {"perspective_id": cls.perspective.id, "name": "New customers",
                        "measure": "new_customers", "target": 2}),
                (0, 0, {"perspective_id": cls.perspective.id, "name": "Repeat customers",
                        "measure": "repeat_customers", "target": 1}),
                (0, 0, {"perspective_id": cls.finance.id, "name": "Won revenue",
                        "measure": "won_revenue", "target": 3500, "unit": "EUR"}),
                (0, 0, {"perspective_id": cls.perspective.id, "name": "Customer satisfaction",
                        "measure": "manual", "target": 4, "manual_actual": 3.0,
                        "threshold_green": 100, "threshold_yellow": 70}),
            ],
        })
        cls.lines = {line.measure: line for line in cls.scorecard.line_ids}

    def _figures(self, measure):
        line = self.lines[measure]
        return line.actual, line.achievement, line.status

    def test_live_measures(self):
        self.assertEqual(self._figures("new_customers"), (1.0, 50.0, "red"))
        self.assertEqual(self._figures("repeat_customers"), (1.0, 100.0, "green"))
        self.assertEqual(self._figures("won_revenue"), (3000.0, 85.7, "yellow"))

    def test_manual_measure(self):
        self.assertEqual(self._figures("manual"), (3.0, 75.0, "yellow"))
        self.assertEqual(self.scorecard.line_count_yellow, 2)

    def test_measure_registry(self):
        keys = {key for key, dummy in self.env["omnia.scorecard.line"]._selection_measure()}
        self.assertTrue({"new_customers", "repeat_customers", "won_revenue",
                         "projects_submitted", "projects_granted", "manual"} <= keys)

    def test_workflow_rights(self):
        scorecard = self.scorecard
        with self.assertRaises(AccessError):
            scorecard.sudo(self.am1).action_propose()
        with self.assertRaises(AccessError):
            self.env["omnia.scorecard"].sudo(self.am1).create({"name": "Mine", "year": 2099})
        scorecard.action_propose()
        self.assertEqual(scorecard.proposed_by_id, self.team_lead)
        with self.assertRaises(AccessError):
            scorecard.action_approve()
        with self.assertRaises(AccessError):
            scorecard.write({"state": "approved"})
        scorecard.sudo(self.director).action_approve()
        self.assertEqual(scorecard.state, "approved")
        self.assertEqual(scorecard.approved_by_id, self.director)
        self.assertTrue(scorecard.approved_date)

    def test_only_drafts_editable(self):
        scorecard = self.scorecard
        scorecard.action_propose()
        with self.assertRaises(UserError):
            scorecard.write({"name": "Changed"})
        with self.assertRaises(UserError):
            self.lines["won_revenue"].sudo(self.team_lead).write({"target": 1})
        with self.assertRaises(UserError):
            self.lines["won_revenue"].sudo(self.team_lead).unlink()
        scorecard.sudo(self.director).action_approve()
        # The year's entered actual may still be recorded.
        self.lines["manual"].sudo(self.team_lead).write({"manual_actual": 4.0})
        self.assertEqual(self._figures("manual"), (4.0, 100.0, "green"))
        with self.assertRaises(UserError):
            self.lines["manual"].sudo(self.director).write({"target": 5})
        with self.assertRaises(UserError):
            scorecard.unlink()

    def test_reopen_is_management_and_logged(self):
        scorecard = self.scorecard
        scorecard.action_propose()
        scorecard.sudo(self.director).action_approve()
        with self.assertRaises(AccessError):
            scorecard.action_reopen()
        scorecard.sudo(self.director).action_reopen()
        self.assertEqual(scorecard.state, "draft")
        self.assertFalse(scorecard.approved_by_id)
        self.assertTrue(any("Reopened by Test Director" in message.body
                            for message in scorecard.message_ids))
        scorecard.write({"name": "Customer strategy 2015, revised"})

    def test_close_freezes_actuals(self):
        scorecard = self.scorecard
        scorecard.action_propose()
        scorecard.sudo(self.director).action_approve()
        with self.assertRaises(AccessError):
            scorecard.action_close()
        scorecard.sudo(self.director).action_close()
        self.assertEqual(scorecard.state, "closed")
        # Later data changes do not rewrite the closed year.
        self._opportunity(self._company("Test Uusi Oy"), 500, user=self.am1,
                          date_closed="2015-10-10 10:00:00")
        scorecard.line_ids.invalidate_cache()
        self.assertEqual(self._figures("new_customers"), (1.0, 50.0, "red"))
        self.assertEqual(self._figures("won_revenue"), (3000.0, 85.7, "yellow"))
        self.assertEqual(self._figures("manual"), (3.0, 75.0, "yellow"))
        with self.assertRaises(UserError):
            self.lines["manual"].sudo(self.director).write({"manual_actual": 1.0})
        with self.assertRaises(UserError):
            scorecard.sudo(self.director).write({"state": "draft"})

    def test_copy_to_next_year(self):
        action = self.scorecard.action_copy_to_next_year()
        copy = self.env["omnia.scorecard"].browse(action["res_id"])
        self.assertEqual((copy.year, copy.name, copy.state),
                         (2016, "Customer strategy 2016", "draft"))
        self.assertEqual(
            [(line.name, line.measure, line.target, line.manual_actual)
             for line in copy.line_ids],
            [("New customers", "new_customers", 2.0, 0.0),
             ("Repeat customers", "repeat_customers", 1.0, 0.0),
             ("Customer satisfaction", "manual", 4.0, 0.0),
             ("Won revenue", "won_revenue", 3500.0, 0.0)])
        # Live measures follow the new year: B buys again in 2016.
        lines = {line.measure: line for line in copy.line_ids}
        self.assertEqual(lines["repeat_customers"].actual, 1.0)
        self.assertEqual(lines["won_revenue"].actual, 4000.0)
        with self.assertRaises(UserError):
            self.scorecard.action_copy_to_next_year()

    def test_printable_scorecard(self):
        # The report's document, without the asset bundles of a full print.
        scorecard = self.scorecard.sudo(self.director)
        report = self.env.ref("omnia_customer.omnia_scorecard_report").sudo(self.director)
        self.assertEqual(report.report_name, "omnia_customer.report_omnia_scorecard")
        html = report.render_template(
            "omnia_customer.report_omnia_scorecard_document",
            {"doc": scorecard, "docs": scorecard})
        for text in (b"Customer strategy 2015", b"Customer satisfaction", b"85.7"):
            self.assertIn(text, html)
