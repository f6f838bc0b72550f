# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class OmniaCustomerReassign(models.TransientModel):
    """Give one or many customer companies a new account manager; their open
    leads and open care plans move with them."""

    _name = "omnia.customer.reassign"
    _description = "Reassign Account Manager"

    partner_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Customers",
        required=True,
        default=lambda self: self._default_partner_ids(),
    )
    account_manager_id = fields.Many2one(
        comodel_name="res.users",
        string="New Account Manager",
        required=True,
    )

    @api.model
    def _default_partner_ids(self):
        if self.env.context.get("active_model") != "res.partner":
            return self.env["res.partner"]
        partners = self.env["res.partner"].browse(self.env.context.get("active_ids", []))
        return partners.mapped("commercial_partner_id")

    @api.multi
    def action_reassign(self):
        self.ensure_one()
        self.partner_ids.mapped("commercial_partner_id").write(
            {"user_id": self.account_manager_id.id})
        return {"type": "ir.actions.act_window_close"}
