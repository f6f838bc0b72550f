# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from odoo.exceptions import ValidationError

from .common import OmniaCalendarCase

EVENT_FIELDS = ["omnia_partner_id", "work_type_id", "user_id", "partner_ids", "start",
                "start_datetime", "stop", "stop_datetime", "duration", "allday"]


class TestCalendarFlows(OmniaCalendarCase):
    """A meeting started from a customer, and feedback started from a
    meeting."""

    def _defaults(self, action, user=None, **context):
        Event = self.Event.sudo(user) if user else self.Event
        return Event.with_context(**dict(action["context"], **context)).default_get(EVENT_FIELDS)

    def test_log_visit_fills_in_the_meeting(self):
        visit = self.env.ref("omnia_customer.work_type_customer_visit")
        action = self.customer.sudo(self.am1).action_log_visit()
        self.assertEqual((action["res_model"], action["target"]), ("calendar.event", "current"))
        # Odoo adds the record a button was clicked on as active_id: the
        # company would be invited.
        defaults = self._defaults(action, self.am1, active_model="res.partner",
                                  active_id=self.customer.id)
        self.assertEqual(defaults["omnia_partner_id"], self.customer.id)
        self.assertEqual(defaults["work_type_id"], visit.id)
        self.assertEqual(defaults["user_id"], self.am1.id)
        self.assertEqual(defaults["partner_ids"], [(6, 0, [self.am1.partner_id.id])])
        self.assertEqual(defaults["duration"], 1.0)
        self.assertIs(defaults["allday"], False)
        start = datetime.strptime(defaults["start"], "%Y-%m-%d %H:%M:%S")
        stop = datetime.strptime(defaults["stop"], "%Y-%m-%d %H:%M:%S")
        self.assertEqual((start.minute, start.second), (0, 0))
        self.assertEqual((stop - start).total_seconds(), 3600)
        self.assertEqual(defaults["start_datetime"], defaults["start"])
        self.assertEqual(defaults["stop_datetime"], defaults["stop"])

    def test_next_full_hour(self):
        for now, start, stop in (
                (datetime(2026, 3, 6, 12, 20, 5), "2026-03-06 13:00:00", "2026-03-06 14:00:00"),
                (datetime(2026, 3, 6, 12, 0, 0), "2026-03-06 13:00:00", "2026-03-06 14:00:00"),
                (datetime(2026, 3, 6, 23, 59, 59), "2026-03-07 00:00:00",
                 "2026-03-07 01:00:00")):
            defaults = self.Event._omnia_next_hour_defaults(EVENT_FIELDS, now=now)
            self.assertEqual((defaults["start"], defaults["stop"], defaults["duration"]),
                             (start, stop, 1.0))

    def test_meeting_from_a_contact_invites_the_contact_not_the_company(self):
        # Started by the team lead: the account manager organises it.
        action = self.contact.sudo(self.team_lead).action_log_visit()
        defaults = self._defaults(action, self.team_lead)
        self.assertEqual(defaults["user_id"], self.am1.id)
        self.assertEqual(sorted(defaults["partner_ids"][0][2]),
                         sorted([self.am1.partner_id.id, self.contact.id]))
        self.assertEqual(defaults["omnia_partner_id"], self.customer.id)

    def test_crm_meeting_button_lists_the_customers_meetings(self):
        action = self.customer.with_context(partner_name=self.customer.name).schedule_meeting()
        context = action["context"]
        self.assertEqual(context["search_default_omnia_partner_id"], self.customer.id)
        self.assertNotIn("search_default_partner_ids", context)
        self.assertEqual(context["default_partner_ids"], [self.am1.partner_id.id])
        self.assertNotIn(self.customer.id, self._defaults(action)["partner_ids"][0][2])

    def test_customer_meeting_type_when_the_visit_type_is_archived(self):
        self.env.ref("omnia_customer.work_type_customer_visit").active = False
        first = self.env["omnia.work.type"].search([("is_customer_meeting", "=", True)], limit=1)
        self.assertTrue(first)
        self.assertEqual(self.Event._omnia_customer_meeting_type(), first)
        self.assertEqual(self._defaults(self.customer.action_log_visit())["work_type_id"],
                         first.id)

    def test_company_never_an_attendee_by_default(self):
        self.assertEqual(self.Event._without_companies([self.customer.id, self.contact.id]),
                         [self.contact.id])
        self.assertEqual(
            self.Event._without_companies([(6, 0, [self.customer.id, self.contact.id])]),
            [(6, 0, [self.contact.id])])

    def test_feedback_from_an_event_in_front_with_its_customer_and_day(self):
        # 23:30 UTC is the next day in Helsinki.
        event = self._event(self.am1, "2026-03-04 23:30:00", "2026-03-05 00:30:00",
                            omnia_partner_id=self.customer.id,
                            partner_ids=[(6, 0, (self.am1.partner_id | self.contact).ids)])
        action = event.sudo(self.am1).with_context(tz="Europe/Helsinki") \
            .action_record_omnia_feedback()
        self.assertEqual((action["res_model"], action["target"]), ("omnia.feedback", "new"))
        context = action["context"]
        self.assertEqual(context["default_partner_id"], self.customer.id)
        self.assertEqual(context["default_contact_id"], self.contact.id)
        self.assertEqual(context["default_event_id"], event.id)
        self.assertEqual(context["default_date"], "2026-03-05")
        self.assertEqual(event.with_context(tz="UTC")._omnia_local_date(), "2026-03-04")

    def test_feedback_from_a_planned_event_is_dated_today(self):
        event = self._event(self.am1, "2030-01-07 09:00:00", "2030-01-07 10:00:00",
                            omnia_partner_id=self.customer.id)
        context = event.sudo(self.am1).action_record_omnia_feedback()["context"]
        self.assertEqual(context["default_date"], self._real_today())

    def test_feedback_from_an_occurrence_links_the_series(self):
        event = self._event(self.am1, "2026-02-02 08:00:00", "2026-02-02 09:00:00",
                            omnia_partner_id=self.customer.id, recurrency=True,
                            rrule_type="weekly", interval=1, end_type="count", count=3,
                            mo=True)
        occurrence = self.Event.browse("%d-20260209080000" % event.id)
        context = occurrence.sudo(self.am1).action_record_omnia_feedback()["context"]
        self.assertEqual(context["default_event_id"], event.id)
        self.assertEqual(context["default_date"], "2026-02-09")


