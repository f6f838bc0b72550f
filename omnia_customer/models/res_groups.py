# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

# The roles of the customer team, from the least to the most rights shown:
# one of them per user. The team lead implies the account manager;
# management does not (it reads and approves, it does not own customers).
ROLE_GROUPS = (
    "omnia_customer.group_account_manager",
    "omnia_customer.group_team_lead",
    "omnia_customer.group_management",
)


class ResGroups(models.Model):
    _inherit = "res.groups"

    @api.multi
    def write(self, vals):
        # Users added to or removed from a group may change role: their
        # home follows (res.users._set_role_home_action).
        before = self.mapped("users") if "users" in vals else None
        result = super().write(vals)
        if before is not None:
            (before | self.mapped("users"))._set_role_home_action()
        return result

    @api.model
    def _omnia_role_groups(self):
        """The role groups, in the order of ROLE_GROUPS; none while the
        addon's installation has not made them all."""
        groups = [self.env.ref(xmlid, raise_if_not_found=False) for xmlid in ROLE_GROUPS]
        return self.browse([group.id for group in groups] if all(groups) else [])

    @api.model
    def get_groups_by_application(self):
        """Show the customer team's roles as one selection in the user form
        (as Odoo's Sales rights are), though management does not imply the
        account manager: Odoo 11 makes a selection of a category only for a
        chain of implied groups, and would show three boxes."""
        result = super().get_groups_by_application()
        roles = self._omnia_role_groups()
        return [(app, "selection", roles) if roles and set(groups.ids) == set(roles.ids)
                else (app, kind, groups)
                for app, kind, groups in result]

    @api.constrains("users")
    def _check_omnia_role_users(self):
        roles = self._omnia_role_groups()
        if self & roles:
            (self & roles).mapped("users")._check_omnia_role()
