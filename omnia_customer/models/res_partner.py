# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # The named account manager is Odoo's salesperson under the team's name,
    # so that core CRM defaults (a new lead gets the customer's salesperson)
    # keep working.
    account_manager_id = fields.Many2one(
        comodel_name="res.users",
        string="Account Manager",
        related="user_id",
        store=True,
        index=True,
        readonly=False,
        track_visibility="onchange",
    )
    segment_id = fields.Many2one(
        comodel_name="omnia.segment",
        string="Segment Class",
        index=True,
        ondelete="restrict",
        track_visibility="onchange",
    )
    industry_ids = fields.Many2many(
        comodel_name="omnia.industry",
        string="Industries",
        help="The fields of training the customer buys from.",
    )

    @api.model
    def _commercial_fields(self):
        # Contacts follow their company's account manager and segment.
        return super()._commercial_fields() + ["user_id", "segment_id"]