class TestCalendarInputChecks(OmniaCalendarCase):
    """Wrong dates, durations and intervals: warned of in the form, refused
    on save with every wrong field named at once."""

    def test_negative_duration_names_every_wrong_field(self):
        with self.assertRaises(ValidationError) as refused:
            self._event(self.am1, "2026-03-02 09:00:00", "2026-03-02 08:00:00",
                        name="Väärin", duration=-1.0)
        self.assertEqual(refused.exception.name.splitlines(), [
            "End: the event 'Väärin' must not end before it starts (2026-03-02 09:00:00).",
            "Duration: must not be negative (event 'Väärin').",
        ])

    def test_onchange_warnings_name_the_field(self):
        event = self.Event.new({"name": "Käynti", "duration": -0.5, "allday": False})
        self.assertEqual(event._onchange_duration_warning()["warning"]["message"],
                         "Duration: must not be negative (event 'Käynti').")
        self.assertIsNone(self.Event.new({"name": "Käynti", "duration": 2.0})
                          ._onchange_duration_warning())
        event = self.Event.new({"name": "Sarja", "recurrency": True, "interval": 0})
        self.assertEqual(event._onchange_interval_warning()["warning"]["message"],
                         "Repeat Every: must be at least 1 (event 'Sarja').")
        self.assertIsNone(self.Event.new({"recurrency": True, "interval": 1})
                          ._onchange_interval_warning())
