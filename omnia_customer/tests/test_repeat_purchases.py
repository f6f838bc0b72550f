# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from .common import OmniaTargetsCase


class TestRepeatPurchases(OmniaTargetsCase):
    """Repeat purchases (R15): won opportunities of the period whose company
    had won one before, in targets and in the scorecard. Bought before means
    any earlier won opportunity of the same commercial partner, at any time
    and by anyone; earlier is by closing time, and of two closed at the same
    second the one recorded first."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        opp = cls._opportunity
        am1, am2 = cls.am1, cls.am2
        # A: the first purchase does not count, the second and third do.
        company_a = cls._company("Test Aallon Konepaja Oy")
        cls.a_first = opp(company_a, 1000, user=am1, date_closed="2015-02-01 10:00:00")
        opp(company_a, 1100, user=am1, date_closed="2015-03-01 10:00:00")
        opp(company_a, 1200, user=am1, date_closed="2015-05-01 10:00:00")
        # B: the earlier offer was lost: the win is the first purchase.
        company_b = cls._company("Test Bergin Rakennus Oy")
        opp(company_b, 500, user=am1, date_closed="2015-01-10 10:00:00",
            probability=10, lost=True)
        opp(company_b, 600, user=am1, date_closed="2015-02-10 10:00:00")
        # C: bought in the previous year: this year's win is a repeat.
        company_c = cls._company("Test Castrénin Catering Oy")
        opp(company_c, 700, user=am1, date_closed="2014-11-10 10:00:00")
        opp(company_c, 800, user=am1, date_closed="2015-04-01 10:00:00")
        # D: first through a contact person, then the company itself.
        company_d = cls._company("Test Digitalon Palvelut Oy")
        contact_d = cls._contact(company_d, "Test Daniel Digitalo")
        opp(contact_d, 900, user=am1, date_closed="2015-01-15 10:00:00")
        opp(company_d, 950, user=am1, date_closed="2015-06-01 10:00:00")
        # E: two wins on the same day: the later one is the repeat.
        company_e = cls._company("Test Eskolan Elintarvike Oy")
        cls.e_morning = opp(company_e, 300, user=am1, date_closed="2015-07-01 09:00:00")
        cls.e_afternoon = opp(company_e, 400, user=am1, date_closed="2015-07-01 15:00:00")
        # F: two wins at the same second: the one recorded second is the repeat.
        company_f = cls._company("Test Forsmanin Fysio Oy")
        opp(company_f, 200, user=am1, date_closed="2015-08-01 10:00:00")
        opp(company_f, 250, user=am1, date_closed="2015-08-01 10:00:00")
        # G: first won by am2, then a repeat by am1 and one by am2.
        company_g = cls._company("Test Gustafssonin Kuljetus Oy")
        opp(company_g, 100, user=am2, date_closed="2015-02-01 10:00:00")
        opp(company_g, 150, user=am1, date_closed="2015-03-15 10:00:00")
        opp(company_g, 175, user=am2, date_closed="2015-09-01 10:00:00")
        # H: won twice by the team lead, outside the sales team.
        company_h = cls._company("Test Hakalan Hoiva Oy")
        opp(company_h, 50, user=cls.team_lead, date_closed="2015-01-05 10:00:00")
        opp(company_h, 60, user=cls.team_lead, date_closed="2015-10-01 10:00:00")
        # An open offer of A and a repeat in the next year count in 2015 for nothing.
        cls.env["crm.lead"].create({
            "name": "Open offer", "type": "opportunity", "partner_id": company_a.id,
            "user_id": am1.id, "planned_revenue": 5555, "probability": 50})
        opp(company_a, 1300, user=am1, date_closed="2016-01-01 00:00:00")

        Target = cls.env["omnia.target"]
        cls.year_am1 = Target.create({
            "user_id": am1.id, "period_type": "year", "date_from": "2015-01-01",
            "target_repeat_purchases": 5})
        cls.q1_am1 = Target.create({
            "user_id": am1.id, "period_type": "quarter", "date_from": "2015-01-01"})
        cls.year_am2 = Target.create({
            "user_id": am2.id, "period_type": "year", "date_from": "2015-01-01"})
        cls.year_team = Target.create({
            "team_id": cls.team.id, "period_type": "year", "date_from": "2015-01-01"})
        cls.scorecard = cls.env["omnia.scorecard"].create({
            "name": "Test 2015", "year": 2015, "line_ids": [(0, 0, {
                "name": "Uusintaostot", "measure": "repeat_purchases", "target": 12,
                "perspective_id": cls.env.ref(
                    "omnia_customer.scorecard_perspective_customers").id,
            })]})

    # Targets

    def test_personal_target(self):
        # am1 in 2015: A twice, C, D, E, F and G once; not B (the lost offer
        # is no purchase) nor A's first win nor the open offer.
        self.assertEqual(self.year_am1.actual_repeat_purchases, 7)
        self.assertEqual(self.year_am1.repeat_purchases_progress, 140.0)
        # The first quarter: A's second win and G's win by am1.
        self.assertEqual(self.q1_am1.actual_repeat_purchases, 2)
        self.assertEqual(self.q1_am1.repeat_purchases_progress, 0.0)   # no target

    def test_other_account_managers_offers(self):
        # As for repeat customers: an offer counts for the account manager
        # who won it, whoever won the company's first one.
        self.assertEqual(self.year_am2.actual_repeat_purchases, 1)
        self.assertEqual(self.year_am2.actual_repeat_customers, 1)

    def test_team_target_counts_members_offers_once(self):
        # am1's 7 and am2's 1; the team lead's H is not the team's.
        self.assertEqual(self.year_team.actual_repeat_purchases, 8)

    def test_repeat_customers_unchanged(self):
        # A, C, D, E, F, G: companies, each once however many repeats.
        self.assertEqual(self.year_am1.actual_repeat_customers, 6)
        self.assertEqual(self.year_am1.actual_new_customers, 5)   # A, B, D, E, F

    def test_new_and_repeat_make_all_wins(self):
        """Every win is either a company's first or a repeat purchase."""
        self.assertEqual(self.year_team.actual_new_customers
                         + self.year_team.actual_repeat_purchases, 14)

    def test_same_day_later_win_counts(self):
        # Moved before the morning's win, the afternoon's is the first one.
        self.e_afternoon.write({"date_closed": "2015-07-01 08:00:00"})
        self.year_am1.invalidate_cache()
        self.assertEqual(self.year_am1.actual_repeat_purchases, 7)
        # The only win of the company left: no repeat.
        self.e_morning.action_set_lost()
        self.year_am1.invalidate_cache()
        self.assertEqual(self.year_am1.actual_repeat_purchases, 6)

    def test_earlier_win_lost_later(self):
        # A's first win archived as lost: its second one becomes the first.
        self.a_first.action_set_lost()
        self.year_am1.invalidate_cache()
        self.assertEqual(self.year_am1.actual_repeat_purchases, 6)

    def test_report_matches_targets(self):
        rows = self.env["omnia.target.report"].search(
            [("target_id", "in", (self.year_am1 | self.year_team).ids)], order="target_id")
        self.assertEqual(
            [(row.target_id, row.actual_repeat_purchases, row.target_repeat_purchases)
             for row in rows],
            [(self.year_am1, 7, 5), (self.year_team, 8, 0)])

    def test_one_query_for_all_targets(self):
        targets = self.year_am1 | self.q1_am1 | self.year_am2 | self.year_team
        query = self.env["omnia.target"]._measure_queries("AND t.id IN %(ids)s")[
            "actual_repeat_purchases"]
        before = self.cr.sql_log_count
        self.cr.execute(query, {"ids": tuple(targets.ids)})
        values = dict(self.cr.fetchall())
        self.assertEqual(self.cr.sql_log_count - before, 1)
        self.assertEqual([values.get(target.id, 0) for target in targets], [7, 2, 1, 8])

    # Scorecard

    def test_scorecard_counts_the_whole_year(self):
        # The team's 8 and the team lead's H: all users, as the other measures.
        self.assertEqual(self.scorecard.line_ids.actual, 9.0)
        self.assertEqual(self.scorecard.line_ids.achievement, 75.0)

    def test_scorecard_other_years(self):
        line = self.scorecard.line_ids
        self.scorecard.write({"year": 2014})
        line.invalidate_cache()
        self.assertEqual(line.actual, 0.0)   # C's first purchase only
        self.scorecard.write({"year": 2016})
        line.invalidate_cache()
        self.assertEqual(line.actual, 1.0)   # A's fourth win

    def test_printable_scorecard(self):
        scorecard = self.scorecard.sudo(self.director)
        html = self.env.ref("omnia_customer.omnia_scorecard_report").sudo(
            self.director).render_template(
                "omnia_customer.report_omnia_scorecard_document",
                {"doc": scorecard, "docs": scorecard})
        for text in (b"Uusintaostot", b"Repeat purchases", b"9.00"):
            self.assertIn(text, html)

    def test_measure_in_finnish(self):
        self.env["ir.translation"].load_module_terms(["omnia_customer"], ["fi_FI"])
        lines = self.env["omnia.scorecard.line"].with_context(lang="fi_FI")
        labels = dict(lines._selection_measure())
        self.assertEqual((labels["repeat_purchases"], labels["repeat_customers"]),
                         ("Uusintaostot", "Uusintaostajat"))

    # Access

    def test_account_manager_sees_own_and_team_figures(self):
        targets = self.env["omnia.target"].sudo(self.am1)
        visible = targets.search([("date_from", "=", "2015-01-01")])
        self.assertEqual(visible, self.year_am1 | self.q1_am1 | self.year_team)
        self.assertEqual(
            [target.actual_repeat_purchases for target in visible.sorted("id")], [7, 2, 8])
        with self.assertRaises(AccessError):
            self.year_am2.sudo(self.am1).read(["actual_repeat_purchases"])
        report = self.env["omnia.target.report"].sudo(self.am2)
        self.assertEqual(
            sorted(report.search([("date_from", "=", "2015-01-01")]).mapped(
                "actual_repeat_purchases")), [1, 8])
        # The scorecard is the whole team's: every account manager reads it.
        self.assertEqual(self.scorecard.line_ids.sudo(self.am2).actual, 9.0)

    def test_account_manager_cannot_set_targets(self):
        for target in (self.year_am1, self.year_am2):
            with self.assertRaises(AccessError):
                target.sudo(self.am1).write({"target_repeat_purchases": 0})
        with self.assertRaises(AccessError):
            self.env["omnia.target"].sudo(self.am1).create({
                "user_id": self.am1.id, "period_type": "year", "date_from": "2016-01-01",
                "target_repeat_purchases": 99})
        with self.assertRaises(AccessError):
            self.year_am1.sudo(self.am1).write({"user_id": self.am2.id})
        self.assertEqual((self.year_am1.user_id, self.year_am1.target_repeat_purchases),
                         (self.am1, 5))

    def test_team_lead_and_management_set_the_target(self):
        self.year_am1.sudo(self.team_lead).write({"target_repeat_purchases": 10})
        self.assertEqual(self.year_am1.repeat_purchases_progress, 70.0)
        self.year_am1.sudo(self.director).action_approve()
        # Approved: management only.
        with self.assertRaises(AccessError):
            self.year_am1.sudo(self.team_lead).write({"target_repeat_purchases": 7})
        self.year_am1.sudo(self.director).write({"target_repeat_purchases": 7})
        self.assertEqual(self.year_am1.repeat_purchases_progress, 100.0)

    @mute_logger("odoo.sql_db")
    def test_negative_target_refused(self):
        with self.assertRaisesRegex(IntegrityError, "target_repeat_purchases_positive"), \
                self.cr.savepoint():
            self.year_am1.sudo(self.team_lead).write({"target_repeat_purchases": -1})
        self.assertEqual(self.year_am1.target_repeat_purchases, 5)
        self.assertIn(("target_repeat_purchases_positive", "CHECK(target_repeat_purchases >= 0)",
                       "Target Repeat Purchases: must not be negative."),
                      self.env["omnia.target"]._sql_constraints)
