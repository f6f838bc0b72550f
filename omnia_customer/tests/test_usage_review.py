# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from odoo.addons.omnia_customer.models.ir_autovacuum import KEEP_LOGIN_DAYS

from .common import OmniaCase


class UsageCase(OmniaCase):
    """Logins of the tests' users in Odoo's user log (res.users.log) in
    weeks of 2015."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Report = cls.env["omnia.usage.report"]

    @classmethod
    def _logins(cls, user, *moments):
        """Logins of ``user`` at ``moments`` (UTC strings)."""
        # Raw SQL: a login's user and time are the system's own.
        for moment in moments:
            cls.env.cr.execute(
                "INSERT INTO res_users_log (create_uid, create_date, write_uid, write_date) "
                "VALUES (%s, %s, %s, %s)", (user.id, moment, user.id, moment))
        cls.env["omnia.usage.report"].invalidate_cache()


class TestLoginReport(UsageCase):
    """Logins per user, role and ISO week in the usage report (R24)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 2015-W10: Monday 2 March - Sunday 8 March
        cls._logins(cls.am1, "2015-03-02 07:00:00", "2015-03-02 12:00:00",
                    "2015-03-08 23:59:00", "2015-03-09 00:01:00")
        cls._logins(cls.am2, "2015-03-04 08:00:00")
        cls._logins(cls.team_lead, "2015-03-05 08:00:00", "2015-03-10 08:00:00")
        cls._logins(cls.director, "2015-03-03 09:00:00", "2015-03-06 09:00:00",
                    "2015-03-06 15:00:00")
        cls._logins(cls.employee, "2015-03-03 10:00:00")

    def _row(self, user, week):
        return self.Report.search([("user_id", "=", user.id), ("week", "=", week)])

    def test_logins_per_user_and_week(self):
        self.assertEqual(
            [(row.logins, row.users_logged_in, row.total_actions, row.active_this_month)
             for row in self._row(self.am1, "2015-W10") | self._row(self.am1, "2015-W11")],
            [(3, 1, 0, False), (1, 1, 0, False)])
        # A user has one role; a team lead, also in the account managers'
        # group, counts as team lead.
        self.assertEqual(self._row(self.team_lead, "2015-W10").user_group, "team_lead")
        # Outside the customer team: not in the report.
        self.assertFalse(self.Report.search([("user_id", "=", self.employee.id)]))

    def test_logins_per_role_and_week(self):
        """The pivot's figures per role and week."""
        groups = self.Report.read_group(
            [("week", "in", ["2015-W10", "2015-W11"]),
             ("user_id", "in", (self.am1 | self.am2 | self.team_lead | self.director).ids)],
            ["user_group", "week", "logins", "users_logged_in"], ["user_group", "week"],
            lazy=False)
        self.assertEqual(
            sorted((group["user_group"], group["week"], group["logins"],
                    group["users_logged_in"]) for group in groups),
            [("account_manager", "2015-W10", 4, 2),
             ("account_manager", "2015-W11", 1, 1),
             ("management", "2015-W10", 3, 1),
             ("team_lead", "2015-W10", 1, 1),
             ("team_lead", "2015-W11", 1, 1)])

    def test_old_logins_kept_for_the_report(self):
        """Odoo's daily clean-up kept only each user's last login; the
        logins of the last KEEP_LOGIN_DAYS days stay."""
        now = datetime.utcnow()
        recent = [fields.Datetime.to_string(now - timedelta(days=days)) for days in (3, 2)]
        old = fields.Datetime.to_string(now - timedelta(days=KEEP_LOGIN_DAYS + 1))
        self._logins(self.am2, old, *recent)
        self.env["ir.autovacuum"]._gc_user_logs()
        self.env.cr.execute(
            "SELECT create_date FROM res_users_log WHERE create_uid = %s "
            "ORDER BY create_date", (self.am2.id,))
        self.assertEqual([row[0] for row in self.env.cr.fetchall()], recent)
        # One login only, however old, is kept as Odoo keeps it.
        self.env.cr.execute("SELECT COUNT(*) FROM res_users_log WHERE create_uid = %s",
                            (self.am1.id,))
        self.assertEqual(self.env.cr.fetchone()[0], 1)


