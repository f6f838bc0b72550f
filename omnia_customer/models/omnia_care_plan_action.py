# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .access import check_links

# An action is put only into a plan the user may change.
LINK_FIELDS = ("plan_id",)


class OmniaCarePlanAction(models.Model):
    """An action agreed in a care plan, with a responsible person and a
    deadline."""

    _name = "omnia.care.plan.action"
    _inherit = "omnia.model.mixin"
    _description = "Care Plan Action"
    _order = "done, deadline, id"

    plan_id = fields.Many2one(
        comodel_name="omnia.care.plan",
        string="Care Plan",
        required=True,
        index=True,
        ondelete="cascade",
    )
    name = fields.Char(string="Action", required=True)
    responsible_id = fields.Many2one(
        comodel_name="res.users",
        default=lambda self: self._default_responsible_id(),
    )
    deadline = fields.Date()
    done = fields.Boolean()
    partner_id = fields.Many2one(
        related="plan_id.partner_id",
        readonly=True,
        string="Customer",
    )
    account_manager_id = fields.Many2one(
        related="plan_id.account_manager_id",
        readonly=True,
        string="Account Manager",
    )

    @api.model
    def _default_responsible_id(self):
        plan = self.env["omnia.care.plan"].browse(self.env.context.get("default_plan_id"))
        return plan.account_manager_id or self.env.user

    @api.model
    def create(self, vals):
        check_links(self, vals, LINK_FIELDS)
        return super().create(vals)

    @api.multi
    def write(self, vals):
        check_links(self, vals, LINK_FIELDS)
        return super().write(vals)
