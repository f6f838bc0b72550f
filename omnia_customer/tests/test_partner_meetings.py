# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields

from .common import OmniaCalendarCase


class TestPartnerMeetings(OmniaCalendarCase):
    """The customer's last and next meetings, meeting cadence and hours,
    all from the calendar."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Dates relative to the real today (UTC): the meeting figures read
        # the system's clock.
        cls.today = fields.Date.from_string(cls._real_today())

    def _at(self, days, hour):
        day = self.today + timedelta(days=days)
        return "%s %02d:00:00" % (fields.Date.to_string(day), hour)

    def test_last_next_meeting_and_due(self):
        customer = self.customer
        # Never met: due one interval after the day it got its class.
        self.assertEqual(customer.segment_date, "2026-03-06")
        self.assertEqual(customer.next_meeting_due, "2026-04-05")
        self.assertTrue(customer.meeting_overdue)
        self._event(self.am1, "2020-03-02 09:00:00", "2020-03-02 10:00:00",
                    omnia_partner_id=customer.id)
        customer.invalidate_cache()
        self.assertEqual(customer.last_meeting_date, "2020-03-02 09:00:00")
        self.assertEqual(customer.next_meeting_due, "2020-04-01")
        self.assertTrue(customer.meeting_overdue)
        # A recent visit, and another planned: no longer overdue.
        self._event(self.am2, self._at(-1, 0), self._at(-1, 1), omnia_partner_id=customer.id)
        self._event(self.am1, "2040-05-07 09:00:00", "2040-05-07 10:00:00",
                    omnia_partner_id=customer.id)
        # Internal work for the customer is no meeting.
        self._event(self.am1, self._at(-1, 2), self._at(-1, 3), omnia_partner_id=customer.id,
                    work_type_id=self.wt_internal.id)
        customer.invalidate_cache()
        self.assertEqual(customer.last_meeting_date, self._at(-1, 0))
        self.assertEqual(customer.next_meeting_date, "2040-05-07 09:00:00")
        self.assertEqual(
            customer.next_meeting_due,
            fields.Date.to_string(self.today + timedelta(days=29)))
        self.assertFalse(customer.meeting_overdue)
        self.assertEqual(customer.omnia_event_count, 4)
        # Contacts show their company's figures.
        self.assertEqual(self.contact.next_meeting_date, "2040-05-07 09:00:00")

    def test_meeting_overdue_search(self):
        met = self.env["res.partner"].create({
            "name": "Tavattu Oy", "is_company": True, "segment_id": self.segment.id})
        unsegmented = self.env["res.partner"].create({"name": "Segmentoimaton Oy",
                                                      "is_company": True})
        self._event(self.am1, self._at(-3, 0), self._at(-3, 1), omnia_partner_id=met.id)
        overdue = self.env["res.partner"].search([("meeting_overdue", "=", True)])
        self.assertIn(self.customer, overdue)
        self.assertIn(self.contact, overdue)
        self.assertNotIn(met, overdue)
        self.assertNotIn(unsegmented, overdue)
        not_overdue = self.env["res.partner"].search([("meeting_overdue", "=", False)])
        self.assertIn(met, not_overdue)
        self.assertNotIn(self.customer, not_overdue)

    def test_hours_this_year(self):
        # Today 00:00-02:00 with two account managers, and an hour long ago.
        self._event(self.am1, self._at(0, 0), self._at(0, 2), attendees=self.am2,
                    omnia_partner_id=self.customer.id, work_type_id=self.wt_internal.id)
        self._event(self.am1, "2020-03-02 09:00:00", "2020-03-02 10:00:00",
                    omnia_partner_id=self.customer.id)
        self.assertEqual(self.customer.hours_this_year, 4.0)

    def test_events_prefilled_from_customer_and_opportunity(self):
        visit = self.env.ref("omnia_customer.work_type_customer_visit")
        action = self.contact.action_view_omnia_events()
        self.assertEqual(action["domain"], [("omnia_partner_id", "=", self.customer.id)])
        defaults = self.Event.with_context(**action["context"]).default_get(
            ["omnia_partner_id", "work_type_id"])
        self.assertEqual(defaults["omnia_partner_id"], self.customer.id)
        self.assertEqual(defaults["work_type_id"], visit.id)
        lead = self.env["crm.lead"].create({
            "name": "Offer", "type": "opportunity", "partner_id": self.contact.id})
        action = lead.action_schedule_meeting()
        defaults = self.Event.with_context(**action["context"]).default_get(
            ["omnia_partner_id", "work_type_id", "opportunity_id"])
        self.assertEqual(defaults["omnia_partner_id"], self.customer.id)
        self.assertEqual(defaults["work_type_id"], visit.id)
        event = self._event(self.am1, "2030-01-07 09:00:00", "2030-01-07 10:00:00",
                            opportunity_id=lead.id)
        self.assertEqual(event.omnia_partner_id, self.customer)