class TestUsageReview(UsageCase):
    """The key user's half-yearly report (R24) handled by the steering
    group (R25)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The week of Monday 29 June is the half-year's last: 1 July counts.
        cls._logins(cls.am1, "2015-01-05 08:00:00", "2015-06-29 08:00:00",
                    "2015-07-01 08:00:00", "2015-07-06 08:00:00")
        cls._logins(cls.director, "2015-03-03 09:00:00")
        # A week that began in 2014: the half-year counts from the weeks
        # starting in it.
        cls._logins(cls.team_lead, "2015-01-01 08:00:00", "2015-02-02 08:00:00")
        cls.Review = cls.env["omnia.usage.review"]

    def _review(self, user=None, **values):
        return self.Review.sudo(user or self.director).create(
            dict({"year": 2015, "half": "h1",
                  "conclusions": "<p>Kirjautumisia säännöllisesti.</p>"}, **values))

    def _figures(self, review, measures=("logins", "users_logged_in")):
        return {(line.user_group, line.measure): line.value
                for line in review.line_ids if line.measure in measures}

    def test_period_of_the_half_year(self):
        review = self._review()
        self.assertEqual((review.name, review.date_from, review.date_to, review.state),
                         ("1/2015", "2015-01-01", "2015-06-30", "draft"))
        review.write({"half": "h2"})
        self.assertEqual((review.name, review.date_from, review.date_to),
                         ("2/2015", "2015-07-01", "2015-12-31"))

    def test_freeze_figures(self):
        review = self._review()
        review.sudo(self.director).action_freeze()
        self.assertEqual((review.state, review.frozen_date),
                         ("frozen", fields.Date.context_today(review)))
        self.assertEqual(len(review.line_ids), 30)
        # Our users only: the database's other users may have figures too.
        expected = {
            ("account_manager", "logins"): 3, ("account_manager", "users_logged_in"): 2,
            ("team_lead", "logins"): 1, ("team_lead", "users_logged_in"): 1,
            ("management", "logins"): 1, ("management", "users_logged_in"): 1,
        }
        figures = self._figures(review)
        others = self.Report.read_group(
            [("week_start", ">=", "2015-01-01"), ("week_start", "<=", "2015-06-30"),
             ("user_id", "not in", (self.am1 | self.team_lead | self.director).ids)],
            ["user_group", "logins", "users_logged_in"], ["user_group"], lazy=False)
        for group in others:
            for measure in ("logins", "users_logged_in"):
                expected[(group["user_group"], measure)] += group[measure]
        self.assertEqual(figures, expected)
        # Later logins in the half-year do not change the frozen figures.
        self._logins(self.am2, "2015-03-03 08:00:00", "2015-03-04 08:00:00")
        self._logins(self.team_lead, "2015-05-05 08:00:00")
        review.invalidate_cache()
        self.assertEqual(self._figures(review), figures)
        self.assertEqual(
            self.Report.search([("user_id", "=", self.am2.id), ("week", "=", "2015-W10")])
            .logins, 2)
        # Frozen once; the lines are nobody's to change.
        with self.assertRaises(UserError):
            review.sudo(self.director).action_freeze()
        with self.assertRaises(AccessError):
            review.line_ids[:1].sudo(self.director).write({"value": 99})
        with self.assertRaises(AccessError):
            self.env["omnia.usage.review.line"].sudo(self.director).create({
                "review_id": review.id, "user_group": "management",
                "measure": "logins", "value": 5})
        with self.assertRaises(UserError):
            review.sudo(self.director).write({"conclusions": "<p>Muutettu.</p>"})

    def test_only_an_ended_half_year_is_frozen(self):
        today = fields.Date.from_string(fields.Date.context_today(self.Review))
        review = self._review(year=today.year, half="h1" if today.month <= 6 else "h2")
        with self.assertRaisesRegex(ValidationError, "Period: the half-year ends on"):
            review.sudo(self.director).action_freeze()
        self.assertEqual((review.state, len(review.line_ids)), ("draft", 0))

    def test_bad_periods_refused(self):
        self._review()
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), \
                self.env.cr.savepoint():
            # The unique key, whose message names the field: "Period: there
            # is already a report for this half-year."
            self._review()
        with self.assertRaisesRegex(ValidationError, "Year: must be between 2000 and 2100."), \
                self.env.cr.savepoint():
            self._review(year=1999)
        with self.assertRaisesRegex(ValidationError, "Half-Year: 'h3' is not one of its values."), \
                self.env.cr.savepoint():
            self._review(year=2016, half="h3")
        self.assertEqual(self.Review.search_count([("year", "in", (1999, 2015, 2016))]), 1)

    def test_steering_group_handles_the_report(self):
        review = self._review()
        with self.assertRaises(UserError):
            review.sudo(self.director).action_handle()
        review.sudo(self.director).action_freeze()
        with self.assertRaisesRegex(ValidationError, "Handled On: give the date"):
            review.sudo(self.director).action_handle()
        review.sudo(self.director).write({"handled_date": "2015-09-15", "decision": " \n"})
        with self.assertRaisesRegex(ValidationError, "Steering Group's Decision: write"):
            review.sudo(self.director).action_handle()
        review.sudo(self.director).write({"decision": "Hyväksytty."})
        review.sudo(self.director).action_handle()
        self.assertEqual((review.state, review.handled_date, review.decision),
                         ("handled", "2015-09-15", "Hyväksytty."))
        with self.assertRaises(UserError):
            review.sudo(self.director).write({"decision": "Muutettu."})
        with self.assertRaises(UserError):
            review.sudo(self.director).unlink()

    def test_access_per_role(self):
        review = self._review()
        # The key user is in management: he prepares, freezes and records
        # the handling; the team lead reads; account managers do not.
        self.assertEqual(review.sudo(self.team_lead).read(["name"])[0]["name"], "1/2015")
        for user in (self.team_lead, self.am1, self.employee, self.admin):
            with self.assertRaises(AccessError):
                self._review(user=user, year=2016)
            with self.assertRaises(AccessError):
                review.sudo(user).write({"conclusions": "<p>Muutettu.</p>"})
            with self.assertRaises(AccessError):
                review.sudo(user).action_freeze()
        with self.assertRaises(AccessError):
            review.sudo(self.am1).read(["name"])
        self.assertEqual(review.sudo(self.admin).read(["name"])[0]["name"], "1/2015")
        # Management's own fields: the state through the buttons.
        with self.assertRaises(AccessError):
            self._review(user=self.director, year=2017, state="handled")
        self.assertEqual(review.state, "draft")
        review.sudo(self.director).unlink()
        self.assertFalse(review.exists())
