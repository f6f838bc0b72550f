# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo import models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import mute_logger

from .common import OmniaTargetsCase


class TestOmniaTarget(OmniaTargetsCase):
    """Personal and team targets: live actuals, periods, approval rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company_a = cls._company("Test Konepaja Aalto Oy")
        company_b = cls._company("Test Rakennus Berg Oy")
        company_c = cls._company("Test Catering Castrén Oy")
        company_d = cls._company("Test Digitalo Oy")
        company_e = cls._company("Test Elintarvike Eskola Oy")
        company_f = cls._company("Test Fysio Forsman Oy")
        contact_f = cls._contact(company_f, "Test Fanni Forsman")
        opp = cls._opportunity
        # A: first purchase before the period, repeat in it.
        opp(company_a, 800, user=cls.am1, date_closed="2024-11-10 10:00:00")
        opp(company_a, 1000, user=cls.am1, date_closed="2025-02-01 12:00:00")
        # B: first purchase on the first second, a repeat on the last one.
        opp(company_b, 2000, user=cls.am1, date_closed="2025-01-01 00:00:00")
        opp(company_b, 500, user=cls.am1, date_closed="2025-03-31 23:59:59")
        # C: first won by the other account manager, then a repeat by am1.
        opp(company_c, 400, user=cls.am2, date_closed="2025-02-10 09:00:00")
        opp(company_c, 300, user=cls.am1, date_closed="2025-03-01 09:00:00")
        # D: first purchase just after the quarter.
        opp(company_d, 9999, user=cls.am1, date_closed="2025-04-01 00:00:00")
        # E: lost and open opportunities do not count.
        opp(company_e, 7777, user=cls.am1, date_closed="2025-02-20 10:00:00",
            probability=10, lost=True)
        cls.env["crm.lead"].create({
            "name": "Open offer", "type": "opportunity", "partner_id": company_e.id,
            "user_id": cls.am1.id, "planned_revenue": 5555, "probability": 50,
        })
        # F: won through a contact person of the company.
        opp(contact_f, 100, user=cls.am1, date_closed="2025-02-15 10:00:00")

        Target = cls.env["omnia.target"]
        cls.q1_am1 = Target.create({
            "user_id": cls.am1.id, "period_type": "quarter", "date_from": "2025-01-01",
            "target_new_customers": 4, "target_repeat_customers": 2,
            "target_meetings": 10, "target_revenue": 7800,
        })
        cls.q1_am2 = Target.create({
            "user_id": cls.am2.id, "period_type": "quarter", "date_from": "2025-01-01",
        })
        cls.year_am1 = Target.create({
            "user_id": cls.am1.id, "period_type": "year", "date_from": "2025-01-01",
        })
        cls.q1_team = Target.create({
            "team_id": cls.team.id, "period_type": "quarter", "date_from": "2025-01-01",
        })

    def _actuals(self, target):
        return (target.actual_new_customers, target.actual_repeat_customers,
                target.actual_revenue)

    def test_period_end_and_name(self):
        self.assertEqual(self.q1_am1.date_to, "2025-03-31")
        self.assertEqual(self.year_am1.date_to, "2025-12-31")
        self.assertEqual(self.q1_am1.name, "Test AM One, 2025 Q1")
        self.assertEqual(self.year_am1.name, "Test AM One, 2025")
        self.assertEqual(self.q1_team.name, "Test Customer Team, 2025 Q1")

    def test_quarter_actuals(self):
        # New: B and F (A bought before, C was won by am2, D after the quarter).
        # Repeat: A, B, C. Revenue: won ones only, lost and open excluded.
        self.assertEqual(self._actuals(self.q1_am1), (2, 3, 3900.0))
        self.assertEqual(self._actuals(self.q1_am2), (1, 0, 400.0))

    def test_year_actuals(self):
        self.assertEqual(self._actuals(self.year_am1), (3, 3, 13899.0))

    def test_progress(self):
        self.assertEqual(self.q1_am1.new_customers_progress, 50.0)
        self.assertEqual(self.q1_am1.repeat_customers_progress, 150.0)
        self.assertEqual(self.q1_am1.revenue_progress, 50.0)
        self.assertEqual(self.q1_am1.meetings_progress, 0.0)
        self.assertEqual(self.q1_am2.revenue_progress, 0.0)   # no target set

    def test_team_target_sums_members(self):
        self.assertEqual(self._actuals(self.q1_team), (3, 3, 4300.0))

    def test_one_query_per_measure(self):
        targets = self.q1_am1 | self.q1_am2 | self.year_am1 | self.q1_team
        measures = len(self.env["omnia.target"]._measure_queries())
        before = self.cr.sql_log_count
        actuals = targets._read_actuals()
        self.assertEqual(self.cr.sql_log_count - before, measures)
        self.assertEqual(actuals[self.q1_team.id]["actual_revenue"], 4300.0)

    def test_actuals_of_many_targets_in_one_pass(self):
        """Read together, the targets get their actuals from one pass of the
        measures, even past Odoo's batch of non-stored computations (made 2
        records here instead of 1 000)."""
        targets = (self.q1_am1 | self.q1_am2 | self.year_am1 | self.q1_team).with_prefetch()
        targets.invalidate_cache()
        in_cache_without = models.BaseModel._in_cache_without

        def small_batches(records, field, limit=2):
            return in_cache_without(records, field, limit=limit)

        Target = type(self.env["omnia.target"])
        with patch.object(models.BaseModel, "_in_cache_without", small_batches), \
                patch.object(Target, "_read_actuals", autospec=True,
                             side_effect=Target._read_actuals) as read_actuals:
            rows = targets.read(["actual_revenue"])
        self.assertEqual(read_actuals.call_count, 1)
        self.assertEqual(read_actuals.call_args[0][0], targets)
        self.assertEqual({row["id"]: row["actual_revenue"] for row in rows}[self.q1_team.id],
                         4300.0)

    def test_report_matches_targets(self):
        rows = self.env["omnia.target.report"].search([("target_id", "=", self.q1_am1.id)])
        self.assertEqual(
            (rows.actual_new_customers, rows.actual_repeat_customers, rows.actual_revenue,
             rows.target_revenue),
            (2, 3, 3900.0, 7800.0))

    def test_overlap_refused(self):
        Target = self.env["omnia.target"]
        with self.assertRaises(ValidationError):
            Target.create({"user_id": self.am1.id, "period_type": "quarter",
                           "date_from": "2025-01-01"})
        with self.assertRaises(ValidationError):
            Target.create({"team_id": self.team.id, "period_type": "quarter",
                           "date_from": "2025-01-01"})
        # Another granularity, another user or the next quarter are fine.
        Target.create({"user_id": self.am1.id, "period_type": "month", "date_from": "2025-02-01"})
        Target.create({"user_id": self.am2.id, "period_type": "year", "date_from": "2025-01-01"})
        Target.create({"user_id": self.am1.id, "period_type": "quarter", "date_from": "2025-04-01"})

    def test_period_start_checked(self):
        with self.assertRaises(ValidationError):
            self.env["omnia.target"].create({
                "user_id": self.am2.id, "period_type": "quarter", "date_from": "2025-02-01"})

    @mute_logger("odoo.sql_db")
    def test_user_or_team(self):
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["omnia.target"].create({
                "user_id": self.am2.id, "team_id": self.team.id,
                "period_type": "month", "date_from": "2025-05-01"})

    def test_account_manager_sees_own_targets(self):
        Target = self.env["omnia.target"].sudo(self.am1)
        visible = Target.search([("id", "in", (self.q1_am1 | self.q1_am2 | self.q1_team).ids)])
        self.assertEqual(visible, (self.q1_am1 | self.q1_team).sudo(self.am1))
        with self.assertRaises(AccessError):
            self.q1_am2.sudo(self.am1).read(["target_revenue"])
        with self.assertRaises(AccessError):
            self.q1_am1.sudo(self.am1).write({"target_revenue": 1})
        with self.assertRaises(AccessError):
            Target.create({"user_id": self.am1.id, "period_type": "month",
                           "date_from": "2025-06-01"})

    def test_only_management_approves(self):
        target = self.env["omnia.target"].sudo(self.team_lead).create({
            "user_id": self.am2.id, "period_type": "month", "date_from": "2025-06-01",
            "target_revenue": 1000,
        })
        with self.assertRaises(AccessError):
            target.action_approve()
        with self.assertRaises(AccessError):
            target.write({"state": "approved"})
        target.sudo(self.director).action_approve()
        self.assertEqual(target.state, "approved")
        self.assertEqual(target.approved_by_id, self.director)
        # Approved: read-only except to management.
        with self.assertRaises(AccessError):
            target.write({"target_revenue": 2000})
        with self.assertRaises(AccessError):
            target.unlink()
        target.sudo(self.director).write({"target_revenue": 2000})
        self.assertEqual(target.target_revenue, 2000)
        target.sudo(self.director).action_reset_to_draft()
        self.assertEqual(target.state, "draft")
        target.write({"target_revenue": 3000})
