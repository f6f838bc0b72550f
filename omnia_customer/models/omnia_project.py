# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models

from .access import workflow
from .rules import omnia_today

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
# Open projects, to which meetings and offers are linked: all but the
# rejected and the closed ones (as the list's "Open" filter); archived
# projects are left out by Odoo's active test.
STATES_CLOSED = (STATE_REJECTED, STATE_CLOSED)
OPEN_PROJECT_DOMAIN = [("state", "not in", STATES_CLOSED)]
# The fields whose change moves, makes or removes the deadline to-do.
DEADLINE_FIELDS = ("application_deadline", "reminder_days", "manager_id", "state", "active")


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
    event_count = fields.Integer(string="Meetings", compute="_compute_counts")
    lead_count = fields.Integer(string="Offers", compute="_compute_counts")
    # Hours from the weekly hours report, until today: the private events'
    # hours are not counted for a project (the report hides their project).
    hours_total = fields.Float(
        string="Hours", compute="_compute_hours",
        help="Account managers' calendar hours for the project until today.")
    hours_this_year = fields.Float(
        compute="_compute_hours",
        help="Account managers' calendar hours for the project from the "
             "start of the year until today.")

    _sql_constraints = [
        ("budget_positive", "CHECK(budget >= 0)", "Budget: must not be negative."),
        ("granted_amount_positive", "CHECK(granted_amount >= 0)",
         "Granted Amount: must not be negative."),
        ("reminder_days_positive", "CHECK(reminder_days >= 0)",
         "Remind Days Before: must not be negative."),
    ]

    @api.multi
    def _compute_counts(self):
        # Set-based: one read_group per model for all projects, as the user
        # reading them sees the events and leads (others' private events
        # are left out by calendar.event's read_group).
        events = self._count_by_project("calendar.event")
        leads = self._count_by_project("crm.lead")
        for project in self:
            project.event_count = events.get(project.id, 0)
            project.lead_count = leads.get(project.id, 0)

    @api.multi
    def _count_by_project(self, model):
        """The number of records of ``model`` per project of ``self``."""
        if not self.ids:
            return {}
        groups = self.env[model].read_group(
            [("project_id", "in", self.ids)], ["project_id"], ["project_id"])
        return {group["project_id"][0]: group["project_id_count"] for group in groups}

    @api.multi
    def _compute_hours(self):
        # Two read_groups of the weekly hours report for all projects.
        today = fields.Date.from_string(omnia_today(self))
        total = self._hours_by_project([("date", "<=", fields.Date.to_string(today))])
        this_year = self._hours_by_project([
            ("date", ">=", fields.Date.to_string(today.replace(month=1, day=1))),
            ("date", "<=", fields.Date.to_string(today))])
        for project in self:
            project.hours_total = total.get(project.id, 0.0)
            project.hours_this_year = this_year.get(project.id, 0.0)

    @api.multi
    def _hours_by_project(self, domain):
        """The report's hours per project of ``self`` within ``domain``."""
        if not self.ids:
            return {}
        groups = self.env["omnia.work.hours.report"].read_group(
            [("project_id", "in", self.ids)] + domain, ["project_id", "hours"], ["project_id"])
        return {group["project_id"][0]: group["hours"] or 0.0 for group in groups}

    @api.model
    def _group_expand_states(self, states, domain, order):
        return [key for key, dummy in STATES]

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        if any(name in vals for name in DEADLINE_FIELDS):
            self._sync_deadline_activities()
        return result

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

    @api.multi
    def action_view_events(self):
        """The project's meetings: the calendar events linked to it, a
        recurring one once (as they are counted)."""
        self.ensure_one()
        action = self.env.ref("omnia_customer.calendar_event_action_project").read()[0]
        action["domain"] = [("project_id", "=", self.id)]
        action["context"] = {"default_project_id": self.id, "virtual_id": False}
        return action

    @api.multi
    def action_view_leads(self):
        """The project's leads and offers."""
        self.ensure_one()
        action = self.env.ref("omnia_customer.crm_lead_action_project").read()[0]
        action["domain"] = [("project_id", "=", self.id)]
        action["context"] = {"default_project_id": self.id}
        return action

    @api.multi
    def action_view_hours(self):
        """The project's hours in the weekly hours report until today (the
        hours on the button), per week and account manager."""
        self.ensure_one()
        action = self.env.ref("omnia_customer.omnia_work_hours_report_action_project").read()[0]
        action["domain"] = [("project_id", "=", self.id), ("date", "<=", omnia_today(self))]
        return action

    @api.model
    def _cron_deadline_reminders(self, today=None):
        """Daily: the application deadline to-dos of all projects kept up to
        date (see :meth:`_sync_deadline_activities`)."""
        activity_type = self.env.ref("omnia_customer.mail_activity_type_project_deadline")
        with_activity = self.env["mail.activity"].search([
            ("res_model", "=", self._name),
            ("activity_type_id", "=", activity_type.id)]).mapped("res_id")
        projects = self.with_context(active_test=False).search([
            "|", "&", ("state", "in", STATES_BEFORE_SUBMISSION),
            ("application_deadline", "!=", False),
            ("id", "in", with_activity)])
        return projects._sync_deadline_activities(today=today)

    @api.multi
    def _deadline_reminder_due(self, today):
        """Whether this project's manager should have the application
        deadline to-do on ``today`` (a date): the application is still being
        written, the project is active, and the deadline is within the
        reminder days."""
        self.ensure_one()
        if not (self.active and self.state in STATES_BEFORE_SUBMISSION
                and self.application_deadline):
            return False
        deadline = fields.Date.from_string(self.application_deadline)
        return deadline - timedelta(days=self.reminder_days) <= today

    @api.multi
    def _sync_deadline_activities(self, today=None):
        """Keep one open to-do per project before its application deadline,
        assigned to the project manager (or its creator), idempotently:

        - made once the deadline is within the reminder days, unless the
          deadline has passed or the to-do for this deadline was done
          (``reminder_deadline`` remembers the deadline it was made for);
        - moved to the new deadline or manager when they change;
        - removed when the project is submitted, rejected, closed or
          archived, or the deadline moves out of the reminder days.

        One search of the open to-dos for all projects.

        :return: the projects that got a new to-do
        """
        today = fields.Date.from_string(today or omnia_today(self))
        activity_type = self.env.ref("omnia_customer.mail_activity_type_project_deadline")
        Activity = self.env["mail.activity"]
        activities = Activity.search([
            ("res_model", "=", self._name), ("res_id", "in", self.ids),
            ("activity_type_id", "=", activity_type.id)])
        by_project = {}
        for activity in activities:
            by_project.setdefault(activity.res_id, Activity)
            by_project[activity.res_id] |= activity
        model = self.env["ir.model"]._get(self._name)
        created = self.browse()
        reminded = {}       # the new reminder_deadline: projects
        for project in self.with_context(active_test=False):
            current = by_project.get(project.id, Activity)
            if not project._deadline_reminder_due(today):
                current.unlink()
                if project.reminder_deadline and (current or not project.active):
                    # Removed, not done (Odoo removes an archived record's
                    # activities itself): a later reminder is due again.
                    reminded.setdefault(False, []).append(project.id)
                continue
            values = {
                "user_id": (project.manager_id or project.create_uid).id,
                "date_deadline": project.application_deadline,
                "summary": _("Application deadline %s") % project.application_deadline,
            }
            if current:
                # Moved with the deadline or the manager; a second to-do of
                # the type (scheduled by hand) is left as it is.
                first = current[0]
                changed = {name: value for name, value in values.items()
                           if (first[name].id if name == "user_id" else first[name]) != value}
                if changed:
                    first.write(changed)
            elif project.reminder_deadline != project.application_deadline \
                    and fields.Date.from_string(project.application_deadline) >= today:
                Activity.create(dict(
                    values, res_model_id=model.id, res_id=project.id,
                    activity_type_id=activity_type.id))
                created |= project
            else:
                continue
            if project.reminder_deadline != project.application_deadline:
                reminded.setdefault(project.application_deadline, []).append(project.id)
        for deadline, project_ids in reminded.items():
            self.browse(project_ids).write({"reminder_deadline": deadline})
        return created
