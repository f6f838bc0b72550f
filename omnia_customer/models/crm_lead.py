# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

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
