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

    def action_record_omnia_feedback(self):
        """Open a new feedback form received at this event."""
        self.ensure_one()
        company = self.omnia_partner_id
        contacts = self.partner_ids.filtered(
            lambda p: company and p.parent_id == company)
        return self.env["omnia.feedback"]._action_record({
            "default_partner_id": company.id,
            "default_contact_id": contacts[:1].id,
            "default_event_id": self.id,
            "default_date": (self.start or "")[:10] or False,
            "default_source": "visit",
        })
