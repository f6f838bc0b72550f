# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

# Lead fields whose change can change a customer's 12-month won figures.
WON_FIGURE_FIELDS = {
    "partner_id", "probability", "stage_id", "active", "type",
    "planned_revenue", "date_closed",
}


class CrmLead(models.Model):
    _inherit = "crm.lead"

    @api.model
    def create(self, vals):
        lead = super().create(vals)
        if lead.partner_id and lead.type == "opportunity" and lead.probability >= 100:
            lead.partner_id._refresh_won_figures()
        return lead

    @api.multi
    def write(self, vals):
        if not WON_FIGURE_FIELDS & set(vals):
            return super().write(vals)
        partners = self.mapped("partner_id")
        result = super().write(vals)
        (partners | self.mapped("partner_id"))._refresh_won_figures()
        return result

    @api.multi
    def unlink(self):
        partners = self.mapped("partner_id")
        result = super().unlink()
        partners._refresh_won_figures()
        return result

    @api.multi
    def action_record_omnia_feedback(self):
        """Open a new feedback form about this opportunity's customer."""
        self.ensure_one()
        company = self.partner_id.commercial_partner_id
        contact = self.partner_id if self.partner_id != company else False
        return self.env["omnia.feedback"]._action_record({
            "default_partner_id": company.id,
            "default_contact_id": contact and contact.id,
            "default_lead_id": self.id,
        })

    @api.multi
    def action_send_omnia_feedback_survey(self):
        self.ensure_one()
        return self.env["survey.survey"]._action_send_customer_feedback(
            self.partner_id.commercial_partner_id, lead=self)
