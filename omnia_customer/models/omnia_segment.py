# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .omnia_care_activity import (
    DEFAULT_MEETING_LEAD_DAYS, DEFAULT_REVIEW_LEAD_DAYS, PARAM_MEETING_LEAD_DAYS,
    PARAM_REVIEW_LEAD_DAYS)

# The segment rule, for the company ``c`` with its 12-month figures ``won``
# (revenue, count): the first active class, by priority (sequence), whose
# criteria all hold; a criterion of 0 holds for everyone. Only companies get
# a suggestion. res.partner's refresh joins it for each company.
SUGGESTION_JOIN = """
    LEFT JOIN LATERAL (
      SELECT s.id
        FROM omnia_segment s
       WHERE s.active
         AND (COALESCE(s.min_won_revenue_12m, 0) <= 0
              OR COALESCE(won.revenue, 0) >= s.min_won_revenue_12m)
         AND (COALESCE(s.min_won_count_12m, 0) <= 0
              OR COALESCE(won.count, 0) >= s.min_won_count_12m)
         AND (COALESCE(s.min_employee_count, 0) <= 0
              OR COALESCE(c.employee_count, 0) >= s.min_employee_count)
         AND (COALESCE(s.min_training_potential, 0) <= 0
              OR COALESCE(c.training_potential, 0) >= s.min_training_potential)
       ORDER BY s.sequence, s.id
       LIMIT 1
    ) suggestion ON c.is_company
"""

# Segment fields whose change changes the care model's activities of the
# class's customers.
CARE_FIELDS = {
    "active", "is_key_account", "meeting_interval_days", "review_interval_days",
    "meeting_lead_days", "review_lead_days",
}

# Segment fields whose change changes the suggestions of every customer.
RULE_FIELDS = {
    "active", "sequence", "min_won_revenue_12m", "min_won_count_12m",
    "min_employee_count", "min_training_potential",
}


class OmniaSegment(models.Model):
    """A segment class (segmenttiluokka) of customer companies, with the care
    model that says how often its customers are met and their plans reviewed."""

    _name = "omnia.segment"
    _inherit = "omnia.model.mixin"
    _description = "Segment Class"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(
        default=10,
        help="Rule priority: the first active segment whose criteria all hold "
             "is suggested for a customer.",
    )
    active = fields.Boolean(default=True)
    is_key_account = fields.Boolean(
        string="Key Account",
        help="Care plans of key accounts are reviewed in management meetings; "
             "a key account without an active care plan gives its account "
             "manager the activity \"Customer without a care plan\".",
    )
    # Care model
    meeting_interval_days = fields.Integer(
        string="Meeting Interval (days)",
        required=True,
        default=90,
        help="How often customers of this class are met.",
    )
    review_interval_days = fields.Integer(
        string="Review Interval (days)",
        required=True,
        default=lambda self: self._default_review_interval_days(),
        help="How often the care plans of this class are reviewed.",
    )
    meeting_lead_days = fields.Integer(
        string="Meeting Reminder (days ahead)",
        required=True,
        default=lambda self: self._default_lead_days(
            PARAM_MEETING_LEAD_DAYS, DEFAULT_MEETING_LEAD_DAYS),
        help="How many days before a customer's meeting is due its account "
             "manager gets the activity \"Customer meeting due\".",
    )
    review_lead_days = fields.Integer(
        string="Review Reminder (days ahead)",
        required=True,
        default=lambda self: self._default_lead_days(
            PARAM_REVIEW_LEAD_DAYS, DEFAULT_REVIEW_LEAD_DAYS),
        help="How many days before a care plan's review date its account "
             "manager and the team lead get the activity \"Care plan review "
             "due\".",
    )
    # Criteria; an empty (zero) criterion is not used.
    min_won_revenue_12m = fields.Float(string="Min. Won Revenue (12 months)")
    min_won_count_12m = fields.Integer(string="Min. Won Opportunities (12 months)")
    min_employee_count = fields.Integer(string="Min. Employees")
    min_training_potential = fields.Float(string="Min. Training Potential")

    _sql_constraints = [
        ("code_unique", "unique(code)", "Code: another segment class already has this code."),
    ]

    @api.model
    def _default_review_interval_days(self):
        # sudo: the setting is a system parameter, read by whoever creates a
        # segment class.
        return int(self.env["ir.config_parameter"].sudo().get_param(
            "omnia_customer.default_review_interval_days", 365))

    @api.model
    def _default_lead_days(self, param, default):
        # sudo: the setting is a system parameter, read by whoever creates a
        # segment class.
        return int(self.env["ir.config_parameter"].sudo().get_param(param, default))

    @api.constrains("meeting_lead_days", "review_lead_days")
    def _check_lead_days(self):
        for segment in self:
            if segment.meeting_lead_days < 0:
                raise ValidationError(
                    _("Meeting Reminder (days ahead): must not be negative."))
            if segment.review_lead_days < 0:
                raise ValidationError(
                    _("Review Reminder (days ahead): must not be negative."))

    @api.constrains("meeting_interval_days", "review_interval_days")
    def _check_intervals(self):
        for segment in self:
            if segment.meeting_interval_days < 1:
                raise ValidationError(_("Meeting Interval (days): must be at least 1 day."))
            if segment.review_interval_days < 1:
                raise ValidationError(_("Review Interval (days): must be at least 1 day."))

    @api.constrains("min_won_revenue_12m", "min_won_count_12m",
                    "min_employee_count", "min_training_potential")
    def _check_criteria(self):
        for segment in self:
            if segment.min_won_revenue_12m < 0:
                raise ValidationError(
                    _("Min. Won Revenue (12 months): must not be negative."))
            if segment.min_won_count_12m < 0:
                raise ValidationError(
                    _("Min. Won Opportunities (12 months): must not be negative."))
            if segment.min_employee_count < 0:
                raise ValidationError(_("Min. Employees: must not be negative."))
            if segment.min_training_potential < 0:
                raise ValidationError(_("Min. Training Potential: must not be negative."))

    @api.constrains("code")
    def _check_code(self):
        # Codes are compared without case and surrounding spaces; the classes
        # are few.
        others = self.with_context(active_test=False).search([("id", "not in", self.ids)])
        for segment in self:
            code = segment.code.strip().lower()
            duplicate = (others | (self - segment)).filtered(
                lambda other: other.code.strip().lower() == code)
            if duplicate:
                raise ValidationError(
                    _("Code: another segment class already has the code %s.") % segment.code)

    @api.model
    def create(self, vals):
        segment = super().create(vals)
        self.env["res.partner"]._refresh_all_won_figures()
        return segment

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        if RULE_FIELDS & set(vals):
            self.env["res.partner"]._refresh_all_won_figures()
        if CARE_FIELDS & set(vals):
            self._sync_care_activities()
        return result

    @api.multi
    def _sync_care_activities(self):
        """The care model of these classes changed: sync their customers'
        activities (the customers of their plans too, whose review interval
        follows the plan's class)."""
        # Raw SQL: the ids of the classes' customers, which may be many,
        # without reading them.
        self.env.cr.execute("""
            SELECT id FROM res_partner WHERE segment_id = ANY(%(ids)s)
            UNION
            SELECT partner_id FROM omnia_care_plan
             WHERE segment_id = ANY(%(ids)s) AND state = 'active'
        """, {"ids": self.ids})
        self.env["omnia.care.activity"]._sync([row[0] for row in self.env.cr.fetchall()])

    @api.multi
    def unlink(self):
        result = super().unlink()
        self.env["res.partner"]._refresh_all_won_figures()
        return result
