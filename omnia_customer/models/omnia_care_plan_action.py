# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class OmniaCarePlanAction(models.Model):
    """An action agreed in a care plan, with a responsible person and a
    deadline."""

    _name = "omnia.care.plan.action"
    _inherit = "omnia.model.mixin"
    # Put only under a care plan the user may change (omnia.model.mixin).
    _link_fields = ("plan_id",)
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
