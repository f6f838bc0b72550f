# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


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
