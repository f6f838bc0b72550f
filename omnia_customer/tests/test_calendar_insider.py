# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The calendar seen by an insider and through every view of one week:
bounded events, private events masked in searches and derived rows, and
one definition of a meeting for the customer's count, its list, the
targets and the scorecard."""
from odoo.exceptions import ValidationError

from .common import OmniaCalendarCase


class TestCalendarInsider(OmniaCalendarCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # am2's private meeting with the customer, which am1 may not see.
        cls.private = cls._event(
            cls.am2, "2030-01-09 12:00:00", "2030-01-09 14:00:00",
            name="Salainen neuvottelu", privacy="private",
            omnia_partner_id=cls.customer.id)

    def _occurrence_rows(self):
        self.env.cr.execute("SELECT count(*) FROM omnia_event_occurrence")
        return self.env.cr.fetchone()[0]

    # 4. Unbounded work from one call

    def test_event_size_bounded(self):
        rows = self._occurrence_rows()
        Event = self.Event.sudo(self.am1)
        cases = [
            ({"allday": True, "start": "2026-01-01", "stop": "7026-01-01",
              "start_date": "2026-01-01", "stop_date": "7026-01-01"}, "End:"),
            ({"start": "2026-01-05 08:00:00", "stop": "2026-01-05 09:00:00",
              "recurrency": True, "rrule_type": "weekly", "mo": True, "interval": 1,
              "end_type": "count", "count": 100000}, "Repeat:"),
            ({"start": "2026-01-05 08:00:00", "stop": "2026-01-05 09:00:00",
              "recurrency": True, "rrule_type": "daily", "interval": 0,
              "end_type": "count", "count": 3}, "Repeat Every:"),
            ({"start": "2026-01-05 08:00:00", "stop": "2026-01-05 09:00:00",
              "recurrency": True, "rrule_type": "weekly", "mo": True, "interval": 1,
              "end_type": "end_date", "final_date": "2037-01-05"}, "Repeat Until:"),
            # 600 weeks: fewer than the count allows, beyond ten years
            ({"start": "2026-01-05 08:00:00", "stop": "2026-01-05 09:00:00",
              "recurrency": True, "rrule_type": "weekly", "mo": True, "interval": 1,
              "end_type": "count", "count": 600}, "Repeat Until:"),
            # every day for nine years: within ten years, too many times
            ({"start": "2026-01-05 08:00:00", "stop": "2026-01-05 09:00:00",
              "recurrency": True, "rrule_type": "daily", "interval": 1,
              "end_type": "end_date", "final_date": "2035-01-05"}, "Repeat:"),
        ]
        for values, message in cases:
            with self.assertRaisesRegex(ValidationError, message), self.cr.savepoint():
                Event.create(dict(values, name="Rajaton", user_id=self.am1.id))
        self.assertEqual(self._occurrence_rows(), rows)
        # a year of weekly meetings and a two-week holiday are fine
        Event.create({"name": "Viikkopalaveri", "start": "2026-01-05 08:00:00",
                      "stop": "2026-01-05 09:00:00", "recurrency": True,
                      "rrule_type": "weekly", "mo": True, "interval": 1,
                      "end_type": "count", "count": 52, "user_id": self.am1.id})
        Event.create({"name": "Loma", "allday": True, "start": "2026-07-01",
                      "stop": "2026-07-14", "start_date": "2026-07-01",
                      "stop_date": "2026-07-14", "user_id": self.am1.id})
        self.assertEqual(self._occurrence_rows(), rows + 52 + 14)

    # 6. Derived data without the source's rules

    def test_private_event_not_found_by_customer(self):
        Event = self.Event.sudo(self.am1)
        domain = [("omnia_partner_id", "=", self.customer.id)]
        self.assertNotIn(self.private.id, Event.search(domain).ids)
        self.assertEqual(Event.search_count(domain + [("privacy", "=", "private")]), 0)
        groups = Event.read_group([("id", "=", self.private.id)], ["omnia_partner_id"],
                                  ["omnia_partner_id"])
        self.assertEqual(groups, [])
        # its organiser and the superuser find it
        self.assertIn(self.private.id, self.Event.sudo(self.am2).search(domain).ids)
        self.assertIn(self.private.id, self.Event.search(domain).ids)

    def test_private_occurrences_hidden(self):
        Occurrence = self.env["omnia.event.occurrence"]
        self.assertFalse(Occurrence.sudo(self.am1).search(
            [("event_id", "=", self.private.id)]))
        self.assertEqual(len(Occurrence.sudo(self.am2).search(
            [("event_id", "=", self.private.id)])), 1)
        # the hours still count, without the event or its customer
        rows = self.Report.sudo(self.team_lead).search(
            [("user_id", "=", self.am2.id), ("date", "=", "2030-01-09")])
        self.assertEqual([(r.hours, r.is_private, r.event_id.id, r.partner_id.id)
                          for r in rows], [(2.0, True, False, False)])

    # The figures of one account manager's week

    def test_customer_event_count_matches_its_list(self):
        weekly = self._event(self.am1, "2030-01-07 09:00:00", "2030-01-07 10:00:00",
                             name="Viikkotapaaminen", omnia_partner_id=self.customer.id,
                             recurrency=True, rrule_type="weekly", mo=True, interval=1,
                             end_type="count", count=6)
        # the third occurrence moves to Tuesday: Odoo detaches it as an event
        moved = self.Event.sudo(self.am1).browse("%s-20300121090000" % weekly.id)
        moved.write({"start": "2030-01-22 09:00:00", "stop": "2030-01-22 10:00:00"})
        customer = self.customer.sudo(self.am1)
        action = customer.action_view_omnia_events()
        listed = self.Event.sudo(self.am1).with_context(
            **action.get("context") or {}).search(action["domain"])
        # six occurrences of the series (one moved), and for its organiser
        # the private meeting too
        self.assertEqual((len(listed), customer.omnia_event_count), (6, 6))
        listed = self.Event.sudo(self.am2).search(action["domain"])
        self.assertEqual((len(listed), self.customer.sudo(self.am2).omnia_event_count),
                         (7, 7))

    def test_moved_occurrence_is_no_event_logged(self):
        weekly = self._event(self.am1, "2030-01-07 09:00:00", "2030-01-07 10:00:00",
                             name="Viikkotapaaminen", recurrency=True, rrule_type="weekly",
                             mo=True, interval=1, end_type="count", count=4)
        Usage = self.env["omnia.usage.report"]

        def logged():
            Usage.invalidate_cache()
            return sum(Usage.search([("user_id", "=", self.am1.id)]).mapped("events_logged"))

        before = logged()
        self.Event.sudo(self.am1).browse("%s-20300114090000" % weekly.id).write(
            {"start": "2030-01-15 09:00:00", "stop": "2030-01-15 10:00:00"})
        self.Event.sudo(self.am1).browse("%s-20300121090000" % weekly.id).unlink()
        self.assertEqual(logged(), before)
        self._event(self.am1, "2030-01-08 09:00:00", "2030-01-08 10:00:00")
        self.assertEqual(logged(), before + 1)

    def test_average_weekly_hours_leave_out_weeks_without_hours(self):
        """Decided: the scorecard's average weekly hours is over the weeks
        in which an account manager logged hours; a week of leave is no
        week of zero hours (the usage report follows who does not log)."""
        for start in ("2031-01-06 08:00:00", "2031-01-27 08:00:00"):
            self._event(self.am1, start, start.replace("08:", "12:"),
                        work_type_id=self.wt_internal.id)
        scorecard = self.env["omnia.scorecard"].create({"name": "Testi 2031", "year": 2031})
        line = self.env["omnia.scorecard.line"].create({
            "scorecard_id": scorecard.id, "name": "Tunnit", "target": 30,
            "measure": "average_weekly_hours",
            "perspective_id": self.env.ref(
                "omnia_customer.scorecard_perspective_processes").id})
        # 4 h in two weeks (two empty weeks between): 4.0, not 8 / 4
        self.assertEqual(line.actual, 4.0)
