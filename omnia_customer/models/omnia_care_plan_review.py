# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .access import cursor_flag, flag_raised

# Raised while a management meeting dates its reviews: the meeting records
# them all at once afterwards (see _record_reviews).
_MEETING_DATING_ATTR = "_omnia_meeting_dating"


class OmniaCarePlanReview(models.Model):
    """A review of a care plan, e.g. in a management meeting; the reviews
    keep the plan's review history and set its next review date."""

    _name = "omnia.care.plan.review"
    _inherit = "omnia.model.mixin"
    # Put only under a care plan and into a management meeting the user may
    # change, and the rules (a meeting's reviews are management's) hold after
    # a change (omnia.model.mixin).
    _link_fields = ("plan_id", "meeting_id")
    _rule_fields = ("meeting_id",)
    _description = "Care Plan Review"
    _order = "date desc, id desc"

    plan_id = fields.Many2one(
        comodel_name="omnia.care.plan",
        string="Care Plan",
        required=True,
        index=True,
        ondelete="cascade",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    reviewer_id = fields.Many2one(
        comodel_name="res.users",
        default=lambda self: self.env.user,
    )
    meeting = fields.Char(help="Where the plan was reviewed, e.g. the management meeting.")
    notes = fields.Html()
    meeting_id = fields.Many2one(
        comodel_name="omnia.management.meeting",
        string="Management Meeting",
        index=True,
        ondelete="cascade",
        help="The management meeting that reviewed the plan; the review "
             "counts when the meeting is marked as handled.",
    )
    is_pending = fields.Boolean(
        string="Awaiting the Meeting",
        compute="_compute_is_pending",
        help="In a management meeting not yet handled: not yet a review of "
             "the plan.",
    )
    partner_id = fields.Many2one(
        related="plan_id.partner_id",
        readonly=True,
        string="Customer",
    )
    account_manager_id = fields.Many2one(
        related="plan_id.account_manager_id",
        readonly=True,
        string="Account Manager",
    )

    @api.depends("meeting_id.state")
    def _compute_is_pending(self):
        for review in self:
            review.is_pending = bool(review.meeting_id) \
                and review.meeting_id.state != "done"

    @api.constrains("date")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for review in self:
            if review.date > today:
                raise ValidationError(_("Date: a review cannot be dated in the future."))

    @api.constrains("meeting_id")
    def _check_meeting_open(self):
        for review in self:
            if review.meeting_id.state == "done":
                raise ValidationError(
                    _("Management Meeting: %s has been handled; no care plan "
                      "can be added to it.") % review.meeting_id.display_name)

    @api.model
    def create(self, vals):
        if vals.get("meeting_id"):
            meeting = self.env["omnia.management.meeting"].browse(vals["meeting_id"])
            vals = dict(vals, meeting=vals.get("meeting") or meeting.name)
        review = super().create(vals)
        # A review of a meeting counts when the meeting is handled.
        if not review.is_pending:
            review._record_reviews()
        return review

    @api.multi
    def write(self, vals):
        plans = self.mapped("plan_id")
        result = super().write(vals)
        if {"date", "plan_id"} & set(vals) \
                and not flag_raised(self.env, _MEETING_DATING_ATTR):
            (plans | self.mapped("plan_id"))._sync_care_activities()
        return result

    @api.multi
    def unlink(self):
        plans = self.mapped("plan_id")
        result = super().unlink()
        plans._sync_care_activities()
        return result

    @api.multi
    def _record_reviews(self):
        """What recording reviews does, for one review saved from its plan
        or for all the lines of a management meeting at once: each plan's
        chatter says when and where it was reviewed, and the care model's
        review activities of all the plans move on in one sync."""
        for review in self:
            review.plan_id.message_post(body=_("Care plan reviewed on %(date)s: %(meeting)s") % {
                "date": review.date,
                "meeting": review.meeting or _("no meeting given"),
            })
        # The reviews recorded: the plans' review activities move on.
        self.mapped("plan_id")._sync_care_activities()

    @api.multi
    def _set_from_meeting(self, meeting):
        """Date these reviews of ``meeting`` on its day, under its name,
        leaving the care model's sync to _record_reviews."""
        with cursor_flag(self.env, _MEETING_DATING_ATTR):
            self.write({"date": meeting.date, "meeting": meeting.name})
