# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import pytz

from odoo import _, api, fields, models, tools
from odoo.exceptions import ValidationError

from .access import GROUP_TEAM_LEAD, has_visible_text, workflow
from .omnia_model_mixin import warning_of
from .rules import add_working_days, omnia_today, system_today

POLARITY_POSITIVE = "positive"
POLARITY_NEGATIVE = "negative"
POLARITIES = [
    (POLARITY_POSITIVE, "Positive"),
    (POLARITY_NEGATIVE, "Negative"),
]

SOURCE_VISIT = "visit"
SOURCE_PHONE = "phone"
SOURCE_EMAIL = "email"
SOURCE_SURVEY = "survey"
SOURCE_AIPAL = "aipal"
SOURCE_STEERING_GROUP = "steering_group"
SOURCE_STUDENT_FORUM = "student_forum"
SOURCE_OTHER = "other"
SOURCES = [
    (SOURCE_VISIT, "Customer Visit"),
    (SOURCE_PHONE, "Phone"),
    (SOURCE_EMAIL, "E-mail"),
    (SOURCE_SURVEY, "Survey"),
    (SOURCE_AIPAL, "National Feedback (Aipal)"),
    (SOURCE_STEERING_GROUP, "Steering Group"),
    (SOURCE_STUDENT_FORUM, "Student Forum"),
    (SOURCE_OTHER, "Other"),
]

STATE_TO_CLASSIFY = "to_classify"
# Feedback from students: about a qualification or a training (R20).
STUDENT_SOURCES = (SOURCE_AIPAL, SOURCE_STUDENT_FORUM)

STATE_NEW = "new"
STATE_IN_PROGRESS = "in_progress"
STATE_DONE = "done"
STATES = [
    (STATE_TO_CLASSIFY, "To Classify"),
    (STATE_NEW, "New"),
    (STATE_IN_PROGRESS, "In Progress"),
    (STATE_DONE, "Done"),
]

DEADLINE_PARAM = "omnia_customer.feedback_deadline_days"
DEFAULT_DEADLINE_DAYS = 5
# A deadline is counted day by day: at most a year of working days, whatever
# the system parameter says.
MAX_DEADLINE_DAYS = 260

# Feedback by e-mail (the alias palaute@): a sender of these domains is a
# private person, whose domain names no customer company.
PUBLIC_MAIL_DOMAINS = frozenset([
    "gmail.com", "googlemail.com", "hotmail.com", "hotmail.fi", "live.com",
    "outlook.com", "msn.com", "yahoo.com", "icloud.com", "me.com",
    "luukku.com", "suomi24.fi", "kolumbus.fi", "elisanet.fi", "welho.com",
    "saunalahti.fi", "netti.fi", "pp.inet.fi",
])
# The time zone of a mail's date received when the company sets none.
DEFAULT_MAIL_TZ = "Europe/Helsinki"


class OmniaFeedback(models.Model):
    """Feedback received directly from a customer (R19): positive or
    negative, always handled and reacted to."""

    _name = "omnia.feedback"
    _description = "Customer Feedback"
    _inherit = ["omnia.model.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    # Changed by the feedback's buttons only (the date handled is the
    # system's); the rules go by the customer's account manager and hold
    # after the customer changes (omnia.model.mixin).
    _workflow_fields = ("state", "done_date")
    _rule_fields = ("partner_id", "qualification_id", "training_id")

    # Customer
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        index=True,
        ondelete="restrict",
        domain=[("is_company", "=", True)],
        track_visibility="onchange",
        help="The customer company; may be empty for student feedback "
             "about a qualification or a training.",
    )
    # Student feedback (R20): about a qualification or a training
    qualification_id = fields.Many2one(
        comodel_name="omnia.qualification",
        index=True,
        ondelete="restrict",
        track_visibility="onchange",
    )
    training_id = fields.Many2one(
        comodel_name="omnia.training",
        index=True,
        ondelete="restrict",
        track_visibility="onchange",
    )
    contact_id = fields.Many2one(
        comodel_name="res.partner",
        ondelete="set null",
        domain="[('parent_id', '=', partner_id)]",
    )
    account_manager_id = fields.Many2one(
        comodel_name="res.users",
        string="Account Manager",
        related="partner_id.account_manager_id",
        store=True,
        readonly=True,
        index=True,
    )
    segment_id = fields.Many2one(
        comodel_name="omnia.segment",
        string="Segment Class",
        related="partner_id.segment_id",
        store=True,
        readonly=True,
    )
    industry_id = fields.Many2one(
        comodel_name="omnia.industry",
        ondelete="set null",
    )
    # Feedback
    date = fields.Date(
        required=True,
        index=True,
        default=fields.Date.context_today,
        track_visibility="onchange",
    )
    polarity = fields.Selection(
        selection=POLARITIES,
        index=True,
        track_visibility="onchange",
        help="Type of the feedback as the staff recorded it.",
    )
    source = fields.Selection(
        selection=SOURCES,
        required=True,
        default=SOURCE_VISIT,
        track_visibility="onchange",
    )
    description = fields.Text(string="Feedback")
    email_from = fields.Char(
        string="Sender's E-mail",
        readonly=True,
        help="The address the feedback was e-mailed from.",
    )
    # Where it was received
    event_id = fields.Many2one(
        comodel_name="calendar.event",
        string="Calendar Event",
        ondelete="set null",
    )
    lead_id = fields.Many2one(
        comodel_name="crm.lead",
        string="Opportunity",
        ondelete="set null",
    )
    meeting_id = fields.Many2one(
        comodel_name="omnia.feedback.meeting",
        ondelete="set null",
        help="The steering group or student forum where it was received.",
    )
    survey_input_id = fields.Many2one(
        comodel_name="survey.user_input",
        string="Survey Response",
        ondelete="set null",
        readonly=True,
    )
    # Handling
    state = fields.Selection(
        selection=STATES,
        string="Status",
        required=True,
        default=STATE_NEW,
        index=True,
        track_visibility="onchange",
    )
    response = fields.Text(
        help="How the feedback was reacted to; required to close negative "
             "feedback.",
    )
    action_ids = fields.One2many(
        comodel_name="omnia.feedback.action",
        inverse_name="feedback_id",
        string="Actions",
    )
    deadline = fields.Date(
        string="Response Deadline",
        compute="_compute_deadline",
        store=True,
        help="For negative feedback: the date by which it must be handled, "
             "counted in working days (Monday to Friday) from the date "
             "received.",
    )
    done_date = fields.Date(
        string="Handled On",
        copy=False,
        track_visibility="onchange",
    )
    response_days = fields.Integer(
        compute="_compute_response_days",
        store=True,
        help="Calendar days from the date received to the date handled.",
    )
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        search="_search_is_overdue",
        help="Negative feedback not handled by its response deadline.",
    )

    _sql_constraints = [
        ("survey_input_unique", "unique(survey_input_id)",
         "Survey Response: this response already has its feedback."),
    ]

    @api.depends("date", "polarity")
    def _compute_deadline(self):
        days = self._deadline_days()
        for feedback in self:
            if feedback.polarity == POLARITY_NEGATIVE and feedback.date:
                feedback.deadline = fields.Date.to_string(add_working_days(
                    fields.Date.from_string(feedback.date), days))
            else:
                feedback.deadline = False

    @api.depends("date", "done_date")
    def _compute_response_days(self):
        for feedback in self:
            if feedback.date and feedback.done_date:
                feedback.response_days = (
                    fields.Date.from_string(feedback.done_date)
                    - fields.Date.from_string(feedback.date)).days
            else:
                feedback.response_days = 0

    def _compute_is_overdue(self):
        today = omnia_today(self)
        for feedback in self:
            feedback.is_overdue = bool(
                feedback.deadline
                and feedback.state != STATE_DONE
                and feedback.deadline < today)

    def _search_is_overdue(self, operator, value):
        today = omnia_today(self)
        # Explicit operators: the domain replaces a single leaf.
        domain = [
            "&", "&",
            ("polarity", "=", POLARITY_NEGATIVE),
            ("state", "!=", STATE_DONE),
            ("deadline", "<", today),
        ]
        if (operator == "=") == bool(value):
            return domain
        return ["!"] + domain

    @api.constrains("state", "response", "polarity", "done_date", "date")
    def _check_handling(self):
        # One message naming every wrong field of a feedback.
        for feedback in self:
            problems = []
            if (feedback.state == STATE_DONE
                    and feedback.polarity == POLARITY_NEGATIVE
                    and not has_visible_text(feedback.response)):
                problems.append(_(
                    "Response: negative feedback cannot be closed without a "
                    "response."))
            if feedback.done_date and feedback.date and feedback.done_date < feedback.date:
                problems.append(_(
                    "Handled On: must not be before the date received (%s).")
                    % feedback.date)
            for action in feedback.action_ids:
                problems += action._problems()
            if problems:
                raise ValidationError("\n".join(problems))

    @api.constrains("state", "source", "polarity")
    def _check_classified(self):
        # Only feedback received by e-mail waits without a polarity (or what
        # it is about: _check_subject), until it is classified.
        for feedback in self:
            if feedback.state == STATE_TO_CLASSIFY:
                if feedback.source != SOURCE_EMAIL:
                    raise ValidationError(_(
                        "Status: only feedback received by e-mail waits to be "
                        "classified."))
                continue
            if not feedback.polarity:
                raise ValidationError(_(
                    "Polarity: choose positive or negative."))

    @api.onchange("date", "action_ids")
    def _onchange_action_deadlines(self):
        # The actions' deadlines against the date being entered.
        problems = []
        for action in self.action_ids:
            problems += action._problems(origin_date=self.date)
        return warning_of(problems)

    @api.constrains("partner_id", "qualification_id", "training_id", "source", "state")
    def _check_subject(self):
        """Feedback is about a customer, a qualification or a training;
        student feedback (forums, Aipal) about a qualification or a
        training. Feedback by e-mail may wait to be classified without."""
        for feedback in self:
            if feedback.state == STATE_TO_CLASSIFY:
                continue
            if feedback.source in STUDENT_SOURCES:
                if not (feedback.qualification_id or feedback.training_id):
                    raise ValidationError(_(
                        "Qualification or Training: student feedback (student "
                        "forum, Aipal) is about a qualification or a "
                        "training; choose one."))
            elif not (feedback.partner_id or feedback.qualification_id
                      or feedback.training_id):
                raise ValidationError(_(
                    "Customer, Qualification or Training: choose what the "
                    "feedback is about."))

    @api.onchange("training_id")
    def _onchange_training_id(self):
        training = self.training_id
        if training.qualification_id:
            self.qualification_id = training.qualification_id
        if training.partner_id and not self.partner_id:
            self.partner_id = training.partner_id

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id and not self.industry_id:
            self.industry_id = self.partner_id.industry_ids[:1]
        if self.contact_id and self.contact_id.parent_id != self.partner_id:
            self.contact_id = False

    @api.model
    def _check_required_values(self, vals):
        """Refuse a missing customer or polarity with a message naming the
        field, before anything is written."""
        labels = {
            "polarity": _("Polarity: choose positive or negative."),
        }
        for fname, message in labels.items():
            if fname in vals and not vals[fname]:
                raise ValidationError(message)

    @api.model
    def create(self, vals):
        vals = self._add_missing_default_values(vals)
        vals.setdefault("polarity", False)
        if vals.get("state") != STATE_TO_CLASSIFY:
            self._check_required_values(vals)
        if vals.get("state") == STATE_DONE and not vals.get("done_date"):
            vals["done_date"] = system_today(self)
        feedback = super().create(vals)
        feedback._sync_response_activities()
        return feedback

    @api.multi
    def write(self, vals):
        self._check_required_values(vals)
        if "state" in vals and "done_date" not in vals:
            vals = dict(vals, done_date=(
                system_today(self) if vals["state"] == STATE_DONE else False))
        res = super().write(vals)
        if vals.get("polarity") and "state" not in vals:
            self._classify()
        if vals.get("state") == STATE_DONE:
            self._close_response_activities()
        elif {"polarity", "date", "state"} & set(vals):
            self._sync_response_activities()
        return res

    @api.multi
    def name_get(self):
        return [
            (feedback.id, "%s, %s" % (
                (feedback.partner_id or feedback.training_id
                 or feedback.qualification_id).display_name or feedback.email_from,
                feedback.date))
            for feedback in self
        ]

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A mail to the feedback address (the alias palaute@) becomes one
        feedback to classify: the customer matched by the sender, the
        polarity left to the account manager, who is told (or the team
        lead, when the sender is unknown)."""
        values = self._mail_feedback_values(msg_dict)
        values.update(custom_values or {})
        feedback = super().message_new(msg_dict, custom_values=values)
        feedback._notify_classifiers()
        return feedback

    @api.model
    def _mail_feedback_values(self, msg_dict):
        """The values of the feedback of an incoming mail ``msg_dict`` (as
        mail.thread's message_parse gives it)."""
        emails = tools.email_split(msg_dict.get("email_from") or "")
        email = emails[0].lower() if emails else False
        customer, contact = self._match_sender(email)
        return {
            "state": STATE_TO_CLASSIFY,
            "source": SOURCE_EMAIL,
            "polarity": False,
            "partner_id": customer.id,
            "contact_id": contact.id,
            "industry_id": customer.industry_ids[:1].id,
            "date": self._mail_date(msg_dict.get("date")),
            "email_from": email,
            "description": tools.html2plaintext(msg_dict.get("body") or "").strip(),
        }

    @api.model
    def _match_sender(self, email):
        """The customer company and contact person of the sender ``email``:
        a contact (or company) with that address, case-insensitive, gives
        its company; else a company whose e-mail or website is of the
        sender's domain, unless that is a public mail service. Empty
        recordsets when nothing, or more than one company, matches."""
        Partner = self.env["res.partner"]
        if not email or "@" not in email:
            return Partner, Partner
        # the college's own companies are no customers (its staff write too)
        own = self.env["res.company"].search(
            [("partner_id", "!=", False)]).mapped("partner_id")
        partners = Partner.search([("email", "=ilike", email)]).filtered(
            lambda p: (p.email or "").strip().lower() == email
            and p.commercial_partner_id.is_company
            and p.commercial_partner_id not in own)
        companies = partners.mapped("commercial_partner_id")
        if len(companies) == 1:
            contact = partners.filtered(lambda p: not p.is_company)[:1]
            return companies, contact
        if companies:
            return Partner, Partner
        domain = email.rsplit("@", 1)[1]
        if domain in PUBLIC_MAIL_DOMAINS:
            return Partner, Partner
        companies = Partner.search([
            ("is_company", "=", True),
            "|", ("email", "=ilike", "%@" + domain), ("website", "ilike", domain),
        ]).filtered(lambda p: p not in own and (
            (p.email or "").lower().endswith("@" + domain)
            or self._website_domain(p.website) == domain))
        if len(companies) == 1:
            return companies, Partner
        return Partner, Partner

    @staticmethod
    def _website_domain(website):
        """The host of ``website`` without its ``www.``, lower case."""
        host = (website or "").lower().split("://", 1)[-1]
        host = host.split("/", 1)[0].split(":", 1)[0]
        return host[4:] if host.startswith("www.") else host

    @api.model
    def _mail_date(self, date):
        """The day a mail dated ``date`` (UTC, as the gateway parses it)
        was received, in the company's time zone."""
        if not date:
            return fields.Date.context_today(self)
        tz_name = self.env.user.company_id.omnia_user_tz or DEFAULT_MAIL_TZ
        try:
            tz = pytz.timezone(tz_name)
        except pytz.UnknownTimeZoneError:
            tz = pytz.timezone(DEFAULT_MAIL_TZ)
        moment = pytz.UTC.localize(fields.Datetime.from_string(date))
        return fields.Date.to_string(moment.astimezone(tz))

    @api.multi
    def _classifiers(self):
        """Who classifies the feedback: the customer's account manager, or
        the team leads when the customer is not known."""
        self.ensure_one()
        if self.account_manager_id:
            return self.account_manager_id
        return self.env.ref(GROUP_TEAM_LEAD).users.filtered(
            lambda user: not user.share)

    @api.multi
    def _notify_classifiers(self):
        """Subscribe the classifiers to the feedback's thread and give each
        a "Classify Feedback" to-do for the next working day."""
        activity_type = self.env.ref(
            "omnia_customer.mail_activity_type_feedback_classify")
        model_id = self.env["ir.model"]._get_id(self._name)
        for feedback in self:
            users = feedback._classifiers()
            feedback.message_subscribe(partner_ids=users.mapped("partner_id").ids)
            deadline = fields.Date.to_string(add_working_days(
                fields.Date.from_string(feedback.date), 1))
            for user in users:
                # No summary: the activity type's name shows, in the
                # language of whoever reads it.
                self.env["mail.activity"].create({
                    "res_model_id": model_id,
                    "res_id": feedback.id,
                    "activity_type_id": activity_type.id,
                    "date_deadline": deadline,
                    "user_id": user.id,
                })

    @api.multi
    def _classify(self):
        """Feedback to classify that has its polarity goes on as recorded
        feedback of that polarity (new, with the response to-do of negative
        feedback); its "Classify Feedback" to-dos are done."""
        feedbacks = self.filtered(
            lambda f: f.state == STATE_TO_CLASSIFY and f.polarity)
        if not feedbacks:
            return
        with workflow(self.env):
            feedbacks.write({"state": STATE_NEW})
        activity_type = self.env.ref(
            "omnia_customer.mail_activity_type_feedback_classify")
        activities = self.env["mail.activity"].search([
            ("res_model", "=", self._name),
            ("res_id", "in", feedbacks.ids),
            ("activity_type_id", "=", activity_type.id),
        ])
        if activities:
            activities.action_feedback()

    @api.multi
    def message_get_suggested_recipients(self):
        """The sender of feedback received by e-mail (its contact person
        when known) is suggested as a recipient of the staff's answer."""
        recipients = super().message_get_suggested_recipients()
        for feedback in self.filtered("email_from"):
            contact = feedback.contact_id
            if contact and (contact.email or "").strip().lower() == feedback.email_from:
                feedback._message_add_suggested_recipient(
                    recipients, partner=contact, reason=_("Sender's E-mail"))
            else:
                feedback._message_add_suggested_recipient(
                    recipients, email=feedback.email_from,
                    reason=_("Sender's E-mail"))
        return recipients

    @api.multi
    def action_classify(self):
        for feedback in self:
            if not feedback.polarity:
                raise ValidationError(_("Polarity: choose positive or negative."))
        self._classify()
        return True

    @api.multi
    def action_start(self):
        with workflow(self.env):
            self.write({"state": STATE_IN_PROGRESS})
        return True

    @api.multi
    def action_done(self):
        with workflow(self.env):
            self.write({"state": STATE_DONE})
        return True

    @api.multi
    def action_reopen(self):
        with workflow(self.env):
            self.write({"state": STATE_IN_PROGRESS})
        return True

    @api.model
    def _deadline_days(self):
        """Working days to respond to negative feedback (Settings)."""
        # sudo: the setting is read by every user who records feedback.
        value = self.env["ir.config_parameter"].sudo().get_param(
            DEADLINE_PARAM, DEFAULT_DEADLINE_DAYS)
        try:
            return min(max(int(value), 1), MAX_DEADLINE_DAYS)
        except ValueError:
            return DEFAULT_DEADLINE_DAYS

    @api.multi
    def _response_activities(self):
        activity_type = self.env.ref(
            "omnia_customer.mail_activity_type_feedback_response")
        return self.env["mail.activity"].search([
            ("res_model", "=", self._name),
            ("res_id", "in", self.ids),
            ("activity_type_id", "=", activity_type.id),
        ])

    @api.multi
    def _sync_response_activities(self):
        """Keep one to-do with the response deadline for the account manager
        of each open negative feedback, and none for other feedback."""
        activities = self._response_activities()
        activity_type = self.env.ref(
            "omnia_customer.mail_activity_type_feedback_response")
        model_id = self.env["ir.model"]._get_id(self._name)
        for feedback in self:
            own = activities.filtered(lambda a, f=feedback: a.res_id == f.id)
            if feedback.polarity != POLARITY_NEGATIVE or feedback.state == STATE_DONE:
                own.unlink()
            elif own:
                own.filtered(
                    lambda a, f=feedback: a.date_deadline != f.deadline
                ).write({"date_deadline": feedback.deadline})
            else:
                self.env["mail.activity"].create({
                    "res_model_id": model_id,
                    "res_id": feedback.id,
                    "activity_type_id": activity_type.id,
                    "summary": _("Respond to negative feedback"),
                    "date_deadline": feedback.deadline,
                    "user_id": (feedback.account_manager_id
                                or feedback.training_id.user_id
                                or feedback.qualification_id.manager_id
                                or self.env.user).id,
                })
        self.invalidate_cache(["activity_ids"], self.ids)

    @api.multi
    def _close_response_activities(self):
        """Mark the to-dos done with the response as their feedback."""
        activities = self._response_activities()
        for feedback in self:
            feedback_activities = activities.filtered(
                lambda a, f=feedback: a.res_id == f.id)
            if feedback_activities:
                feedback_activities.action_feedback(feedback=feedback.response)

    @api.model
    def _action_record(self, context):
        """The form of a new feedback, pre-filled by ``context``."""
        return {
            "type": "ir.actions.act_window",
            "name": _("Record Feedback"),
            "res_model": self._name,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": context,
        }
