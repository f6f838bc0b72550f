# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import ValidationError

from .common import OmniaCalendarCase


class TestWorkHours(OmniaCalendarCase):
    """The weekly hours report counts every occurrence for every account
    manager attending."""

    def test_single_event(self):
        event = self._event(self.am1, "2030-01-07 09:00:00", "2030-01-07 10:30:00")
        rows = self.Report.search_read(
            [("event_id", "=", event.id)], ["user_id", "date", "week", "hours", "partner_id"])
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0]["user_id"][0], self.am1.id)
        self.assertEqual(rows[0]["date"], "2030-01-07")
        self.assertEqual(rows[0]["week"], "2030-W02")
        self.assertEqual(rows[0]["hours"], 1.5)
        self.assertEqual(event.hours, 1.5)

    def test_local_date_and_iso_week_at_year_end(self):
        # 23:30 UTC on Sunday 2030-12-29 is Monday 01:30 in Helsinki: week 1 of 2031.
        self.am1.tz = "Europe/Helsinki"
        event = self._event(self.am1, "2030-12-29 23:30:00", "2030-12-30 00:30:00")
        row = self.Report.search_read([("event_id", "=", event.id)], ["date", "week"])[0]
        self.assertEqual((row["date"], row["week"]), ("2030-12-30", "2031-W01"))

    def test_allday_event_counts_setting_hours_per_day(self):
        event = self._event(self.am1, "2030-01-08", "2030-01-09", allday=True)
        self.assertEqual(self._event_hours(event), 15.0)
        self.assertEqual(self._event_hours(event, date_from="2030-01-09"), 7.5)
        self.assertEqual(event.hours, 15.0)
        self.env["res.config.settings"].create({"omnia_allday_hours": 8.0}).set_values()
        self.assertEqual(self._event_hours(event), 16.0)
        self.assertEqual(event.hours, 16.0)

    def test_allday_hours_follow_system_parameter(self):
        event = self._event(self.am1, "2030-01-08", "2030-01-08", allday=True)
        params = self.env["ir.config_parameter"]
        params.set_param("omnia_customer.allday_hours", "6.5")
        self.assertEqual(self._event_hours(event), 6.5)
        for bad in ("25", "0", "seven"):
            with self.assertRaisesRegex(ValidationError, "Value: the hours of an all-day"), \
                    self.cr.savepoint():
                params.set_param("omnia_customer.allday_hours", bad)
        self.assertEqual(self._event_hours(event), 6.5)
        # Without the parameter the default counts.
        params.search([("key", "=", "omnia_customer.allday_hours")]).unlink()
        self.assertEqual(self._event_hours(event), 7.5)

    def test_recurring_event_across_range_edge(self):
        event = self._event(
            self.am1, "2030-01-07 09:00:00", "2030-01-07 10:00:00",
            recurrency=True, rrule_type="weekly", mo=True, interval=1,
            end_type="count", count=10)
        self.assertEqual(self._event_hours(event), 10.0)
        # January has four of the Mondays, the rest fall in February and March.
        self.assertEqual(
            self._event_hours(event, date_from="2030-01-01", date_to="2030-01-31"), 4.0)
        self.assertEqual(
            self._event_hours(event, date_from="2030-01-28", date_to="2030-02-03"), 1.0)

    def test_recurring_event_detached_and_deleted_occurrences(self):
        event = self._event(
            self.am1, "2030-01-07 09:00:00", "2030-01-07 10:00:00",
            recurrency=True, rrule_type="weekly", mo=True, interval=1,
            end_type="count", count=10)
        # One occurrence detached ("update only this instance") and made two
        # hours long.
        occurrence = self.Event.sudo(self.am1).browse("%s-20300114090000" % event.id)
        detached = self.Event.browse(occurrence.action_detach_recurring_event()["res_id"])
        self.assertEqual(detached.recurrent_id, event.id)
        self.assertEqual(self._event_hours(event), 9.0)
        self.assertEqual(self._event_hours(detached), 1.0)
        detached.sudo(self.am1).write({
            "start": "2030-01-14 09:00:00", "stop": "2030-01-14 11:00:00"})
        self.assertEqual(self._event_hours(detached), 2.0)
        # Another occurrence deleted: it no longer counts.
        self.Event.sudo(self.am1).browse("%s-20300121090000" % event.id).unlink()
        self.assertEqual(self._event_hours(event), 8.0)
        self.assertEqual(
            self._hours([("date", ">=", "2030-01-01"), ("date", "<=", "2030-03-31")],
                        users=self.am1), 10.0)

    def test_recurring_event_changed_rule(self):
        event = self._event(
            self.am1, "2030-01-07 09:00:00", "2030-01-07 10:00:00",
            recurrency=True, rrule_type="weekly", mo=True, interval=1,
            end_type="count", count=10)
        event.write({"count": 3})
        self.assertEqual(self._event_hours(event), 3.0)
        event.write({"recurrency": False})
        self.assertEqual(self._event_hours(event), 1.0)

    def test_two_account_managers_attending(self):
        event = self._event(
            self.am1, "2030-01-07 09:00:00", "2030-01-07 10:00:00",
            attendees=self.am2 | self.employee)
        self.assertEqual(self._event_hours(event, user=self.am1), 1.0)
        self.assertEqual(self._event_hours(event, user=self.am2), 1.0)
        self.assertEqual(self._event_hours(event), 2.0)
        # A colleague who is not an account manager has no hours here.
        self.assertFalse(self.Report.search(
            [("event_id", "=", event.id), ("user_id", "=", self.employee.id)]))
        # The team lead is an account manager too; leaving the event removes her row.
        event.write({"partner_ids": [(4, self.team_lead.partner_id.id)]})
        self.assertEqual(self._event_hours(event), 3.0)
        event.write({"partner_ids": [(3, self.am2.partner_id.id)]})
        self.assertEqual(self._event_hours(event), 2.0)

    def test_event_without_customer(self):
        event = self._event(
            self.am1, "2030-01-07 09:00:00", "2030-01-07 11:00:00",
            work_type_id=self.wt_internal.id)
        row = self.Report.search_read(
            [("event_id", "=", event.id)], ["partner_id", "segment_id", "hours",
                                            "is_customer_meeting"])[0]
        self.assertEqual(
            (row["partner_id"], row["segment_id"], row["hours"], row["is_customer_meeting"]),
            (False, False, 2.0, False))

    def test_customer_segment_and_cluster(self):
        event = self._event(
            self.am1, "2030-01-07 09:00:00", "2030-01-07 10:00:00",
            omnia_partner_id=self.customer.id, cluster_id=self.cluster.id)
        row = self.Report.search_read(
            [("event_id", "=", event.id)],
            ["partner_id", "segment_id", "cluster_id", "work_type_id", "is_customer_meeting"])[0]
        self.assertEqual(row["partner_id"][0], self.customer.id)
        self.assertEqual(row["segment_id"][0], self.segment.id)
        self.assertEqual(row["cluster_id"][0], self.cluster.id)
        self.assertEqual(row["work_type_id"][0], self.wt_visit.id)
        self.assertTrue(row["is_customer_meeting"])
        self.assertEqual(self.cluster.meeting_ids, event)

    def test_moved_archived_and_not_work(self):
        event = self._event(self.am1, "2030-01-07 09:00:00", "2030-01-07 10:00:00")
        event.write({"start": "2030-01-15 09:00:00", "stop": "2030-01-15 12:00:00"})
        row = self.Report.search_read([("event_id", "=", event.id)], ["date", "hours"])[0]
        self.assertEqual((row["date"], row["hours"]), ("2030-01-15", 3.0))
        event.write({"work_type_id": self.wt_nowork.id})
        self.assertEqual(self._event_hours(event), 0.0)
        event.write({"work_type_id": self.wt_visit.id, "active": False})
        self.assertEqual(self._event_hours(event), 0.0)

    def test_weekly_pivot(self):
        self._event(self.am1, "2030-01-07 09:00:00", "2030-01-07 10:00:00")
        self._event(self.am1, "2030-01-09 09:00:00", "2030-01-09 11:30:00",
                    attendees=self.am2)
        self._event(self.am2, "2030-01-14 09:00:00", "2030-01-14 10:00:00")
        groups = self.Report.read_group(
            [("user_id", "in", (self.am1 | self.am2).ids), ("date", ">=", "2030-01-01"),
             ("date", "<=", "2030-01-31")],
            ["hours", "week", "user_id"], ["week", "user_id"], lazy=False)
        result = {(group["week"], group["user_id"][0]): group["hours"] for group in groups}
        self.assertEqual(result, {
            ("2030-W02", self.am1.id): 3.5,
            ("2030-W02", self.am2.id): 2.5,
            ("2030-W03", self.am2.id): 1.0,
        })
