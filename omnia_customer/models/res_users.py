# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import ValidationError

# Each role's home, opened at login (the user's home action): the first
# role of the user in this order.
ROLE_HOME_ACTIONS = (
    ("omnia_customer.group_management", "omnia_customer.omnia_dashboard_action_management"),
    ("omnia_customer.group_team_lead", "omnia_customer.omnia_dashboard_action_team_lead"),
    ("omnia_customer.group_account_manager",
     "omnia_customer.omnia_dashboard_action_account_manager"),
)
# Group fields of the user form (Odoo's reified groups) and groups_id.
GROUP_FIELD_PREFIXES = ("in_group_", "sel_groups_")


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def create(self, vals):
        user = super().create(vals)
        if "action_id" not in vals:
            user._set_role_home_action()
        return user

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        if "action_id" not in vals and self._role_may_change(vals):
            self._set_role_home_action()
        return result

    # Home action by role ------------------------------------------------

    @api.model
    def _role_may_change(self, vals):
        return "groups_id" in vals or any(
            name.startswith(GROUP_FIELD_PREFIXES) for name in vals)

    @api.model
    def _role_home_actions(self):
        """[(group, action)] of the roles, the first role first; roles whose
        action or group is missing are left out."""
        result = []
        for group_xmlid, action_xmlid in ROLE_HOME_ACTIONS:
            group = self.env.ref(group_xmlid, raise_if_not_found=False)
            action = self.env.ref(action_xmlid, raise_if_not_found=False)
            if group and action:
                result.append((group, action))
        return result

    @api.multi
    def _set_role_home_action(self):
        """Set the home action of these users to the dashboard of their
        role (none for a user without a role), unless an administrator has
        set another home action: a home that is not a role's dashboard is
        kept. One write per dashboard."""
        homes = self._role_home_actions()
        role_actions = {action.id for _group, action in homes}
        by_action = {}
        # sudo: the home follows the groups, which only an administrator
        # changes; the reading of the users' groups and home is his too.
        for user in self.sudo():
            if user.action_id and user.action_id.id not in role_actions:
                continue
            home = next((action for group, action in homes if group in user.groups_id), None)
            home_id = home.id if home else False
            if user.action_id.id != home_id:
                by_action.setdefault(home_id, self.browse())
                by_action[home_id] |= user
        for home_id, users in by_action.items():
            users.sudo().write({"action_id": home_id})
    # New users: language, time zone and rights

    @api.model
    def default_get(self, fields_list):
        """A new user speaks the language and lives in the time zone of
        the company's setting (Finnish, Europe/Helsinki), in the user form
        and over XML-RPC alike, unless the caller gives them."""
        defaults = super().default_get(fields_list)
        company = self.env.user.company_id
        context = self.env.context
        # A language uninstalled since it was chosen is no default.
        if "lang" in fields_list and company.omnia_user_lang \
                and company.omnia_user_lang in dict(self.env["res.lang"].get_installed()) \
                and not context.get("default_lang"):
            defaults["lang"] = company.omnia_user_lang
        if "tz" in fields_list and company.omnia_user_tz and not context.get("default_tz"):
            defaults["tz"] = company.omnia_user_tz
        return defaults

    @api.model
    def _omnia_reset_default_user_groups(self):
        """New users get the employee's rights only, and the contact
        creation base gives them: the template user (base.default_user)
        loses the app rights other modules gave it (Sales Manager, Survey
        Manager, Website Designer...)."""
        template = self.env.ref("base.default_user", raise_if_not_found=False)
        if template:
            groups = self.env.ref("base.group_user") | self.env.ref("base.group_partner_manager")
            template.write({"groups_id": [(6, 0, groups.ids)]})

    # One role in the customer team

    @api.constrains("groups_id")
    def _check_omnia_role(self):
        # Management with the account manager's or team lead's role (the
        # groups themselves: has_group's cache is cleared after the write).
        roles = self.env["res.groups"]._omnia_role_groups()
        if not roles:
            return
        management = roles[-1]
        # Not named `user`: Odoo 11's _() would speak that user's language.
        for member in self:
            if management in member.groups_id and member.groups_id & (roles - management):
                raise ValidationError(_(
                    "Omnia customer relationships: %s has one role, account manager, "
                    "customer team lead or management, not several.") % member.name)
