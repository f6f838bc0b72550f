# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.base.res.res_users import name_selection_groups
from odoo.exceptions import ValidationError

from .common import GROUP_ACCOUNT_MANAGER, GROUP_MANAGEMENT, GROUP_TEAM_LEAD, OmniaCase


class TestResUsers(OmniaCase):
    """A new user: the employee's rights, the company's language and time
    zone, and one role of the customer team."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"].load_lang("fi_FI")
        cls.company = cls.env.user.company_id
        cls.company.write({"omnia_user_lang": "fi_FI", "omnia_user_tz": "Europe/Helsinki"})
        cls.am_group = cls.env.ref(GROUP_ACCOUNT_MANAGER)
        cls.lead_group = cls.env.ref(GROUP_TEAM_LEAD)
        cls.mgmt_group = cls.env.ref(GROUP_MANAGEMENT)
        cls.role_field = name_selection_groups(
            [cls.am_group.id, cls.lead_group.id, cls.mgmt_group.id])
        # A Settings administrator who may create contacts, as the users
        # of an administrator are (the tests' admin may not).
        cls.user_admin = cls._user("test.user.admin", "base.group_user", "base.group_system",
                                   "base.group_partner_manager")
        cls.Users = cls.env["res.users"].sudo(cls.user_admin).with_context(
            no_reset_password=True)

    def _new_user(self, login, **values):
        return self.Users.create(dict(values, name=login.title(), login=login))

    def _roles(self, user):
        return user.groups_id & (self.am_group | self.lead_group | self.mgmt_group)

    def _employee_groups(self):
        groups = self.env.ref("base.group_user") | self.env.ref("base.group_partner_manager")
        return groups | groups.mapped("trans_implied_ids")

    def test_template_has_employee_rights_only(self):
        self.assertEqual(self.env.ref("base.default_user").groups_id, self._employee_groups())

    def test_new_user_defaults(self):
        self.env["res.users"]._omnia_reset_default_user_groups()
        user = self._new_user("uusi.kayttaja")
        self.assertEqual(user.groups_id, self._employee_groups())
        self.assertEqual((user.lang, user.tz), ("fi_FI", "Europe/Helsinki"))
        self.assertFalse(user.has_group("sales_team.group_sale_manager"))
        self.assertFalse(user.has_group("survey.group_survey_manager"))

    def test_new_user_defaults_follow_settings(self):
        settings = self.env["res.config.settings"].sudo(self.user_admin).create({
            "omnia_user_lang": "en_US", "omnia_user_tz": "Europe/Stockholm"})
        settings.execute()
        self.assertEqual((self.company.omnia_user_lang, self.company.omnia_user_tz),
                         ("en_US", "Europe/Stockholm"))
        user = self._new_user("new.user")
        self.assertEqual((user.lang, user.tz), ("en_US", "Europe/Stockholm"))
        # A value given wins over the setting.
        user = self._new_user("other.user", lang="fi_FI", tz="UTC")
        self.assertEqual((user.lang, user.tz), ("fi_FI", "UTC"))

    def test_role_is_one_selection(self):
        fields = self.env["res.users"].sudo(self.user_admin).fields_get([self.role_field])
        self.assertEqual(
            [key for key, _label in fields[self.role_field]["selection"]],
            [False, self.am_group.id, self.lead_group.id, self.mgmt_group.id])
        # The user form shows the selection, not a box per role.
        arch = self.env.ref("base.user_groups_view").arch
        self.assertIn('name="%s"' % self.role_field, arch)
        self.assertNotIn('name="in_group_%d"' % self.mgmt_group.id, arch)
        user = self._new_user("rooli.kayttaja", **{self.role_field: self.lead_group.id})
        self.assertEqual(self._roles(user), self.am_group | self.lead_group)
        self.assertEqual(user.read([self.role_field])[0][self.role_field], self.lead_group.id)
        user.write({self.role_field: self.mgmt_group.id})
        self.assertEqual(self._roles(user), self.mgmt_group)
        self.assertTrue(user.has_group(GROUP_MANAGEMENT))
        self.assertFalse(user.has_group(GROUP_ACCOUNT_MANAGER))
        user.write({self.role_field: self.am_group.id})
        self.assertEqual(self._roles(user), self.am_group)
        user.write({self.role_field: False})
        self.assertEqual(self._roles(user), self.env["res.groups"])

    def test_two_roles_refused(self):
        with self.assertRaises(ValidationError) as error, self.cr.savepoint():
            self._new_user("kaksi.roolia", groups_id=[
                (6, 0, [self.am_group.id, self.mgmt_group.id])])
        # In the language of the administrator, not of the new user.
        self.assertTrue(error.exception.name.startswith("Omnia customer relationships: "))
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.am1.sudo(self.user_admin).write({"groups_id": [(4, self.mgmt_group.id)]})
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.mgmt_group.sudo(self.user_admin).write({"users": [(4, self.team_lead.id)]})
        self.assertEqual(self._roles(self.am1), self.am_group)
        self.assertEqual(self._roles(self.team_lead), self.am_group | self.lead_group)
