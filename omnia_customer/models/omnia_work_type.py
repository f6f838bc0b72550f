# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class OmniaWorkType(models.Model):
    """What kind of work a calendar event records (customer visit, offer
    preparation, cluster meeting…): the calendar is the team's time tracking."""

    _name = "omnia.work.type"
    _inherit = "omnia.model.mixin"
    _description = "Work Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    is_customer_meeting = fields.Boolean(
        string="Customer Meeting",
        help="Events of this type count as meetings with the customer "
             "(care model cadence, meeting targets).",
    )
    counts_as_work = fields.Boolean(
        string="Counts as Work",
        default=True,
        help="Hours of events of this type are summed in the weekly hours report.",
    )

    _sql_constraints = [
        ("code_unique", "unique(code)", "Code: another work type already has this code."),
    ]
