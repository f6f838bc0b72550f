# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests.common import SavepointCase


class FeedbackCase(SavepointCase):
    """Users of every role and two customers with their own account
    managers; "today" is fixed to a Friday, 2026-03-06."""

    TODAY = "2026-03-06"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(
            cls.env.context, tracking_disable=True, mail_notrack=True,
            omnia_today=cls.TODAY))
        cls.am_one = cls._create_user("fb.am.one", "omnia_customer.group_account_manager")
        cls.am_two = cls._create_user("fb.am.two", "omnia_customer.group_account_manager")
        cls.team_lead = cls._create_user("fb.lead", "omnia_customer.group_team_lead")
        cls.director = cls._create_user("fb.director", "omnia_customer.group_management")
        cls.employee = cls._create_user("fb.employee", "base.group_user")
        Partner = cls.env["res.partner"]
        cls.customer_one = Partner.create({
            "name": "Testilän Kone Oy",
            "is_company": True,
            "user_id": cls.am_one.id,
        })
        cls.contact_one = Partner.create({
            "name": "Liisa Testinen",
            "parent_id": cls.customer_one.id,
            "email": "liisa.testinen@example.com",
        })
        cls.customer_two = Partner.create({
            "name": "Koekylän Hoiva Oy",
            "is_company": True,
            "user_id": cls.am_two.id,
        })
        cls.Feedback = cls.env["omnia.feedback"]

    @classmethod
    def _create_user(cls, login, group_xmlid):
        return cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": login.replace(".", " ").title(),
            "login": login,
            "email": "%s@example.com" % login,
            "groups_id": [(6, 0, [cls.env.ref(group_xmlid).id])],
        })

    @classmethod
    def _feedback(cls, **values):
        vals = {
            "partner_id": cls.customer_one.id,
            "date": "2026-03-06",
            "polarity": "positive",
            "source": "visit",
            "description": "Test feedback",
        }
        vals.update(values)
        return cls.env["omnia.feedback"].create(vals)
