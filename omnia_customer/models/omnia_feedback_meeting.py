# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .mail_composer import composer_action
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
    training_id = fields.Many2one(
        comodel_name="omnia.training",
        index=True,
        ondelete="restrict",
        track_visibility="onchange",
        help="The training whose steering group meets: each training "
             "agreement has its own steering group.",
    )
    qualification_id = fields.Many2one(
        comodel_name="omnia.qualification",
        index=True,
        ondelete="restrict",
        track_visibility="onchange",
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

    @api.constrains("previous_meeting_id", "date", "type", "training_id",
                    "qualification_id")
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
            if meeting.type == MEETING_STEERING_GROUP \
                    and previous.training_id != meeting.training_id:
                raise ValidationError(_(
                    "Previous Meeting: must be of the same training's "
                    "steering group."))
            if meeting.type == MEETING_STUDENT_FORUM \
                    and previous.qualification_id != meeting.qualification_id:
                raise ValidationError(_(
                    "Previous Meeting: must be a forum of the same "
                    "qualification."))

    @api.constrains("type", "training_id", "qualification_id", "partner_id")
    def _check_subject(self):
        for meeting in self:
            if meeting.type == MEETING_STEERING_GROUP:
                if not meeting.training_id:
                    raise ValidationError(_(
                        "Training: a steering group meets for one training; "
                        "choose it."))
                if meeting.training_id.partner_id != meeting.partner_id:
                    raise ValidationError(_(
                        "Employer: must be the employer of the training (%s).")
                        % (meeting.training_id.partner_id.name or _("none")))
            elif not meeting.qualification_id:
                raise ValidationError(_(
                    "Qualification: a student forum is held for one "
                    "qualification; choose it."))

    @api.onchange("training_id")
    def _onchange_training_id(self):
        if self.training_id:
            self.partner_id = self.training_id.partner_id
            if self.training_id.qualification_id:
                self.qualification_id = self.training_id.qualification_id

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

    @api.onchange("type", "training_id", "qualification_id", "date")
    def _onchange_previous_meeting(self):
        if not self.previous_meeting_id:
            self.previous_meeting_id = self._find_previous_meeting()

    @api.model
    def _with_training_employer(self, vals):
        """A steering group's employer is its training's, and so is its
        qualification unless given."""
        if vals.get("training_id"):
            training = self.env["omnia.training"].browse(vals["training_id"])
            vals = dict(vals)
            vals.setdefault("partner_id", training.partner_id.id)
            if training.qualification_id:
                vals.setdefault("qualification_id", training.qualification_id.id)
        return vals

    @api.model
    def create(self, vals):
        vals = self._with_training_employer(vals)
        meeting = super().create(vals)
        if "previous_meeting_id" not in vals:
            meeting.previous_meeting_id = meeting._find_previous_meeting()
        meeting._sync_forum_activities()
        return meeting

    @api.multi
    def write(self, vals):
        vals = self._with_training_employer(vals)
        before = self.mapped("qualification_id")
        result = super().write(vals)
        if {"type", "date", "qualification_id"} & set(vals):
            self._sync_forum_activities(before)
        return result

    @api.multi
    def unlink(self):
        qualifications = self.mapped("qualification_id")
        result = super().unlink()
        self.env["omnia.care.activity"]._sync_forums(qualifications)
        return result

    @api.multi
    def _sync_forum_activities(self, qualifications=None):
        """The forum activities of these meetings' qualifications (and of
        ``qualifications``) follow the forums held."""
        qualifications = (qualifications or self.env["omnia.qualification"]) \
            | self.mapped("qualification_id")
        self.env["omnia.care.activity"]._sync_forums(qualifications)

    @api.multi
    def _find_previous_meeting(self):
        """The latest earlier meeting of the same steering group (same type
        and training) or forum (same type and qualification)."""
        self.ensure_one()
        if not self.date:
            return self.browse()
        domain = [("type", "=", self.type), ("date", "<", self.date)]
        if self.type == MEETING_STEERING_GROUP:
            if not self.training_id:
                return self.browse()
            domain.append(("training_id", "=", self.training_id.id))
        else:
            if not self.qualification_id:
                return self.browse()
            domain.append(("qualification_id", "=", self.qualification_id.id))
        if isinstance(self.id, int):
            domain.append(("id", "!=", self.id))
        return self.search(domain, order="date desc, id desc", limit=1)

    @api.multi
    def action_send_minutes(self):
        """Odoo's mail composer with the minutes' template and PDF, to the
        participants; refused, before the composer opens, while a
        participant has no e-mail address."""
        self.ensure_one()
        missing = self.participant_ids.filtered(
            lambda p: not (p.partner_id.email or "").strip())
        if not self.participant_ids:
            raise UserError(_("Participants: add the participants to send "
                              "the minutes to."))
        if missing:
            raise UserError(_(
                "E-mail: the participants %s have no e-mail address; choose "
                "their contact with an e-mail address, then send the "
                "minutes.") % ", ".join(missing.mapped("name")))
        return composer_action(
            self, "omnia_customer.mail_template_meeting_minutes", _("Send Minutes"))
