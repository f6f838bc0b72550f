# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    omnia_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        index=True,
        domain=[("is_company", "=", True)],
        help="The customer company the work is for; empty for customer work "
             "not tied to one customer.",
    )
    work_type_id = fields.Many2one(
        comodel_name="omnia.work.type",
        index=True,
        ondelete="restrict",
    )
