# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


# The customer team and management, who read feedback.
FEEDBACK_READERS = "omnia_customer.group_account_manager,omnia_customer.group_management"


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

    # Feedback balance
    feedback_positive_count = fields.Integer(
        string="Positive Feedback", compute="_compute_feedback_counts",
        groups=FEEDBACK_READERS)
    feedback_negative_count = fields.Integer(
        string="Negative Feedback", compute="_compute_feedback_counts",
        groups=FEEDBACK_READERS)
    feedback_open_count = fields.Integer(
        string="Open Feedback", compute="_compute_feedback_counts",
        groups=FEEDBACK_READERS)

    def _compute_feedback_counts(self):
        companies = self.mapped("commercial_partner_id")
        counts = {}
        if companies:
            groups = self.env["omnia.feedback"].read_group(
                [("partner_id", "in", companies.ids)],
                ["partner_id", "polarity", "state"],
                ["partner_id", "polarity", "state"],
                lazy=False,
            )
            for group in groups:
                key = group["partner_id"][0]
                counts.setdefault(key, {"positive": 0, "negative": 0, "open": 0})
                counts[key][group["polarity"]] += group["__count"]
                if group["state"] != "done":
                    counts[key]["open"] += group["__count"]
        for partner in self:
            values = counts.get(partner.commercial_partner_id.id, {})
            partner.feedback_positive_count = values.get("positive", 0)
            partner.feedback_negative_count = values.get("negative", 0)
            partner.feedback_open_count = values.get("open", 0)

    @api.multi
    def action_view_omnia_feedback(self):
        self.ensure_one()
        company = self.commercial_partner_id
        action = self.env.ref("omnia_customer.omnia_feedback_action").read()[0]
        action["domain"] = [("partner_id", "=", company.id)]
        action["context"] = {"default_partner_id": company.id}
        return action

    @api.multi
    def action_record_omnia_feedback(self):
        """Open a new feedback form for this customer (or contact)."""
        self.ensure_one()
        company = self.commercial_partner_id
        return self.env["omnia.feedback"]._action_record({
            "default_partner_id": company.id,
            "default_contact_id": self.id if self != company else False,
            "default_industry_id": company.industry_ids[:1].id,
        })

    @api.multi
    def action_send_omnia_feedback_survey(self):
        self.ensure_one()
        return self.env["survey.survey"]._action_send_customer_feedback(
            self.commercial_partner_id)
