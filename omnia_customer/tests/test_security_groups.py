# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools import convert_file

from .common import OmniaCase

DEMO_USERS_FILE = "demo/res_users_demo.xml"


class TestSecurityGroups(OmniaCase):
    """The roles of the customer team and the demo users that play them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.am_group = cls.env.ref("omnia_customer.group_account_manager")
        cls.lead_group = cls.env.ref("omnia_customer.group_team_lead")
        cls.mgmt_group = cls.env.ref("omnia_customer.group_management")

    def _xmlids(self, groups):
        return set(groups.get_external_id().values())

    def test_groups_in_omnia_category(self):
        category = self.env.ref("omnia_customer.module_category_omnia_customer")
        self.assertEqual(
            self._xmlids(self.env["res.groups"].search([("category_id", "=", category.id)])),
            {
                "omnia_customer.group_account_manager",
                "omnia_customer.group_team_lead",
                "omnia_customer.group_management",
            },
        )

    def test_group_implications(self):
        self.assertIn(self.am_group, self.lead_group.implied_ids)
        self.assertNotIn(self.am_group, self.mgmt_group.trans_implied_ids)
        for group in (self.am_group, self.lead_group, self.mgmt_group):
            self.assertIn(self.env.ref("base.group_user"), group.trans_implied_ids)
            self.assertNotIn(self.env.ref("base.group_system"), group.trans_implied_ids)

    def test_implied_groups_given_to_new_user(self):
        user = self._user("test.new.lead", "omnia_customer.group_team_lead", name="Test Lead")
        self.assertTrue(user.has_group("omnia_customer.group_team_lead"))
        self.assertTrue(user.has_group("omnia_customer.group_account_manager"))
        self.assertFalse(user.has_group("omnia_customer.group_management"))

    def _demo_user_roles(self, xmlid):
        user = self.env.ref("omnia_customer.%s" % xmlid)
        return self._xmlids(user.groups_id)

    def _load_demo_users(self):
        """The shipped demo users, loaded here (in the test's transaction)
        when the database was installed without demo data."""
        module = self.env["ir.module.module"].search([("name", "=", "omnia_customer")])
        if not module.demo:
            convert_file(self.cr, "omnia_customer", DEMO_USERS_FILE, {}, mode="init",
                         noupdate=True, kind="demo")

    def test_demo_users_groups(self):
        """Checks the shipped file demo/res_users_demo.xml on purpose."""
        self._load_demo_users()
        # base's demo data makes employees imply technical features: follow it.
        employee = self.env.ref("base.group_user")
        common = self._xmlids(employee | employee.trans_implied_ids) | {
            "sales_team.group_sale_salesman",
        }
        all_leads = {"sales_team.group_sale_salesman_all_leads"}
        am = common | {"omnia_customer.group_account_manager"}
        # the team lead and management make and send the campaigns
        campaigns = {"mass_mailing.group_mass_mailing_user",
                     "mass_mailing.group_mass_mailing_campaign"}
        expected = {
            "user_am_virtanen_demo": am,
            "user_am_korhonen_demo": am,
            "user_lead_nieminen_demo": am | all_leads | campaigns
            | {"omnia_customer.group_team_lead"},
            "user_dir_makinen_demo": common | all_leads | campaigns
            | {"omnia_customer.group_management"},
        }
        for xmlid, groups in expected.items():
            self.assertEqual(self._demo_user_roles(xmlid), groups, xmlid)
