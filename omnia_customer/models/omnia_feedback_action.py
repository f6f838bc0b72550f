# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .access import check_workflow_fields
from .omnia_model_mixin import warning_of
from .rules import omnia_today, system_today

# When an action was done is the system's date of ticking it: checked here,
# before the system sets it.
SYSTEM_DATE_FIELDS = ("done_date",)


class OmniaFeedbackAction(models.Model):
    """A corrective or development action taken on feedback or decided in a
    steering group or student forum, with a responsible and a deadline."""

    _name = "omnia.feedback.action"
    _inherit = "omnia.model.mixin"
    _description = "Feedback Action"
    _order = "done, deadline, id"
    # Added only to a feedback or meeting the user may change
    # (omnia.model.mixin).
    _link_fields = ("feedback_id", "meeting_id")

    name = fields.Char(string="Action", required=True)
    # Origin: a feedback or a meeting
    feedback_id = fields.Many2one(
        comodel_name="omnia.feedback",
        index=True,
        ondelete="cascade",
    )
    meeting_id = fields.Many2one(
        comodel_name="omnia.feedback.meeting",
        index=True,
        ondelete="cascade",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        compute="_compute_partner_id",
        store=True,
        index=True,
    )
    origin_date = fields.Date(
        compute="_compute_partner_id",
        store=True,
        help="Date of the feedback or meeting the action comes from.",
    )
    # Follow-up
    responsible_id = fields.Many2one(
        comodel_name="res.users",
        required=True,
        index=True,
        ondelete="restrict",
    )
    deadline = fields.Date(required=True, index=True)
    done = fields.Boolean(index=True)
    done_date = fields.Date(string="Done On")
    note = fields.Text(help="What was done.")
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        search="_search_is_overdue",
    )

    @api.depends("feedback_id.partner_id", "feedback_id.date",
                 "meeting_id.partner_id", "meeting_id.date")
    def _compute_partner_id(self):
        for action in self:
            origin = action.feedback_id or action.meeting_id
            action.partner_id = origin.partner_id
            action.origin_date = origin.date

    def _compute_is_overdue(self):
        today = omnia_today(self)
        for action in self:
            action.is_overdue = bool(
                not action.done and action.deadline
                and action.deadline < today)

    def _search_is_overdue(self, operator, value):
        today = omnia_today(self)
        if (operator == "=") == bool(value):
            return ["&", ("done", "=", False), ("deadline", "<", today)]
        return ["|", ("done", "=", True), ("deadline", ">=", today)]

    @api.constrains("deadline", "feedback_id", "meeting_id")
    def _check_deadline(self):
        # One message naming every wrong field of an action.
        for action in self:
            problems = action._problems()
            if problems:
                raise ValidationError("\n".join(problems))

    @api.multi
    def _problems(self, origin_date=None):
        """The messages about this action's origin and deadline, one per
        wrong field, each starting with the field's label; ``origin_date``
        replaces the date of its feedback or meeting (a form being edited)."""
        self.ensure_one()
        problems = []
        origin = self.feedback_id or self.meeting_id
        if not origin and origin_date is None:
            problems.append(_("Feedback: an action belongs to a feedback or a meeting."))
        origin_date = origin_date or origin.date
        if self.deadline and origin_date and self.deadline < origin_date:
            problems.append(_(
                "Deadline: the deadline of action \"%(action)s\" must "
                "not be before the date of its feedback or meeting "
                "(%(date)s).") % {"action": self.name, "date": origin_date})
        return problems

    @api.onchange("deadline")
    def _onchange_deadline(self):
        origin = self.feedback_id or self.meeting_id
        if origin:
            return warning_of(self._problems())
        return None

    @api.model
    def create(self, vals):
        vals = self._add_missing_default_values(vals)
        self._check_responsible(vals, creating=True)
        check_workflow_fields(self, vals, SYSTEM_DATE_FIELDS, creating=True)
        if vals.get("done") and not vals.get("done_date"):
            vals["done_date"] = system_today(self)
        return super().create(vals)

    @api.multi
    def write(self, vals):
        self._check_responsible(vals)
        check_workflow_fields(self, vals, SYSTEM_DATE_FIELDS)
        if "done" in vals and "done_date" not in vals:
            vals = dict(vals, done_date=system_today(self) if vals["done"] else False)
        return super().write(vals)

    @api.model
    def _check_responsible(self, vals, creating=False):
        if (creating or "responsible_id" in vals) and not vals.get("responsible_id"):
            raise ValidationError(_(
                "Responsible: every action needs a responsible person."))

    @api.multi
    def action_mark_done(self):
        self.write({"done": True})
