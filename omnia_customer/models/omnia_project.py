# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models

from .access import workflow

PROJECT_TYPES = [
    ("tyke", "TYKE Application"),
    ("development", "Development Project"),
    ("eu", "EU-Funded Project"),
    ("other", "Other"),
]

STATE_IDEA = "idea"
STATE_PREPARING = "preparing"
STATE_SUBMITTED = "submitted"
STATE_GRANTED = "granted"
STATE_REJECTED = "rejected"
STATE_RUNNING = "running"
STATE_CLOSED = "closed"
STATES = [
    (STATE_IDEA, "Idea"),
    (STATE_PREPARING, "Preparing"),
    (STATE_SUBMITTED, "Submitted"),
    (STATE_GRANTED, "Granted"),
    (STATE_REJECTED, "Rejected"),
    (STATE_RUNNING, "Running"),
    (STATE_CLOSED, "Closed"),
]
# States in which the application is still being written.
STATES_BEFORE_SUBMISSION = (STATE_IDEA, STATE_PREPARING)


class OmniaProject(models.Model):
    """The project section: development projects such as the yearly TYKE
    applications, ideated, coordinated and followed by the customer team."""

    _name = "omnia.project"
    _description = "Development Project"
    _inherit = ["omnia.model.mixin", "mail.thread", "mail.activity.mixin"]
    # Changed by the project's buttons only: the dates count submitted and
    # granted applications in the scorecard (omnia.model.mixin).
    _workflow_fields = ("state", "submitted_date", "granted_date")
    _order = "application_deadline desc, name"

    # Description
    name = fields.Char(required=True, track_visibility="onchange")
    project_type = fields.Selection(
        selection=PROJECT_TYPES, required=True, default="tyke",
        track_visibility="onchange")
    funder = fields.Char(help="Who finances the project, e.g. the Finnish "
                              "National Agency for Education.")
    call_year = fields.Integer()
    goals = fields.Html()
    color = fields.Integer()
    active = fields.Boolean(default=True)

    # Application and state
    application_deadline = fields.Date(index=True, track_visibility="onchange")
    reminder_days = fields.Integer(
        string="Remind Days Before", default=14,
        help="The project manager gets a to-do this many days before the "
             "application deadline.")
    reminder_deadline = fields.Date(
        readonly=True, copy=False,
        help="The deadline the last reminder was made for.")
    state = fields.Selection(
        selection=STATES, default=STATE_IDEA, required=True, index=True,
        track_visibility="onchange", group_expand="_group_expand_states")
    submitted_date = fields.Date(readonly=True, copy=False)
    granted_date = fields.Date(readonly=True, copy=False)

    # Money
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        default=lambda self: self.env.user.company_id.currency_id,
        required=True,
    )
    budget = fields.Monetary(track_visibility="onchange")
    granted_amount = fields.Monetary(track_visibility="onchange")

    # People and links
    manager_id = fields.Many2one(
        comodel_name="res.users", string="Project Manager",
        default=lambda self: self.env.user, index=True, track_visibility="onchange")
    team_member_ids = fields.Many2many(
        comodel_name="res.users", relation="omnia_project_team_member_rel",
        column1="project_id", column2="user_id", string="Team Members")
    partner_ids = fields.Many2many(
        comodel_name="res.partner", relation="omnia_project_partner_rel",
        column1="project_id", column2="partner_id", string="Participating Companies",
        domain=[("is_company", "=", True)])
    event_ids = fields.One2many(
        comodel_name="calendar.event", inverse_name="project_id", string="Meetings")
    lead_ids = fields.One2many(
        comodel_name="crm.lead", inverse_name="project_id", string="Leads")
    event_count = fields.Integer(compute="_compute_counts")
    lead_count = fields.Integer(compute="_compute_counts")

    _sql_constraints = [
        ("budget_positive", "CHECK(budget >= 0)", "Budget: must not be negative."),
        ("granted_amount_positive", "CHECK(granted_amount >= 0)",
         "Granted Amount: must not be negative."),
        ("reminder_days_positive", "CHECK(reminder_days >= 0)",
         "Remind Days Before: must not be negative."),
    ]

    @api.depends("event_ids", "lead_ids")
    def _compute_counts(self):
        for project in self:
            project.event_count = len(project.event_ids)
            project.lead_count = len(project.lead_ids)

    @api.model
    def _group_expand_states(self, states, domain, order):
        return [key for key, dummy in STATES]

    def _set_state(self, state, **extra):
        with workflow(self.env):
            self.write(dict(extra, state=state))
        return True

    @api.multi
    def action_prepare(self):
        return self._set_state(STATE_PREPARING)

    @api.multi
    def action_submit(self):
        return self._set_state(STATE_SUBMITTED, submitted_date=fields.Date.context_today(self))

    @api.multi
    def action_grant(self):
        return self._set_state(STATE_GRANTED, granted_date=fields.Date.context_today(self))

    @api.multi
    def action_reject(self):
        return self._set_state(STATE_REJECTED)

    @api.multi
    def action_start(self):
        return self._set_state(STATE_RUNNING)

    @api.multi
    def action_close(self):
        return self._set_state(STATE_CLOSED)

    @api.multi
    def action_reset_to_idea(self):
        return self._set_state(STATE_IDEA, submitted_date=False, granted_date=False)

    @api.model
    def _cron_deadline_reminders(self, today=None):
        """Daily: a to-do for the project manager before an application
        deadline, once per deadline (a moved deadline gets a new one)."""
        today = fields.Date.from_string(today or fields.Date.context_today(self))
        projects = self.search([
            ("state", "in", STATES_BEFORE_SUBMISSION),
            ("application_deadline", ">=", fields.Date.to_string(today)),
        ]).filtered(lambda p: p.reminder_deadline != p.application_deadline and (
            fields.Date.from_string(p.application_deadline)
            - timedelta(days=p.reminder_days) <= today))
        activity_type = self.env.ref("omnia_customer.mail_activity_type_project_deadline")
        model = self.env["ir.model"]._get(self._name)
        for project in projects:
            self.env["mail.activity"].create({
                "res_model_id": model.id,
                "res_id": project.id,
                "activity_type_id": activity_type.id,
                "user_id": (project.manager_id or project.create_uid).id,
                "date_deadline": project.application_deadline,
                "summary": _("Application deadline %s") % project.application_deadline,
            })
            project.reminder_deadline = project.application_deadline
        return projects
