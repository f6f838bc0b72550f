# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a campaign brought: its leads and offers, those won and their
revenue, counted from the leads' campaign (utm.mixin's campaign_id)."""
from odoo import _, api, fields, models

from .rules import WON_LEAD_DOMAIN


class MailMassMailingCampaign(models.Model):
    _inherit = "mail.mass_mailing.campaign"

    omnia_currency_id = fields.Many2one(
        comodel_name="res.currency",
        compute="_compute_omnia_lead_figures",
        string="Currency",
    )
    omnia_lead_count = fields.Integer(
        string="Leads",
        compute="_compute_omnia_lead_figures",
        help="Leads and offers of the campaign, made from a reply or by an "
             "account manager with the campaign set.",
    )
    omnia_won_count = fields.Integer(
        string="Offers Won",
        compute="_compute_omnia_lead_figures",
    )
    omnia_won_revenue = fields.Monetary(
        string="Won Revenue",
        currency_field="omnia_currency_id",
        compute="_compute_omnia_lead_figures",
        help="Expected revenue of the campaign's won offers.",
    )

    def _compute_omnia_lead_figures(self):
        utm_campaigns = self.mapped("campaign_id")
        # sudo: a campaign's figures are the team's, the same for everyone
        # who reads the campaign (an account manager's record rules would
        # count his own leads only); counts and sums, no lead is read.
        Lead = self.env["crm.lead"].sudo()
        base = [("campaign_id", "in", utm_campaigns.ids)]
        leads = Lead.read_group(base, ["campaign_id"], ["campaign_id"])
        won = Lead.read_group(base + WON_LEAD_DOMAIN,
                              ["campaign_id", "planned_revenue"], ["campaign_id"])
        lead_counts = {row["campaign_id"][0]: row["campaign_id_count"] for row in leads}
        won_figures = {row["campaign_id"][0]: (row["campaign_id_count"], row["planned_revenue"])
                       for row in won}
        currency = self.env.user.company_id.currency_id
        for campaign in self:
            key = campaign.campaign_id.id
            won_count, won_revenue = won_figures.get(key, (0, 0.0))
            campaign.omnia_currency_id = currency
            campaign.omnia_lead_count = lead_counts.get(key, 0)
            campaign.omnia_won_count = won_count
            campaign.omnia_won_revenue = won_revenue

    @api.multi
    def action_omnia_view_leads(self):
        return self._omnia_leads_action(_("Campaign Leads"), [])

    @api.multi
    def action_omnia_view_won(self):
        return self._omnia_leads_action(_("Campaign Offers Won"), WON_LEAD_DOMAIN)

    def _omnia_leads_action(self, name, domain):
        self.ensure_one()
        return {
            "name": name,
            "type": "ir.actions.act_window",
            "res_model": "crm.lead",
            "view_mode": "tree,form",
            "views": [(False, "tree"), (False, "form")],
            "domain": [("campaign_id", "=", self.campaign_id.id)] + domain,
            "context": {"default_campaign_id": self.campaign_id.id,
                        "default_medium_id": self.medium_id.id,
                        "default_source_id": self.source_id.id},
        }
