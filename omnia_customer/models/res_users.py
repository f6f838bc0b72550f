# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

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
