# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .access import has_visible_text, workflow
from .omnia_usage_review_line import MEASURES

HALF_1 = "h1"
HALF_2 = "h2"
HALVES = [
    (HALF_1, "January-June"),
    (HALF_2, "July-December"),
]
STATE_DRAFT = "draft"
STATE_FROZEN = "frozen"
STATE_HANDLED = "handled"
STATES = [
    (STATE_DRAFT, "Draft"),
    (STATE_FROZEN, "Figures Frozen"),
    (STATE_HANDLED, "Handled by the Steering Group"),
]


class OmniaUsageReview(models.Model):
    """The key user's half-yearly report of the system's use (R24), handled
    by the steering group (R25): the usage report's figures per user group
    frozen for the half-year, the key user's conclusions and the steering
    group's decision. The key user is in management, who also records the
    steering group's handling."""

    _name = "omnia.usage.review"
    _description = "Key User's Half-Yearly Report"
    _inherit = "omnia.model.mixin"
    _order = "year desc, half desc"
    # Changed by the report's buttons only (omnia.model.mixin).
    _workflow_fields = ("state", "frozen_date")

    # Period
    name = fields.Char(compute="_compute_name", store=True)
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.from_string(
            fields.Date.context_today(self)).year,
    )
    half = fields.Selection(
        selection=HALVES,
        string="Half-Year",
        required=True,
        default=HALF_1,
    )
    date_from = fields.Date(compute="_compute_dates", store=True)
    date_to = fields.Date(compute="_compute_dates", store=True)
    state = fields.Selection(
        selection=STATES,
        string="Status",
        required=True,
        default=STATE_DRAFT,
        index=True,
        copy=False,
    )
    # Figures
    frozen_date = fields.Date(
        string="Figures Frozen On",
        readonly=True,
        copy=False,
    )
    line_ids = fields.One2many(
        comodel_name="omnia.usage.review.line",
        inverse_name="review_id",
        string="Figures",
        readonly=True,
    )
    conclusions = fields.Html(
        help="The key user's conclusions on the extent and regularity of use "
             "per user group.",
    )
    # The steering group
    handled_date = fields.Date(
        string="Handled On",
        help="The steering group meeting that handled the report.",
    )
    decision = fields.Text(
        string="Steering Group's Decision",
    )

    _sql_constraints = [
        ("period_unique", "UNIQUE (year, half)",
         "Period: there is already a report for this half-year."),
    ]

    @api.depends("year", "half")
    def _compute_name(self):
        for review in self:
            review.name = "%s/%s" % (1 if review.half == HALF_1 else 2, review.year or "")

    @api.depends("year", "half")
    def _compute_dates(self):
        for review in self:
            review.date_from = review.date_to = False
            if not 2000 <= (review.year or 0) <= 2100:
                continue
            first, last = (1, 6) if review.half == HALF_1 else (7, 12)
            review.date_from = fields.Date.to_string(date(review.year, first, 1))
            review.date_to = fields.Date.to_string(
                date(review.year, last, 30 if last == 6 else 31))

    @api.constrains("year")
    def _check_year(self):
        for review in self:
            if not 2000 <= review.year <= 2100:
                raise ValidationError(_("Year: must be between 2000 and 2100."))

    @api.multi
    def write(self, vals):
        locked = set(vals) - {"handled_date", "decision", "state"}
        if locked and any(review.state != STATE_DRAFT for review in self):
            raise UserError(_("The period and conclusions of a report whose figures "
                              "are frozen cannot be changed."))
        if {"handled_date", "decision"} & set(vals) \
                and any(review.state == STATE_HANDLED for review in self):
            raise UserError(_("A report handled by the steering group cannot be changed."))
        return super().write(vals)

    @api.multi
    def unlink(self):
        if any(review.state != STATE_DRAFT for review in self):
            raise UserError(_("Only a draft report can be deleted."))
        return super().unlink()

    @api.multi
    def action_freeze(self):
        """Copy the usage report's figures of the half-year, per user group
        and measure, into the report's lines: later changes of the records
        do not change them."""
        today = fields.Date.context_today(self)
        Report = self.env["omnia.usage.report"]
        measures = [measure for measure, _label in MEASURES]
        for review in self:
            if review.state != STATE_DRAFT:
                raise UserError(_("The figures of this report are already frozen."))
            if review.date_to >= today:
                raise ValidationError(
                    _("Period: the half-year ends on %s; its figures can be frozen "
                      "after that.") % review.date_to)
            groups = Report.read_group(
                [("week_start", ">=", review.date_from),
                 ("week_start", "<=", review.date_to)],
                ["user_group"] + measures, ["user_group"], lazy=False)
            found = {group["user_group"]: group for group in groups}
            lines = [
                (0, 0, {"user_group": user_group, "measure": measure,
                        "value": (found.get(user_group) or {}).get(measure) or 0})
                for user_group, _label in Report._fields["user_group"].selection
                for measure in measures
            ]
            # sudo: the frozen figures are written by this button only;
            # nobody creates or changes them by hand (no access right).
            review.sudo().write({"line_ids": lines})
            with workflow(self.env):
                review.write({"state": STATE_FROZEN, "frozen_date": today})
        return True

    @api.multi
    def action_handle(self):
        """The steering group has handled the report: its date and decision
        are recorded."""
        for review in self:
            if review.state != STATE_FROZEN:
                raise UserError(_("Freeze the figures before the steering group "
                                  "handles the report."))
            if not review.handled_date:
                raise ValidationError(_("Handled On: give the date of the steering "
                                        "group's meeting."))
            if not has_visible_text(review.decision):
                raise ValidationError(_("Steering Group's Decision: write the "
                                        "steering group's decision."))
        with workflow(self.env):
            self.write({"state": STATE_HANDLED})
        return True
