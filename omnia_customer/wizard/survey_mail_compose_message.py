# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SurveyMailComposeMessage(models.TransientModel):
    """Survey invitations sent from a customer or an opportunity link each
    response to that customer company (and opportunity)."""

    _inherit = "survey.mail.compose.message"

    omnia_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        domain=[("is_company", "=", True)],
    )
    omnia_lead_id = fields.Many2one(
        comodel_name="crm.lead",
        string="Opportunity",
    )

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        context = self.env.context
        # Opened from a customer: invite its contacts, not the company.
        if context.get("default_omnia_partner_id") and context.get("default_partner_ids"):
            res["partner_ids"] = [(6, 0, context["default_partner_ids"])]
        return res

    @api.multi
    def send_mail(self, auto_commit=False):
        for wizard in self:
            wizard_ctx = wizard.with_context(
                omnia_survey_partner_id=wizard.omnia_partner_id.id,
                omnia_survey_lead_id=wizard.omnia_lead_id.id,
            )
            super(SurveyMailComposeMessage, wizard_ctx).send_mail(
                auto_commit=auto_commit)
        return {"type": "ir.actions.act_window_close"}
