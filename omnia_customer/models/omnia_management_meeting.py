# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

from .access import has_visible_text, workflow

STATE_DRAFT = "draft"
STATE_DONE = "done"
STATES = [
    (STATE_DRAFT, "Draft"),
    (STATE_DONE, "Handled"),
]


class OmniaManagementMeeting(models.Model):
    """A management meeting that reviews several care plans at once (R7):
    one line per plan, each a care plan review with its note. The lines
    count as the plans' reviews when the meeting is marked as handled, as
    if each had been recorded from its plan."""

    _name = "omnia.management.meeting"
    _description = "Management Meeting"
    _inherit = "omnia.model.mixin"
    _order = "date desc, id desc"
    # Changed by the meeting's button only (omnia.model.mixin).
    _workflow_fields = ("state",)

    # Meeting
    name = fields.Char(
        required=True,
        help="e.g. \"Management meeting 4/2026\".",
    )
    date = fields.Date(
        required=True,
        index=True,
        default=fields.Date.context_today,
    )
    participant_ids = fields.Many2many(
        comodel_name="res.users",
        relation="omnia_management_meeting_res_users_rel",
        column1="meeting_id",
        column2="user_id",
        string="Participants",
        default=lambda self: self.env.user,
    )
    notes = fields.Html()
    state = fields.Selection(
        selection=STATES,
        string="Status",
        required=True,
        default=STATE_DRAFT,
        index=True,
        copy=False,
    )
    # Reviews
    review_ids = fields.One2many(
        comodel_name="omnia.care.plan.review",
        inverse_name="meeting_id",
        string="Care Plan Reviews",
    )
    review_count = fields.Integer(
        string="Care Plans Reviewed",
        compute="_compute_review_count",
    )

    @api.depends("review_ids")
    def _compute_review_count(self):
        for meeting in self:
            meeting.review_count = len(meeting.review_ids)

    @api.constrains("review_ids")
    def _check_one_review_per_plan(self):
        for meeting in self:
            plans = meeting.review_ids.mapped("plan_id")
            if len(plans) < len(meeting.review_ids):
                raise ValidationError(
                    _("Care Plan Reviews: each care plan is reviewed once per meeting."))

    @api.multi
    def write(self, vals):
        if any(meeting.state == STATE_DONE for meeting in self) \
                and set(vals) - {"notes", "participant_ids"}:
            raise UserError(_("A handled management meeting cannot be changed; "
                              "only its notes and participants can."))
        return super().write(vals)

    @api.multi
    def unlink(self):
        if any(meeting.state == STATE_DONE for meeting in self):
            raise UserError(_("A handled management meeting cannot be deleted: "
                              "its reviews are the care plans' history."))
        return super().unlink()

    @api.multi
    def action_add_due_plans(self):
        """Add a line for each active care plan of a key account whose
        review is due, unless it is in this meeting or in another meeting
        not yet handled."""
        self.ensure_one()
        if self.state != STATE_DRAFT:
            raise UserError(_("Care plans can be added to a draft meeting only."))
        pending = self.env["omnia.care.plan.review"].search([
            ("meeting_id.state", "=", STATE_DRAFT)])
        plans = self.env["omnia.care.plan"].search([
            ("is_key_account", "=", True),
            ("review_due", "=", True),
            ("id", "not in", pending.mapped("plan_id").ids),
        ], order="next_review_date, id")
        if not plans:
            raise UserError(_("No care plan of a key account is due for review "
                              "outside the meetings still in draft."))
        self.write({"review_ids": [(0, 0, {"plan_id": plan.id}) for plan in plans]})
        return True

    @api.multi
    def action_done(self):
        """Mark the meeting as handled: every line needs a note; the lines
        become the plans' reviews, dated on the meeting's day, and the care
        model's review activities of the plans move on."""
        today = fields.Date.context_today(self)
        for meeting in self:
            if meeting.state != STATE_DRAFT:
                raise UserError(_("Only a draft meeting can be marked as handled."))
            if not meeting.review_ids:
                raise ValidationError(
                    _("Care Plan Reviews: add the care plans the meeting reviewed."))
            if meeting.date > today:
                raise ValidationError(
                    _("Date: a meeting cannot be marked as handled before its day."))
            for review in meeting.review_ids:
                if not has_visible_text(tools.html2plaintext(review.notes or "")):
                    raise ValidationError(
                        _("Notes: write a note for the care plan %s.")
                        % review.plan_id.display_name)
        with workflow(self.env):
            self.write({"state": STATE_DONE})
        reviews = self.mapped("review_ids")
        for meeting in self:
            meeting.review_ids._set_from_meeting(meeting)
        reviews._record_reviews()
        return True
