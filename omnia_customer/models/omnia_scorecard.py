# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .access import is_superuser, workflow

STATE_DRAFT = "draft"
STATE_PROPOSED = "proposed"
STATE_APPROVED = "approved"
STATE_CLOSED = "closed"
STATES = [
    (STATE_DRAFT, "Draft"),
    (STATE_PROPOSED, "Proposed"),
    (STATE_APPROVED, "Approved"),
    (STATE_CLOSED, "Closed"),
]

GROUP_TEAM_LEAD = "omnia_customer.group_team_lead"
GROUP_MANAGEMENT = "omnia_customer.group_management"

# Who may move a scorecard from one state to another.
TRANSITIONS = {
    (STATE_DRAFT, STATE_PROPOSED): (GROUP_TEAM_LEAD, GROUP_MANAGEMENT),
    (STATE_PROPOSED, STATE_DRAFT): (GROUP_TEAM_LEAD, GROUP_MANAGEMENT),
    (STATE_PROPOSED, STATE_APPROVED): (GROUP_MANAGEMENT,),
    (STATE_APPROVED, STATE_DRAFT): (GROUP_MANAGEMENT,),
    (STATE_APPROVED, STATE_CLOSED): (GROUP_MANAGEMENT,),
}

# Fields of the plan itself: only a draft may change them.
PLAN_FIELDS = {"year", "name", "line_ids", "description"}


class OmniaScorecard(models.Model):
    """The customer strategy's annual scorecard (tuloskortti): the customer
    team proposes it, the management group approves it, closing the year
    freezes its actuals."""

    _name = "omnia.scorecard"
    _description = "Scorecard"
    _inherit = ["omnia.model.mixin", "mail.thread"]
    # Changed by the approval buttons only (omnia.model.mixin).
    _workflow_fields = ("state", "proposed_by_id", "approved_by_id", "approved_date",
                        "closed_date")
    _order = "year desc"

    # Description
    name = fields.Char(required=True, track_visibility="onchange")
    year = fields.Integer(required=True, index=True, track_visibility="onchange")
    description = fields.Text()
    line_ids = fields.One2many(
        comodel_name="omnia.scorecard.line",
        inverse_name="scorecard_id",
        string="Lines",
        copy=True,
    )

    # Approval
    state = fields.Selection(
        selection=STATES,
        default=STATE_DRAFT,
        required=True,
        readonly=True,
        copy=False,
        track_visibility="onchange",
    )
    proposed_by_id = fields.Many2one(
        comodel_name="res.users", readonly=True, copy=False)
    approved_by_id = fields.Many2one(
        comodel_name="res.users", readonly=True, copy=False,
        track_visibility="onchange")
    approved_date = fields.Datetime(readonly=True, copy=False)
    closed_date = fields.Datetime(readonly=True, copy=False)

    # Summary
    line_count_green = fields.Integer(string="Green", compute="_compute_line_counts")
    line_count_yellow = fields.Integer(string="Yellow", compute="_compute_line_counts")
    line_count_red = fields.Integer(string="Red", compute="_compute_line_counts")

    _sql_constraints = [
        ("year_unique", "unique(year)", "Year: the year already has a scorecard."),
        ("year_valid", "CHECK(year BETWEEN 2000 AND 2999)", "Year: must be a year like 2026."),
    ]

    @api.depends("line_ids.status")
    def _compute_line_counts(self):
        for scorecard in self:
            statuses = scorecard.line_ids.mapped("status")
            scorecard.line_count_green = statuses.count("green")
            scorecard.line_count_yellow = statuses.count("yellow")
            scorecard.line_count_red = statuses.count("red")

    def _check_transition(self, new_state):
        for scorecard in self:
            groups = TRANSITIONS.get((scorecard.state, new_state))
            if groups is None:
                raise UserError(_("State: a scorecard cannot go from %(old)s to %(new)s.")
                                % {"old": scorecard.state, "new": new_state})
            # The superuser loads approved and closed scorecards of data files.
            if not is_superuser(self.env) and not any(
                    self.env.user.has_group(group) for group in groups):
                raise AccessError(_("State: you may not move the scorecard %(name)s to %(new)s.")
                                  % {"name": scorecard.name, "new": new_state})

    @api.multi
    def write(self, vals):
        if "state" in vals:
            self._check_transition(vals["state"])
        if PLAN_FIELDS & set(vals) and any(s.state != STATE_DRAFT for s in self):
            raise UserError(_("Only a draft scorecard can be edited; management "
                              "reopens an approved one."))
        return super().write(vals)

    @api.multi
    def unlink(self):
        if any(scorecard.state != STATE_DRAFT for scorecard in self):
            raise UserError(_("Only a draft scorecard can be deleted."))
        return super().unlink()

    @api.multi
    def action_propose(self):
        with workflow(self.env):
            self.write({"state": STATE_PROPOSED, "proposed_by_id": self.env.user.id})
        return True

    @api.multi
    def action_return_to_draft(self):
        """A proposal back to the team (team lead, management)."""
        with workflow(self.env):
            self.filtered(lambda s: s.state == STATE_PROPOSED).write(
                {"state": STATE_DRAFT})
        return True

    @api.multi
    def action_approve(self):
        with workflow(self.env):
            self.write({
                "state": STATE_APPROVED,
                "approved_by_id": self.env.user.id,
                "approved_date": fields.Datetime.now(),
            })
        return True

    @api.multi
    def action_reopen(self):
        """Management reopens an approved scorecard for changes; logged."""
        self._check_transition(STATE_DRAFT)
        for scorecard in self:
            scorecard.message_post(body=_(
                "Reopened by %(user)s; approved by %(approver)s on %(date)s.") % {
                "user": self.env.user.name,
                "approver": scorecard.approved_by_id.name or "",
                "date": scorecard.approved_date or ""})
        with workflow(self.env):
            self.write({"state": STATE_DRAFT, "approved_by_id": False,
                        "approved_date": False})
        return True

    @api.multi
    def action_close(self):
        """Close the year: its actuals are frozen so that later changes of
        the data do not rewrite history."""
        self._check_transition(STATE_CLOSED)
        lines = self.mapped("line_ids")
        actuals = {line.id: line.actual for line in lines}
        for line in lines:
            line.frozen_actual = actuals[line.id]
        with workflow(self.env):
            self.write({"state": STATE_CLOSED, "closed_date": fields.Datetime.now()})
        return True

    @api.multi
    def action_copy_to_next_year(self):
        """A draft for the next year with the same lines and targets."""
        self.ensure_one()
        year = self.year + 1
        if self.search_count([("year", "=", year)]):
            raise UserError(_("Year: %s already has a scorecard.") % year)
        new = self.copy({
            "year": year,
            "name": self.name.replace(str(self.year), str(year))
            if str(self.year) in self.name else "%s %s" % (self.name, year),
        })
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }
