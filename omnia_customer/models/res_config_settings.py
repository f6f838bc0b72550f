# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .calendar_event import ALLDAY_HOURS_PARAM
from .crm_lead import PARAM_PRICE_APPROVAL_REQUIRED
from .omnia_care_activity import (
    DEFAULT_ESCALATION_DAYS, DEFAULT_MEETING_LEAD_DAYS, DEFAULT_REVIEW_LEAD_DAYS,
    PARAM_ESCALATION_DAYS, PARAM_MEETING_LEAD_DAYS, PARAM_REVIEW_LEAD_DAYS)
from .omnia_feedback import DEADLINE_PARAM, DEFAULT_DEADLINE_DAYS
from .omnia_resource_allocation import DEFAULT_THRESHOLD, PARAM_THRESHOLD

PARAM_SEGMENT_AUTO_APPLY = "omnia_customer.segment_auto_apply"
# The offer types of the Settings' price approval switches (field suffixes).
PRICE_APPROVAL_OFFER_TYPES = ("staff_training", "apprenticeship", "labour_policy", "other")
PARAM_DEFAULT_REVIEW_INTERVAL = "omnia_customer.default_review_interval_days"


class ResConfigSettings(models.TransientModel):
    """Settings of the customer team, shown in their own section of Settings
    (admins only)."""

    _inherit = "res.config.settings"

    # Segment classes
    omnia_segment_auto_apply = fields.Boolean(
        string="Apply Suggested Segments Automatically",
        help="Every night, set the suggested segment class on the customers "
             "whose class differs from the suggestion.",
    )
    omnia_default_review_interval_days = fields.Integer(
        string="Default Review Interval (days)",
        default=365,
        help="Review interval of care plans whose customer has no segment "
             "class, and the starting value for new segment classes.",
    )
    # Care model
    omnia_default_meeting_lead_days = fields.Integer(
        string="Default Meeting Reminder (days ahead)",
        default=DEFAULT_MEETING_LEAD_DAYS,
        help="How many days before a customer's meeting is due its account "
             "manager gets an activity: the starting value for new segment "
             "classes.",
    )
    omnia_default_review_lead_days = fields.Integer(
        string="Default Review Reminder (days ahead)",
        default=DEFAULT_REVIEW_LEAD_DAYS,
        help="How many days before a care plan's review date its account "
             "manager and the team lead get an activity, for plans without a "
             "segment class; the starting value for new segment classes.",
    )
    omnia_meeting_escalation_days = fields.Integer(
        string="Escalate Overdue Meetings After (days)",
        default=DEFAULT_ESCALATION_DAYS,
        help="When a customer's meeting is overdue by this many days, the "
             "team lead gets one activity for the customer.",
    )
    # Feedback
    omnia_feedback_deadline_days = fields.Integer(
        string="Response Deadline for Negative Feedback",
        default=DEFAULT_DEADLINE_DAYS,
        help="Working days (Monday to Friday, no public holidays) within "
             "which negative feedback must be handled.",
    )
    # Offers: the types whose offers need an approved price to be won
    omnia_price_approval_staff_training = fields.Boolean(
        string="Price Approval Required: Staff Training",
        help="A staff training offer is won only when management has "
             "approved its price.",
    )
    omnia_price_approval_apprenticeship = fields.Boolean(
        string="Price Approval Required: Apprenticeship Training",
        help="An apprenticeship training offer is won only when management "
             "has approved its price.",
    )
    omnia_price_approval_labour_policy = fields.Boolean(
        string="Price Approval Required: Labour-Policy Training",
        help="A labour-policy training offer is won only when management "
             "has approved its price.",
    )
    omnia_price_approval_other = fields.Boolean(
        string="Price Approval Required: Other",
        help="An offer of the type Other is won only when management has "
             "approved its price.",
    )
    # Calendar and work hours
    omnia_allday_hours = fields.Float(
        string="Hours of an All-Day Event",
        help="How many hours an all-day calendar event counts per day in the "
             "weekly hours report.",
    )
    omnia_resource_threshold = fields.Integer(
        string="Weekly Hours Threshold (%)",
        default=DEFAULT_THRESHOLD,
        help="A completed week whose logged hours are under this percentage "
             "of the account manager's allocation is flagged to him and "
             "listed for the team lead.",
    )
    # New users
    omnia_user_lang = fields.Selection(
        related="company_id.omnia_user_lang",
        string="Language of New Users",
    )
    omnia_user_tz = fields.Selection(
        related="company_id.omnia_user_tz",
        string="Time Zone of New Users",
    )

    @api.constrains("omnia_default_review_interval_days")
    def _check_omnia_default_review_interval_days(self):
        for settings in self:
            if settings.omnia_default_review_interval_days < 1:
                raise ValidationError(
                    _("Default Review Interval (days): must be at least 1 day."))

    @api.constrains("omnia_default_meeting_lead_days", "omnia_default_review_lead_days",
                    "omnia_meeting_escalation_days")
    def _check_omnia_care_model(self):
        for settings in self:
            if settings.omnia_default_meeting_lead_days < 0:
                raise ValidationError(
                    _("Default Meeting Reminder (days ahead): must not be negative."))
            if settings.omnia_default_review_lead_days < 0:
                raise ValidationError(
                    _("Default Review Reminder (days ahead): must not be negative."))
            if settings.omnia_meeting_escalation_days < 1:
                raise ValidationError(_(
                    "Escalate Overdue Meetings After (days): must be at least 1 day."))

    @api.constrains("omnia_feedback_deadline_days")
    def _check_omnia_feedback_deadline_days(self):
        for settings in self:
            if settings.omnia_feedback_deadline_days < 1:
                raise ValidationError(_(
                    "Response Deadline for Negative Feedback: must be at "
                    "least 1 working day."))

    @api.constrains("omnia_allday_hours")
    def _check_omnia_allday_hours(self):
        for settings in self:
            if not 0 < settings.omnia_allday_hours <= 24:
                raise ValidationError(_(
                    "Hours of an All-Day Event: must be more than 0 and at most 24."))

    @api.constrains("omnia_resource_threshold")
    def _check_omnia_resource_threshold(self):
        for settings in self:
            if not 0 < settings.omnia_resource_threshold <= 100:
                raise ValidationError(_(
                    "Weekly Hours Threshold (%): must be more than 0 and at most 100."))

    @api.model
    def get_values(self):
        res = super().get_values()
        # sudo: system parameters are technical records; Settings are for
        # administrators only.
        params = self.env["ir.config_parameter"].sudo()
        res.update(
            omnia_segment_auto_apply=bool(params.get_param(PARAM_SEGMENT_AUTO_APPLY)),
            omnia_default_review_interval_days=int(
                params.get_param(PARAM_DEFAULT_REVIEW_INTERVAL, 365)),
        )
        res.update(
            omnia_default_meeting_lead_days=int(params.get_param(
                PARAM_MEETING_LEAD_DAYS, DEFAULT_MEETING_LEAD_DAYS)),
            omnia_default_review_lead_days=int(params.get_param(
                PARAM_REVIEW_LEAD_DAYS, DEFAULT_REVIEW_LEAD_DAYS)),
            omnia_meeting_escalation_days=int(params.get_param(
                PARAM_ESCALATION_DAYS, DEFAULT_ESCALATION_DAYS)),
        )
        res["omnia_feedback_deadline_days"] = (
            self.env["omnia.feedback"]._deadline_days())
        required = self.env["crm.lead"]._price_approval_required_types()
        for offer_type in PRICE_APPROVAL_OFFER_TYPES:
            res["omnia_price_approval_%s" % offer_type] = offer_type in required
        res["omnia_allday_hours"] = self.env["calendar.event"]._get_allday_hours()
        res["omnia_resource_threshold"] = (
            self.env["omnia.resource.allocation"]._threshold())
        return res

    @api.multi
    def set_values(self):
        res = super().set_values()
        # sudo: system parameters are technical records; Settings are for
        # administrators only.
        params = self.env["ir.config_parameter"].sudo()
        params.set_param(PARAM_SEGMENT_AUTO_APPLY,
                         "1" if self.omnia_segment_auto_apply else False)
        previous_interval = int(params.get_param(PARAM_DEFAULT_REVIEW_INTERVAL, 365))
        if previous_interval != self.omnia_default_review_interval_days:
            params.set_param(PARAM_DEFAULT_REVIEW_INTERVAL,
                             str(self.omnia_default_review_interval_days))
            # Plans without a segment class follow the default interval.
            plans = self.env["omnia.care.plan"].search([("segment_id", "=", False)])
            self.env.add_todo(plans._fields["next_review_date"], plans)
            plans.recompute()
        params.set_param(PARAM_MEETING_LEAD_DAYS, str(self.omnia_default_meeting_lead_days))
        care_model = {
            PARAM_REVIEW_LEAD_DAYS: (self.omnia_default_review_lead_days,
                                     DEFAULT_REVIEW_LEAD_DAYS),
            PARAM_ESCALATION_DAYS: (self.omnia_meeting_escalation_days,
                                    DEFAULT_ESCALATION_DAYS),
        }
        changed = False
        for param, (value, default) in care_model.items():
            if int(params.get_param(param, default)) != value:
                params.set_param(param, str(value))
                changed = True
        if changed:
            # The review reminder of plans without a class and the
            # escalations of every customer follow.
            self.env["omnia.care.activity"]._sync()
        params.set_param(DEADLINE_PARAM, str(self.omnia_feedback_deadline_days))
        for offer_type in PRICE_APPROVAL_OFFER_TYPES:
            params.set_param(PARAM_PRICE_APPROVAL_REQUIRED % offer_type,
                             "1" if self["omnia_price_approval_%s" % offer_type] else "0")
        if self.omnia_allday_hours != self.env["calendar.event"]._get_allday_hours():
            # The occurrences follow the parameter (see ir_config_parameter.py).
            params.set_param(ALLDAY_HOURS_PARAM, repr(self.omnia_allday_hours))
        params.set_param(PARAM_THRESHOLD, str(self.omnia_resource_threshold))
        return res

    @api.multi
    def action_open_segments(self):
        return self.env.ref("omnia_customer.omnia_segment_action").read()[0]
