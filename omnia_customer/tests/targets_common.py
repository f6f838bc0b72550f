# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests.common import SavepointCase


class OmniaTargetsCase(SavepointCase):
    """Users of each role, customer companies and a helper for won and lost
    opportunities with fixed closing dates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env["crm.team"].create({"name": "Test Customer Team"})
        cls.am1 = cls._user("Test AM One", "test.am1", "group_account_manager")
        cls.am2 = cls._user("Test AM Two", "test.am2", "group_account_manager")
        cls.team_lead = cls._user("Test Team Lead", "test.lead", "group_team_lead")
        cls.director = cls._user("Test Director", "test.director", "group_management")
        (cls.am1 | cls.am2).write({"sale_team_id": cls.team.id})
        cls.partners = cls.env["res.partner"]

    @classmethod
    def _user(cls, name, login, group):
        return cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": name,
            "login": login,
            "email": "%s@example.com" % login,
            "groups_id": [(6, 0, [cls.env.ref("omnia_customer.%s" % group).id])],
        })

    @classmethod
    def _company(cls, name):
        return cls.partners.create({"name": name, "is_company": True})

    @classmethod
    def _opportunity(cls, partner, user, date_closed, revenue, won=True):
        """An opportunity won (or lost) at ``date_closed`` (UTC)."""
        lead = cls.env["crm.lead"].with_context(tracking_disable=True).create({
            "name": "Offer to %s" % partner.name,
            "type": "opportunity",
            "partner_id": partner.id,
            "user_id": user.id,
            "planned_revenue": revenue,
            "probability": 100 if won else 10,
        })
        if not won:
            lead.action_set_lost()
        # crm stamps the closing time with now(): set the test's own.
        lead.write({"date_closed": date_closed})
        return lead
