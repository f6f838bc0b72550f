# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo import fields
from odoo.tests.common import SavepointCase

# The fixed moment the tests' 365-day windows end at.
NOW = datetime(2026, 6, 15, 12, 0, 0)


def dt(moment):
    return fields.Datetime.to_string(moment)


class OmniaCustomerCase(SavepointCase):
    """Users of every role, segment classes of the tests' own (the shipped
    ones archived) and two customer companies, one per account manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)

        def user(login, *groups):
            return Users.create({
                "name": login.replace(".", " ").title(),
                "login": login,
                "email": "%s@example.com" % login,
                "groups_id": [(6, 0, [cls.env.ref(group).id for group in groups])],
            })

        cls.am1 = user("test.am1", "omnia_customer.group_account_manager")
        cls.am2 = user("test.am2", "omnia_customer.group_account_manager")
        cls.team_lead = user("test.lead", "omnia_customer.group_team_lead")
        cls.manager = user("test.director", "omnia_customer.group_management")
        cls.admin = user("test.admin", "base.group_user", "base.group_system")

        cls.Segment = cls.env["omnia.segment"]
        cls.Segment.search([]).write({"active": False})
        cls.seg_a = cls.Segment.create({
            "name": "Test Key Accounts", "code": "TA", "sequence": 10,
            "is_key_account": True, "meeting_interval_days": 30,
            "review_interval_days": 90, "min_won_revenue_12m": 50000,
            "min_won_count_12m": 3,
        })
        cls.seg_b = cls.Segment.create({
            "name": "Test Growing", "code": "TB", "sequence": 20,
            "meeting_interval_days": 90, "review_interval_days": 180,
            "min_training_potential": 20000,
        })
        cls.seg_c = cls.Segment.create({
            "name": "Test Customers", "code": "TC", "sequence": 30,
            "meeting_interval_days": 365, "review_interval_days": 365,
        })

        Partner = cls.env["res.partner"]
        cls.company1 = Partner.create({
            "name": "Testin Konepaja Oy", "is_company": True,
            "user_id": cls.am1.id, "segment_id": cls.seg_c.id,
        })
        cls.contact1 = Partner.create({
            "name": "Testi Henkilö", "parent_id": cls.company1.id,
        })
        cls.company2 = Partner.create({
            "name": "Testin Logistiikka Oy", "is_company": True,
            "user_id": cls.am2.id, "segment_id": cls.seg_c.id,
        })
        cls.won_stage = cls.env["crm.stage"].search([("probability", "=", 100)], limit=1)

    @classmethod
    def _opportunity(cls, partner, revenue, probability=100, date_closed=None,
                     user=None, **vals):
        """An opportunity of ``partner``; won ones get ``date_closed``."""
        values = dict(
            name="Koulutus %s" % revenue,
            type="opportunity",
            partner_id=partner.id,
            user_id=(user or partner.commercial_partner_id.user_id).id,
            planned_revenue=revenue,
            probability=probability,
        )
        if probability >= 100:
            values["stage_id"] = cls.won_stage.id
        values.update(vals)
        lead = cls.env["crm.lead"].create(values)
        if date_closed:
            lead.write({"date_closed": dt(date_closed)})
        return lead

    def _refresh(self, *partners, now=NOW):
        self.env["res.partner"].concat(*partners)._refresh_won_figures(now=dt(now))

    @staticmethod
    def _days(days, seconds=0):
        return NOW - timedelta(days=days, seconds=seconds)
