# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .omnia_model_mixin import warning_of

MEETING_STEERING_GROUP = "steering_group"
MEETING_STUDENT_FORUM = "student_forum"
MEETING_TYPES = [
    (MEETING_STEERING_GROUP, "Steering Group"),
    (MEETING_STUDENT_FORUM, "Student Forum"),
]


class OmniaFeedbackMeeting(models.Model):
    """Minutes of a staff training's steering group (R21) or of a
    qualification's student forum (R22), with development items followed up
    at the next meeting."""

    _name = "omnia.feedback.meeting"
    _description = "Steering Group or Student Forum Meeting"
    _inherit = ["omnia.model.mixin", "mail.thread"]
    _order = "date desc, id desc"

    # Meeting
    type = fields.Selection(
        selection=MEETING_TYPES,
        required=True,
        default=MEETING_STEERING_GROUP,
        track_visibility="onchange",
    )
    name = fields.Char(
        required=True,
        track_visibility="onchange",
        help="The staff training or the forum, e.g. \"Welding staff "
             "training, steering group\".",
    )
    date = fields.Date(
        required=True,
        index=True,
        default=fields.Date.context_today,
        track_visibility="onchange",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Employer",
        index=True,
        ondelete="restrict",
        domain=[("is_company", "=", True)],
        help="The customer company whose staff training the steering group "
             "steers.",
    )
    qualification = fields.Char(
        help="The qualification whose students the forum gathers.",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        index=True,
        track_visibility="onchange",
        help="The responsible trainer or the organiser, who sees that the "
             "actions are carried out.",
    )
    event_id = fields.Many2one(
        comodel_name="calendar.event",
        string="Calendar Event",
        ondelete="set null",
    )
    participant_ids = fields.One2many(
        comodel_name="omnia.feedback.meeting.participant",
        inverse_name="meeting_id",
        string="Participants",
        copy=True,
    )
    minutes = fields.Html()
    # Follow-up
    action_ids = fields.One2many(
        comodel_name="omnia.feedback.action",
        inverse_name="meeting_id",
        string="Development Items",
    )
    previous_meeting_id = fields.Many2one(
        comodel_name="omnia.feedback.meeting",
        ondelete="set null",
        domain="[('type', '=', type), ('id', '!=', id)]",
    )
    previous_action_ids = fields.One2many(
        comodel_name="omnia.feedback.action",
        string="Since the Previous Meeting",
        compute="_compute_previous_action_ids",
        help="The previous meeting's development items and what was done.",
    )
    open_action_count = fields.Integer(
        compute="_compute_open_action_count",
        string="Open Items",
    )
    feedback_ids = fields.One2many(
        comodel_name="omnia.feedback",
        inverse_name="meeting_id",
    )

    @api.depends("previous_meeting_id.action_ids")
    def _compute_previous_action_ids(self):
        for meeting in self:
            meeting.previous_action_ids = meeting.previous_meeting_id.action_ids

    @api.depends("action_ids.done")
    def _compute_open_action_count(self):
        for meeting in self:
            meeting.open_action_count = len(
                meeting.action_ids.filtered(lambda a: not a.done))

    @api.constrains("previous_meeting_id", "date", "type")
    def _check_previous_meeting(self):
        for meeting in self:
            previous = meeting.previous_meeting_id
            if not previous:
                continue
            if previous == meeting or previous.date >= meeting.date:
                raise ValidationError(_(
                    "Previous Meeting: must be held before this meeting "
                    "(%s).") % meeting.date)
            if previous.type != meeting.type:
                raise ValidationError(_(
                    "Previous Meeting: must be of the same type as this "
                    "meeting."))

    @api.constrains("date")
    def _check_date(self):
        self.mapped("action_ids")._check_deadline()

    @api.onchange("date", "action_ids")
    def _onchange_action_deadlines(self):
        # The actions' deadlines against the date being entered.
        problems = []
        for action in self.action_ids:
            problems += action._problems(origin_date=self.date)
        return warning_of(problems)

    @api.onchange("type", "partner_id", "qualification", "date")
    def _onchange_previous_meeting(self):
        if not self.previous_meeting_id:
            self.previous_meeting_id = self._find_previous_meeting()

    @api.model
    def create(self, vals):
        meeting = super().create(vals)
        if "previous_meeting_id" not in vals:
            meeting.previous_meeting_id = meeting._find_previous_meeting()
        return meeting

    @api.multi
    def _find_previous_meeting(self):
        """The latest earlier meeting of the same steering group (same type
        and employer) or forum (same type and qualification)."""
        self.ensure_one()
        if not self.date:
            return self.browse()
        domain = [("type", "=", self.type), ("date", "<", self.date)]
        if self.type == MEETING_STEERING_GROUP:
            if not self.partner_id:
                return self.browse()
            domain.append(("partner_id", "=", self.partner_id.id))
        else:
            if not self.qualification:
                return self.browse()
            domain.append(("qualification", "=ilike", self.qualification))
        if isinstance(self.id, int):
            domain.append(("id", "!=", self.id))
        return self.search(domain, order="date desc, id desc", limit=1)
