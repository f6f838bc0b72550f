# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests.common import SavepointCase


class OmniaCalendarCase(SavepointCase):
    """Users of every role, a customer company and work types of its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(
            cls.env.context, tracking_disable=True, no_mail_to_attendees=True, tz="UTC"))
        cls.env["ir.config_parameter"].set_param("omnia_customer.allday_hours", "7.5")
        users = cls.env["res.users"].with_context(no_reset_password=True)
        groups = {
            "am": "omnia_customer.group_account_manager",
            "lead": "omnia_customer.group_team_lead",
            "mgmt": "omnia_customer.group_management",
            "employee": "base.group_user",
        }
        for key, login in (("am1", "am"), ("am2", "am"), ("lead", "lead"),
                           ("mgmt", "mgmt"), ("employee", "employee")):
            user = users.create({
                "name": "Test %s" % key,
                "login": "test.%s@example.com" % key,
                "email": "test.%s@example.com" % key,
                "tz": "UTC",
                "groups_id": [(6, 0, [cls.env.ref(groups[login]).id])],
            })
            setattr(cls, key, user)
        cls.segment = cls.env["omnia.segment"].create({
            "name": "Test Key Accounts",
            "code": "TEST-KEY",
            "meeting_interval_days": 30,
        })
        cls.customer = cls.env["res.partner"].create({
            "name": "Testin Rakennus Oy",
            "is_company": True,
            "customer": True,
            "user_id": cls.am1.id,
            "segment_id": cls.segment.id,
        })
        cls.contact = cls.env["res.partner"].create({
            "name": "Tiina Testaaja",
            "parent_id": cls.customer.id,
        })
        WorkType = cls.env["omnia.work.type"]
        cls.wt_visit = WorkType.create({
            "name": "Test Visit", "code": "T-VISIT", "is_customer_meeting": True})
        cls.wt_internal = WorkType.create({"name": "Test Internal", "code": "T-INTERNAL"})
        cls.wt_nowork = WorkType.create({
            "name": "Test Lunch", "code": "T-LUNCH", "counts_as_work": False})
        cls.cluster = cls.env["omnia.cluster"].create({
            "name": "Test Cluster", "field": "technology"})
        cls.Event = cls.env["calendar.event"]
        cls.Report = cls.env["omnia.work.hours.report"]

    @classmethod
    def _event(cls, user, start, stop, attendees=None, **values):
        """An event organised by `user`, with him and `attendees` attending."""
        partners = user.partner_id | (attendees or cls.env["res.users"]).mapped("partner_id")
        vals = {
            "name": "Test event",
            "start": start,
            "stop": stop,
            "user_id": user.id,
            "partner_ids": [(6, 0, partners.ids)],
            "work_type_id": cls.wt_visit.id,
        }
        vals.update(values)
        return cls.Event.sudo(user).create(vals)

    def _hours(self, domain, users=None):
        users = users or (self.am1 | self.am2 | self.lead)
        domain = [("user_id", "in", users.ids)] + domain
        groups = self.Report.read_group(domain, ["hours"], [])
        return round(groups[0]["hours"] or 0.0, 2) if groups else 0.0

    def _event_hours(self, events, user=None, date_from=None, date_to=None):
        domain = [("event_id", "in", events.ids)]
        if user:
            domain.append(("user_id", "=", user.id))
        if date_from:
            domain.append(("date", ">=", date_from))
        if date_to:
            domain.append(("date", "<=", date_to))
        return self._hours(domain)
