# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import OmniaCalendarCase


class TestEventOccurrence(OmniaCalendarCase):
    """The rebuild of the whole occurrence table gives the rows of the
    event-by-event refresh."""

    def _rows(self):
        self.env.cr.execute("""
            SELECT event_id, start, stop, date, week, allday, hours, user_id, work_type_id
            FROM omnia_event_occurrence
            ORDER BY event_id, start, user_id
        """)
        return self.env.cr.fetchall()

    def test_rebuild_all_gives_the_rows_of_each_refresh(self):
        self.am2.tz = "Europe/Helsinki"
        self._event(self.am1, "2030-01-07 09:00:00", "2030-01-07 10:30:00",
                    attendees=self.am2 | self.employee)
        self._event(self.am2, "2030-12-29 23:30:00", "2030-12-30 00:30:00")
        self._event(self.am1, "2030-01-08", "2030-01-10", allday=True)
        self._event(self.am1, "2030-01-09 09:00:00", "2030-01-09 10:00:00",
                    active=False)
        self._event(self.am1, "2030-01-09 12:00:00", "2030-01-09 13:00:00",
                    user_id=False)
        recurring = self._event(
            self.am2, "2030-01-07 09:00:00", "2030-01-07 10:00:00",
            attendees=self.am1, recurrency=True, rrule_type="weekly", mo=True,
            interval=1, end_type="count", count=10)
        occurrence = self.Event.sudo(self.am2).browse("%s-20300114090000" % recurring.id)
        detached = self.Event.browse(occurrence.action_detach_recurring_event()["res_id"])
        detached.sudo(self.am2).write({
            "start": "2030-01-14 09:00:00", "stop": "2030-01-14 11:00:00"})
        self.Event.sudo(self.am2).browse("%s-20300121090000" % recurring.id).unlink()
        self._event(self.am1, "2030-02-04", "2030-02-04", allday=True,
                    recurrency=True, rrule_type="weekly", mo=True, interval=1,
                    end_type="count", count=3)
        Occurrence = self.env["omnia.event.occurrence"]
        self.env.cr.execute("SELECT id FROM calendar_event ORDER BY id")
        for (event_id,) in self.env.cr.fetchall():
            Occurrence._refresh([event_id])
        refreshed = self._rows()
        self.assertEqual(
            len([row for row in refreshed if row[0] == recurring.id]), 2 * 8)
        Occurrence._rebuild_all()
        self.assertEqual(self._rows(), refreshed)
