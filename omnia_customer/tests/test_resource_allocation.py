# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import psycopg2

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .common import OmniaCalendarCase

# The tests' weeks (TODAY is Friday 2026-03-06, in ISO week 2026-W10): the
# nightly job looks back on W06 to W09.
W06, W07, W08, W09, W10 = (
    "2026-02-02", "2026-02-09", "2026-02-16", "2026-02-23", "2026-03-02")


class TestResourceAllocation(OmniaCalendarCase):
    """The account managers' work time allocations against their logged
    hours, per week; the weeks under the threshold flagged once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The tests' own allocations only.
        cls.env["omnia.resource.allocation"].search([]).unlink()
        cls.env["ir.config_parameter"].set_param(
            "omnia_customer.resource_threshold_percent", "80")
        cls.team = cls.env["crm.team"].create(
            {"name": "Testin asiakastiimi", "user_id": cls.team_lead.id})
        (cls.am1 | cls.am2).write({"sale_team_id": cls.team.id})
        Allocation = cls.env["omnia.resource.allocation"].sudo(cls.team_lead)
        cls.alloc1 = Allocation.create({
            "user_id": cls.am1.id, "date_from": W06, "hours_per_week": 20.0})
        # Wednesday to the Sunday of the next week: 3/5 of W06, all of W07.
        cls.alloc2 = Allocation.create({
            "user_id": cls.am2.id, "date_from": "2026-02-04", "date_to": "2026-02-15",
            "hours_per_week": 10.0})
        # am1: W06 16 h (80 %), W07 12 h (60 %), W08 none, W09 25 h, W10 3 h.
        for start, stop in (
                ("2026-02-03 08:00:00", "2026-02-03 16:00:00"),
                ("2026-02-05 08:00:00", "2026-02-05 16:00:00"),
                ("2026-02-10 08:00:00", "2026-02-10 20:00:00"),
                ("2026-02-23 08:00:00", "2026-02-23 20:00:00"),
                ("2026-02-24 08:00:00", "2026-02-24 21:00:00"),
                ("2026-03-03 09:00:00", "2026-03-03 12:00:00")):
            cls._event(cls.am1, start, stop)
        # Hours that do not count as work are not logged hours.
        cls._event(cls.am1, "2026-02-11 11:00:00", "2026-02-11 12:00:00",
                   work_type_id=cls.wt_nowork.id)
        # am2: 5 h in W07 (50 %).
        cls._event(cls.am2, "2026-02-12 08:00:00", "2026-02-12 13:00:00")
        cls.Week = cls.env["omnia.resource.week.report"]
        cls.Flag = cls.env["omnia.resource.flag"]

    def _weeks(self, user, env_user=None):
        Week = self.Week.sudo(env_user) if env_user else self.Week
        return [
            (row["week"], row["allocated_hours"], row["logged_hours"], row["difference"],
             row["utilisation"], row["under_threshold"])
            for row in Week.search_read(
                [("user_id", "=", user.id), ("week_start", "<=", W10)],
                ["week", "allocated_hours", "logged_hours", "difference", "utilisation",
                 "under_threshold"], order="week_start")]

    # The report

    def test_week_figures(self):
        self.assertEqual(self._weeks(self.am1), [
            ("2026-W06", 20.0, 16.0, -4.0, 80.0, False),
            ("2026-W07", 20.0, 12.0, -8.0, 60.0, True),
            ("2026-W08", 20.0, 0.0, -20.0, 0.0, True),
            ("2026-W09", 20.0, 25.0, 5.0, 125.0, False),
            # Ended by the database's clock, which the report reads.
            ("2026-W10", 20.0, 3.0, -17.0, 15.0, True),
        ])

    def test_period_share_of_a_week(self):
        # 10 h a week from a Wednesday: 6 h in its first week; no week
        # after its end.
        self.assertEqual(self._weeks(self.am2), [
            ("2026-W06", 6.0, 0.0, -6.0, 0.0, True),
            ("2026-W07", 10.0, 5.0, -5.0, 50.0, True),
        ])

    def test_period_change_mid_week(self):
        Allocation = self.env["omnia.resource.allocation"].sudo(self.director)
        Allocation.create({"user_id": self.team_lead.id, "date_from": "2026-01-05",
                           "date_to": "2026-01-07", "hours_per_week": 20.0})
        Allocation.create({"user_id": self.team_lead.id, "date_from": "2026-01-08",
                           "date_to": "2026-01-11", "hours_per_week": 10.0})
        self._event(self.team_lead, "2026-01-06 08:00:00", "2026-01-06 20:00:00")
        # 3/5 of 20 h and 2/5 of 10 h: one row of 16 h; 12 h is 75 %.
        self.assertEqual(self._weeks(self.team_lead), [
            ("2026-W02", 16.0, 12.0, -4.0, 75.0, True)])

    def test_threshold_from_settings(self):
        settings = self.env["res.config.settings"].sudo(self.admin).create(
            {"omnia_resource_threshold": 50})
        settings.set_values()
        self.assertEqual(self.env["res.config.settings"].sudo(self.admin)
                         .get_values()["omnia_resource_threshold"], 50)
        under = [week for week, *_figures, flagged in self._weeks(self.am1) if flagged]
        self.assertEqual(under, ["2026-W08", "2026-W10"])
        for bad in (0, 101):
            with self.assertRaisesRegex(ValidationError, "Weekly Hours Threshold"), \
                    self.cr.savepoint():
                self.env["res.config.settings"].sudo(self.admin).create(
                    {"omnia_resource_threshold": bad})

    # Bad input

    def test_overlap_refused(self):
        Allocation = self.env["omnia.resource.allocation"].sudo(self.team_lead)
        for date_from, date_to in (("2026-03-01", "2026-03-31"), ("2025-12-01", False)):
            with self.assertRaisesRegex(ValidationError, "Start Date: the period overlaps"), \
                    self.cr.savepoint():
                Allocation.create({"user_id": self.am1.id, "date_from": date_from,
                                   "date_to": date_to, "hours_per_week": 10.0})
        # Before and after another's period, the next day: no overlap.
        Allocation.create({"user_id": self.am2.id, "date_from": "2026-02-16",
                           "hours_per_week": 12.0})
        Allocation.create({"user_id": self.am2.id, "date_from": "2026-01-01",
                           "date_to": "2026-02-03", "hours_per_week": 12.0})
        self.assertEqual(Allocation.search_count([("user_id", "=", self.am2.id)]), 3)
        with self.assertRaisesRegex(ValidationError, "Start Date: the period overlaps"), \
                self.cr.savepoint():
            self.alloc2.sudo(self.team_lead).write({"date_to": "2026-02-16"})

    @mute_logger("odoo.sql_db")
    def test_overlap_refused_by_the_database(self):
        # Two saves at once, past the Python check: the exclusion constraint.
        with self.assertRaises(psycopg2.IntegrityError), self.cr.savepoint():
            self.cr.execute("SET CONSTRAINTS ALL IMMEDIATE")
            self.cr.execute("""
                INSERT INTO omnia_resource_allocation (user_id, date_from, hours_per_week)
                VALUES (%s, '2026-06-01', 10)""", (self.am1.id,))

    def test_bad_values_refused(self):
        Allocation = self.env["omnia.resource.allocation"].sudo(self.team_lead)
        for hours in (0.0, -5.0, 40.5):
            with self.assertRaisesRegex(ValidationError, "Hours per Week"), \
                    self.cr.savepoint():
                Allocation.create({"user_id": self.team_lead.id, "date_from": "2027-01-04",
                                   "hours_per_week": hours})
        with self.assertRaisesRegex(ValidationError, "End Date"), self.cr.savepoint():
            Allocation.create({"user_id": self.team_lead.id, "date_from": "2027-01-04",
                               "date_to": "2027-01-03", "hours_per_week": 10.0})
        self.assertFalse(Allocation.search([("user_id", "=", self.team_lead.id)]))

    # Flagging

    def _activities(self):
        return self.env["mail.activity"].search(
            [("res_model", "=", "omnia.resource.flag")], order="res_name")

    def test_flagging_idempotent(self):
        self.assertEqual(self.Flag._flag_weeks(), 4)
        flags = self.Flag.search([("user_id", "in", (self.am1 | self.am2).ids)])
        self.assertEqual(
            sorted((flag.user_id.login, flag.week, flag.logged_hours, flag.allocated_hours)
                   for flag in flags),
            [("test.am1", "2026-W07", 12.0, 20.0), ("test.am1", "2026-W08", 0.0, 20.0),
             ("test.am2", "2026-W06", 0.0, 6.0), ("test.am2", "2026-W07", 5.0, 10.0)])
        activities = self._activities().filtered(lambda a: a.res_id in flags.ids)
        self.assertEqual(len(activities), 4)
        activity = activities.filtered(
            lambda a: a.user_id == self.am1 and a.res_name.endswith("2026-W07"))
        self.assertEqual(activity.res_name, "Test AM One, 2026-W07")
        self.assertEqual(activity.activity_type_id, self.env.ref(
            "omnia_customer.mail_activity_type_week_under_target"))
        self.assertEqual(activity.date_deadline, self.TODAY)
        self.assertEqual(activity.note, "<p>Week 2026-W07: 12.0 h logged of 20.0 h "
                                        "allocated (60.0 %), under the threshold of 80 %.</p>")
        # Run again: nothing new.
        self.assertEqual(self.Flag._flag_weeks(), 0)
        self.assertEqual(self._activities(), activities | (self._activities() - activities))
        self.assertEqual(len(self._activities().filtered(lambda a: a.res_id in flags.ids)), 4)
        # The account manager marks it done: the week is not flagged again.
        activity.sudo(self.am1).action_done()
        self.assertFalse(activity.exists())
        self.assertEqual(self.Flag._flag_weeks(), 0)
        self.assertEqual(len(self._activities().filtered(lambda a: a.res_id in flags.ids)), 3)
        self.assertEqual(self.Flag.search_count([("id", "in", flags.ids)]), 4)

    def test_flag_note_in_finnish(self):
        self.env["res.lang"].load_lang("fi_FI")
        self.am1.lang = "fi_FI"
        self.Flag._flag_weeks()
        activity = self._activities().filtered(
            lambda a: a.user_id == self.am1 and a.res_name.endswith("2026-W08"))
        self.assertEqual(activity.note, "<p>Viikko 2026-W08: kirjattu 0,0 h, "
                                        "työaikaresurssi 20,0 h (0,0 %), alle alarajan 80 %.</p>")

    # Who sees and changes what

    def test_account_manager_reads_his_own_only(self):
        Allocation = self.env["omnia.resource.allocation"].sudo(self.am1)
        self.assertEqual(Allocation.search([]), self.alloc1)
        with self.assertRaises(AccessError):
            self.alloc2.sudo(self.am1).read(["hours_per_week"])
        self.assertEqual(set(self.Week.sudo(self.am1).search([]).mapped("user_id")),
                         {self.am1})
        self.assertEqual(self._weeks(self.am2, env_user=self.am1), [])
        self.Flag._flag_weeks()
        self.assertEqual(set(self.Flag.sudo(self.am1).search([]).mapped("user_id")),
                         {self.am1})

    def test_account_manager_cannot_change_allocations(self):
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.env["omnia.resource.allocation"].sudo(self.am1).create(
                {"user_id": self.am1.id, "date_from": "2027-01-04", "hours_per_week": 37.5})
        for vals in ({"hours_per_week": 37.5}, {"user_id": self.am2.id}):
            with self.assertRaises(AccessError), self.cr.savepoint():
                self.alloc1.sudo(self.am1).write(vals)
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.alloc1.sudo(self.am1).unlink()
        self.assertEqual((self.alloc1.user_id, self.alloc1.hours_per_week), (self.am1, 20.0))

    def test_team_lead_and_management_keep_allocations(self):
        self.alloc1.sudo(self.team_lead).write({"hours_per_week": 25.0})
        self.alloc2.sudo(self.director).write({"date_to": "2026-02-08"})
        self.assertEqual(self._weeks(self.am2), [("2026-W06", 6.0, 0.0, -6.0, 0.0, True)])
        self.assertEqual(len(self.Week.sudo(self.team_lead).search(
            [("user_id", "in", (self.am1 | self.am2).ids), ("week_start", "<=", W10)])), 6)
        self.alloc2.sudo(self.director).unlink()
        self.assertFalse(self.alloc2.exists())

    def test_nobody_changes_the_report_or_the_flags(self):
        self.Flag._flag_weeks()
        flag = self.Flag.search([("user_id", "=", self.am1.id)], limit=1)
        for user in (self.am1, self.team_lead, self.director):
            with self.assertRaises(AccessError), self.cr.savepoint():
                flag.sudo(user).write({"logged_hours": 40.0})
            with self.assertRaises((AccessError, UserError)), self.cr.savepoint():
                self.Week.sudo(user).search([], limit=1).write({"logged_hours": 40.0})

    # The homes

    def test_homes(self):
        card = self.env.ref("omnia_customer.omnia_dashboard_my_targets").sudo(self.am1)
        self.assertEqual(
            (card.resource_week_logged, card.resource_week_allocated,
             card.resource_last_week_logged, card.resource_last_week_allocated),
            (3.0, 20.0, 25.0, 20.0))
        team_card = self.env.ref("omnia_customer.omnia_dashboard_team_targets").sudo(
            self.team_lead)
        # am1 W07 and W08, am2 W06 and W07.
        self.assertEqual(team_card.resource_under_count, 4)
        action = team_card.action_open_resource_under()
        self.assertEqual(
            sorted((row["user_id"][0], row["week"]) for row in self.Week.sudo(
                self.team_lead).search_read(action["domain"], ["user_id", "week"])),
            sorted([(self.am1.id, "2026-W07"), (self.am1.id, "2026-W08"),
                    (self.am2.id, "2026-W06"), (self.am2.id, "2026-W07")]))
