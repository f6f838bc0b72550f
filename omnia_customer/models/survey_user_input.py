# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.http import request

from .access import is_superuser
from .omnia_feedback import SOURCE_SURVEY

STATE_DONE = "done"
# The survey's own page that submits a respondent's answers (Odoo 11's
# survey controller), the one way a response is completed.
SUBMIT_ROUTE = "/survey/submit/"


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    omnia_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        index=True,
        ondelete="set null",
        domain=[("is_company", "=", True)],
        help="The customer company the response is about.",
    )
    omnia_lead_id = fields.Many2one(
        comodel_name="crm.lead",
        string="Opportunity",
        ondelete="set null",
    )
    feedback_id = fields.Many2one(
        comodel_name="omnia.feedback",
        readonly=True,
        ondelete="set null",
        copy=False,
    )

    @api.model
    def create(self, vals):
        context = self.env.context
        if not vals.get("omnia_partner_id"):
            company_id = context.get("omnia_survey_partner_id")
            if not company_id and vals.get("partner_id"):
                # sudo: a public or portal respondent may not read the
                # partner it answers as; only its company is looked up.
                partner = self.env["res.partner"].sudo().browse(
                    vals["partner_id"])
                commercial = partner.commercial_partner_id
                company_id = commercial.is_company and commercial.id
            vals["omnia_partner_id"] = company_id or False
        if not vals.get("omnia_lead_id") and context.get("omnia_survey_lead_id"):
            vals["omnia_lead_id"] = context["omnia_survey_lead_id"]
        self._check_customer(vals.get("omnia_partner_id"))
        user_input = super().create(vals)
        user_input._create_feedback()
        return user_input

    @api.multi
    def write(self, vals):
        if "omnia_partner_id" in vals:
            self._check_customer(vals["omnia_partner_id"])
        res = super().write(vals)
        if vals.get("state") == STATE_DONE:
            self._create_feedback()
        return res

    @api.model
    def _check_customer(self, partner_id):
        """A response becomes feedback about its customer: whoever sets the
        customer (the account manager who sends the survey) must be one who
        records that customer's feedback. The survey's own pages create
        responses as superuser or as the respondent; a portal or public
        respondent answers for himself."""
        if not partner_id or is_superuser(self.env) or self.env.user.share:
            return
        partner = self.env["res.partner"].browse(partner_id)
        try:
            self.env["omnia.feedback"].check_access_rights("create")
            partner.check_access_rule("write")
        except AccessError:
            raise AccessError(_("Customer: you may not ask for feedback about a "
                                "customer whose feedback you do not record (id %s).")
                              % partner.id)

    @api.multi
    def _submitted_through_survey(self):
        """Whether this completion comes from the survey's submit page (a
        respondent's token and answers), not from a direct write."""
        if is_superuser(self.env) and not request:
            return True     # data files, tests and scheduled jobs
        return bool(request) and request.httprequest.path.startswith(SUBMIT_ROUTE)

    @api.multi
    def _create_feedback(self):
        """Create the feedback of completed customer feedback responses,
        once per response."""
        if not self._submitted_through_survey():
            return
        user_inputs = self.filtered(
            lambda i: i.state == STATE_DONE
            and i.survey_id.is_customer_feedback
            and i.omnia_partner_id
            and not i.feedback_id
            and not i.test_entry
            and i.user_input_line_ids.filtered(lambda line: not line.skipped))
        # sudo: responses are submitted by the respondent (public or portal
        # user), who has no access to the customer team's feedback; this
        # creates that one feedback record and nothing else (its to-do for
        # the account manager comes with it).
        Feedback = self.env["omnia.feedback"].sudo()
        for user_input in user_inputs.sudo():
            existing = Feedback.search(
                [("survey_input_id", "=", user_input.id)], limit=1)
            if existing:
                user_input.feedback_id = existing
                continue
            user_input.feedback_id = Feedback.create(
                user_input._prepare_feedback_values())

    @api.multi
    def _prepare_feedback_values(self):
        self.ensure_one()
        survey = self.survey_id
        lines = self.user_input_line_ids.filtered(lambda line: not line.skipped)
        scored_questions = lines.mapped("question_id").filtered(
            lambda q: any(q.labels_ids.mapped("quizz_mark")))
        scores = lines.filtered(
            lambda line: line.answer_type == "suggestion"
            and line.question_id in scored_questions).mapped("quizz_mark")
        contact = self.partner_id
        if contact and contact.commercial_partner_id != self.omnia_partner_id:
            contact = contact.browse()
        return {
            "partner_id": self.omnia_partner_id.id,
            "contact_id": contact.id if contact and not contact.is_company else False,
            "lead_id": self.omnia_lead_id.id,
            "date": fields.Date.to_string(
                fields.Datetime.from_string(self.date_create)),
            "polarity": survey._feedback_polarity(scores),
            "source": SOURCE_SURVEY,
            "description": self._feedback_summary(lines, scores),
            "survey_input_id": self.id,
        }

    @api.multi
    def _feedback_summary(self, lines, scores):
        """The answers as text, one line per answer."""
        self.ensure_one()
        rows = [_("Survey: %s") % self.survey_id.title]
        if scores:
            rows.append(_(
                "Average score: %(average).2f (%(count)d scored answers)") % {
                    "average": sum(scores) / len(scores),
                    "count": len(scores),
            })
        for line in lines.sorted(lambda line: (
                line.question_id.page_id.sequence, line.question_id.sequence,
                line.question_id.id, line.value_suggested_row.sequence,
                line.id)):
            # A matrix row is a statement of its own.
            question = (line.value_suggested_row.value
                        or line.question_id.question)
            rows.append("%s: %s" % (question, line._feedback_answer_text()))
        return "\n".join(rows)
