# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .omnia_feedback import POLARITIES, POLARITY_NEGATIVE, POLARITY_POSITIVE

RULE_AVERAGE = "average"
RULE_LOWEST = "lowest"
POLARITY_RULES = [
    (RULE_AVERAGE, "Average score at least the threshold"),
    (RULE_LOWEST, "Every score at least the threshold"),
]


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    is_customer_feedback = fields.Boolean(
        string="Customer Feedback Survey",
        help="A completed response creates a customer feedback record, "
             "positive or negative by the polarity rule.",
    )
    feedback_polarity_rule = fields.Selection(
        selection=POLARITY_RULES,
        string="Polarity Rule",
        default=RULE_AVERAGE,
        help="How the scores of the scored questions make a response "
             "positive; otherwise it is negative.",
    )
    feedback_threshold = fields.Float(
        string="Polarity Threshold",
        default=3.0,
        help="The score a response must reach to count as positive.",
    )
    feedback_unscored_polarity = fields.Selection(
        selection=POLARITIES,
        string="Polarity Without Scores",
        default=POLARITY_NEGATIVE,
        help="Polarity of a response with no scored answer (e.g. only free "
             "text). Negative by default, so that the account manager reads "
             "it and reacts; he can change the polarity afterwards.",
    )

    @api.constrains("is_customer_feedback", "feedback_polarity_rule",
                    "feedback_unscored_polarity")
    def _check_feedback_rule(self):
        for survey in self.filtered("is_customer_feedback"):
            if not survey.feedback_polarity_rule:
                raise ValidationError(_(
                    "Polarity Rule: a customer feedback survey needs one."))
            if not survey.feedback_unscored_polarity:
                raise ValidationError(_(
                    "Polarity Without Scores: a customer feedback survey "
                    "needs one."))

    @api.multi
    def _feedback_polarity(self, scores):
        """Polarity of a response from the scores of its scored answers;
        a hook for other rules."""
        self.ensure_one()
        if not scores:
            return self.feedback_unscored_polarity
        if self.feedback_polarity_rule == RULE_LOWEST:
            value = min(scores)
        else:
            value = sum(scores) / len(scores)
        # Scores are entered with two decimals at most: compare at that
        # precision so that an average equal to the threshold is positive.
        if round(value - self.feedback_threshold, 6) >= 0:
            return POLARITY_POSITIVE
        return POLARITY_NEGATIVE

    @api.model
    def _default_customer_feedback_survey(self):
        survey = self.env.ref(
            "omnia_customer.survey_staff_training_feedback",
            raise_if_not_found=False)
        if survey and survey.active and survey.is_customer_feedback:
            return survey
        return self.search([("is_customer_feedback", "=", True)], limit=1)

    @api.model
    def _action_send_customer_feedback(self, company, lead=None):
        """Open the survey invitation for the contacts of a customer
        company; their responses are linked to the company (and the
        opportunity)."""
        survey = self._default_customer_feedback_survey()
        if not survey:
            raise UserError(_(
                "There is no customer feedback survey: mark a survey as one "
                "first."))
        contacts = company.child_ids.filtered("email") or company
        context = {
            "default_public": "email_private",
            "default_partner_ids": contacts.ids,
            "default_omnia_partner_id": company.id,
            "default_omnia_lead_id": lead.id if lead else False,
        }
        return survey.with_context(**context).action_send_survey()
