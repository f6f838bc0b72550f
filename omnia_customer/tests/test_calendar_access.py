# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tools import mute_logger

from .common import OmniaCalendarCase


class TestCalendarAccess(OmniaCalendarCase):
    """Who reads the hours, who changes an event's work, and bad input."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.event = cls._event(
            cls.am1, "2030-01-07 09:00:00", "2030-01-07 10:00:00", attendees=cls.am2,
            omnia_partner_id=cls.customer.id)

    def test_whole_team_reads_hours_report(self):
        for user in (self.am1, self.am2, self.team_lead, self.director):
            rows = self.Report.sudo(user).search_read(
                [("event_id", "=", self.event.id)], ["user_id", "hours"])
            self.assertEqual(len(rows), 2, user.name)
        with self.assertRaises(AccessError):
            self.Report.sudo(self.employee).search_read([], ["hours"], limit=1)

    def test_private_event_shows_hours_only(self):
        event = self._event(
            self.am1, "2030-01-08 09:00:00", "2030-01-08 10:30:00",
            name="Secret price talk", omnia_partner_id=self.customer.id, privacy="private")
        data = self.Event.sudo(self.team_lead).browse(event.id).read(
            ["name", "omnia_partner_id"])[0]
        self.assertEqual(data["name"], "Busy")
        self.assertFalse(data["omnia_partner_id"])
        rows = self.Report.sudo(self.team_lead).search_read(
            [("user_id", "=", self.am1.id), ("date", "=", "2030-01-08")],
            ["event_id", "partner_id", "segment_id", "hours", "is_private"])
        self.assertEqual(len(rows), 1)
        self.assertEqual(
            (rows[0]["event_id"], rows[0]["partner_id"], rows[0]["segment_id"],
             rows[0]["hours"], rows[0]["is_private"]),
            (False, False, False, 1.5, True))
        # The organiser still sees his own event in full.
        own = self.Event.sudo(self.am1).browse(event.id).read(["name", "omnia_partner_id"])[0]
        self.assertEqual(own["name"], "Secret price talk")
        self.assertEqual(own["omnia_partner_id"][0], self.customer.id)

    def test_attendee_cannot_change_work_type_or_customer(self):
        event = self.event.sudo(self.am2)
        with self.assertRaises(AccessError):
            event.write({"work_type_id": self.wt_internal.id})
        with self.assertRaises(AccessError):
            event.write({"omnia_partner_id": False})
        event.write({"location": "Espoo"})
        self.assertEqual(self.event.location, "Espoo")
        self.assertEqual(self.event.work_type_id, self.wt_visit)

    def test_organiser_lead_and_management_change_work_type(self):
        for user, work_type in ((self.am1, self.wt_internal), (self.team_lead, self.wt_visit),
                                (self.director, self.wt_internal)):
            self.event.sudo(user).write({"work_type_id": work_type.id})
            self.assertEqual(self.event.work_type_id, work_type, user.name)

    def test_end_before_start_refused(self):
        with self.assertRaises(ValidationError) as error, self.cr.savepoint():
            self._event(self.am1, "2030-01-07 10:00:00", "2030-01-07 09:00:00")
        self.assertTrue(error.exception.name.startswith("End:"), error.exception.name)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.event.sudo(self.am1).write({"stop": "2030-01-06 09:00:00"})
        self.assertEqual(self.event.stop, "2030-01-07 10:00:00")

    def test_absurd_durations_refused(self):
        with self.assertRaises(ValidationError) as error, self.cr.savepoint():
            self._event(self.am1, "2030-01-07 09:00:00", "2030-01-08 10:00:00")
        self.assertTrue(error.exception.name.startswith("Duration:"), error.exception.name)
        with self.assertRaises(ValidationError) as error, self.cr.savepoint():
            self.event.sudo(self.am1).write({"duration": -1.0})
        self.assertTrue(error.exception.name.startswith("Duration:"), error.exception.name)
        self.assertEqual(self.event.duration, 1.0)
        self.assertEqual(self._event_hours(self.event), 2.0)
        # Several days are fine for an all-day event.
        event = self._event(self.am1, "2030-01-07", "2030-01-09", allday=True)
        self.assertEqual(self._event_hours(event), 22.5)

    @mute_logger("odoo.sql_db")
    def test_work_type_code_unique(self):
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["omnia.work.type"].create({"name": "Again", "code": "T-VISIT"})

    def test_allday_hours_setting(self):
        settings = self.env["res.config.settings"].create({"omnia_allday_hours": 8.0})
        settings.set_values()
        self.assertEqual(self.Event._get_allday_hours(), 8.0)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.env["res.config.settings"].create({"omnia_allday_hours": 30.0})
