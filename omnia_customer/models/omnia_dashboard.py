# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .rules import omnia_today

ROLE_ACCOUNT_MANAGER = "account_manager"
ROLE_TEAM_LEAD = "team_lead"
ROLE_MANAGEMENT = "management"
ROLES = [
    (ROLE_ACCOUNT_MANAGER, "Account Manager"),
    (ROLE_TEAM_LEAD, "Customer Team Lead"),
    (ROLE_MANAGEMENT, "Management"),
]

# What a card shows: the work lists of one account manager or of the team,
# the week's hours and the target progress of one or of the team, what
# management approves and reviews, the year's scorecard.
KIND_MY_WORK = "my_work"
KIND_MY_TARGETS = "my_targets"
KIND_TEAM_WORK = "team_work"
KIND_TEAM_TARGETS = "team_targets"
KIND_MANAGEMENT = "management"
KIND_SCORECARD = "scorecard"
KINDS = [
    (KIND_MY_WORK, "My Work"),
    (KIND_MY_TARGETS, "My Week and Targets"),
    (KIND_TEAM_WORK, "Team Work"),
    (KIND_TEAM_TARGETS, "Team Week and Targets"),
    (KIND_MANAGEMENT, "Approvals and Key Accounts"),
    (KIND_SCORECARD, "Scorecard"),
]
TARGET_KINDS = (KIND_MY_TARGETS, KIND_TEAM_TARGETS)

# Negative feedback is "nearing its deadline" when its response deadline is
# at most this many days away (or past) and it is not handled.
FEEDBACK_NEAR_DAYS = 2
# The escalation activity type of the care model (made by its own part of
# the addon; counted as 0 while it does not exist).
ESCALATION_TYPE = "omnia_customer.mail_activity_type_meeting_escalation"

# The counts each kind of card shows (fields of the model; the records
# counted are given by the _domain_<count> methods).
WORK_COUNTS = (
    "activity_today_count",
    "activity_overdue_count",
    "meeting_overdue_count",
    "review_due_count",
    "feedback_due_count",
    "lead_unopened_count",
)
TEAM_COUNTS = WORK_COUNTS + ("lead_to_hand_over_count", "escalation_count")
MANAGEMENT_COUNTS = (
    "key_account_no_plan_count",
    "key_review_due_count",
    "price_approval_count",
    "target_approval_count",
    "scorecard_approval_count",
)
KIND_COUNTS = {
    KIND_MY_WORK: WORK_COUNTS,
    KIND_TEAM_WORK: TEAM_COUNTS,
    KIND_MANAGEMENT: MANAGEMENT_COUNTS,
}
ALL_COUNTS = TEAM_COUNTS + MANAGEMENT_COUNTS

MEASURES = ("new_customers", "repeat_customers", "meetings", "revenue")
# The longest period first: the year's target is the one set with the
# director; a quarter's or month's is shown when there is no year's.
PERIOD_ORDER = {"year": 0, "quarter": 1, "month": 2}


def hhmm(hours):
    """Hours as the web client's float_time shows them: 37.5 -> "37:30"."""
    minutes = int(round((hours or 0.0) * 60))
    return "%02d:%02d" % divmod(minutes, 60)


class OmniaDashboard(models.Model):
    """A card of a role's home (Odoo's kanban dashboard, as the Sales
    channels' one): the records are the cards (data file), their figures
    are computed for the user who reads them, with his rights, each count
    in one ``search_count`` (the key accounts without a plan: a
    ``read_group`` of the plans first), so that a home takes the same number
    of queries however many customers it counts; a count opens the
    list of exactly the records it counted (``action_open_count``)."""

    _name = "omnia.dashboard"
    _inherit = "omnia.model.mixin"
    _description = "Dashboard Card"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    role = fields.Selection(selection=ROLES, required=True, index=True)
    kind = fields.Selection(selection=KINDS, required=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()

    # Work lists (one account manager's, or the team's)
    activity_today_count = fields.Integer(
        string="Activities Due Today", compute="_compute_counts")
    activity_overdue_count = fields.Integer(
        string="Overdue Activities", compute="_compute_counts")
    meeting_overdue_count = fields.Integer(
        string="Customers with Meeting Overdue", compute="_compute_counts")
    review_due_count = fields.Integer(
        string="Care Plans to Review", compute="_compute_counts")
    feedback_due_count = fields.Integer(
        string="Negative Feedback Near Deadline", compute="_compute_counts")
    lead_unopened_count = fields.Integer(
        string="Handed-over Leads Not Opened", compute="_compute_counts")
    lead_to_hand_over_count = fields.Integer(
        string="Leads to Hand Over", compute="_compute_counts")
    escalation_count = fields.Integer(
        string="Overdue Escalations", compute="_compute_counts")
    # Management
    key_account_no_plan_count = fields.Integer(
        string="Key Accounts without Active Care Plan", compute="_compute_counts")
    key_review_due_count = fields.Integer(
        string="Key Account Reviews Due", compute="_compute_counts")
    price_approval_count = fields.Integer(
        string="Prices Awaiting Approval", compute="_compute_counts")
    target_approval_count = fields.Integer(
        string="Targets Awaiting Approval", compute="_compute_counts")
    scorecard_approval_count = fields.Integer(
        string="Scorecards Awaiting Approval", compute="_compute_counts")

    # The week's hours and the target (one account manager's, or the team's)
    week_hours = fields.Float(
        string="Hours This Week", compute="_compute_targets",
        help="Hours in the weekly hours report from Monday to Sunday of this week.")
    week_hours_target = fields.Float(
        string="Weekly Hours Target", compute="_compute_targets",
        help="The weekly hours of the current target (of the team: of its "
             "members' targets).")
    week_hours_lines = fields.Text(
        string="Hours This Week by Account Manager", compute="_compute_targets",
        help="On a team card: each member's hours this week against the weekly "
             "hours of his current target (JSON for the card: name, hours, "
             "target as hh:mm).")
    target_id = fields.Many2one(
        comodel_name="omnia.target", string="Current Target", compute="_compute_targets")
    # related_sudo=False: the current target is the reader's, computed and
    # read with his rights.
    target_new_customers = fields.Integer(
        related="target_id.target_new_customers", related_sudo=False)
    target_repeat_customers = fields.Integer(
        related="target_id.target_repeat_customers", related_sudo=False)
    target_meetings = fields.Integer(
        related="target_id.target_meetings", related_sudo=False)
    target_revenue = fields.Float(
        related="target_id.target_revenue", related_sudo=False)
    actual_new_customers = fields.Integer(
        related="target_id.actual_new_customers", related_sudo=False)
    actual_repeat_customers = fields.Integer(
        related="target_id.actual_repeat_customers", related_sudo=False)
    actual_meetings = fields.Integer(
        related="target_id.actual_meetings", related_sudo=False)
    actual_revenue = fields.Float(
        related="target_id.actual_revenue", related_sudo=False)
    new_customers_progress = fields.Float(
        string="New Customers", related="target_id.new_customers_progress",
        related_sudo=False)
    repeat_customers_progress = fields.Float(
        string="Repeat Customers", related="target_id.repeat_customers_progress",
        related_sudo=False)
    meetings_progress = fields.Float(
        string="Customer Meetings", related="target_id.meetings_progress",
        related_sudo=False)
    revenue_progress = fields.Float(
        string="Revenue", related="target_id.revenue_progress",
        related_sudo=False)
    # The gauges' scale: 100 %, or the progress past it, so that the arc
    # of a target exceeded ends full and stays in its card.
    new_customers_gauge_max = fields.Float(compute="_compute_gauge_max")
    repeat_customers_gauge_max = fields.Float(compute="_compute_gauge_max")
    meetings_gauge_max = fields.Float(compute="_compute_gauge_max")
    revenue_gauge_max = fields.Float(compute="_compute_gauge_max")

    # The year's scorecard: its approval state (the traffic lights of its
    # lines compute every live measure: they are on the scorecard itself).
    scorecard_id = fields.Many2one(
        comodel_name="omnia.scorecard", string="This Year's Scorecard",
        compute="_compute_scorecard")
    scorecard_state = fields.Selection(
        related="scorecard_id.state", related_sudo=False)

    # The work time allocation: the account manager's logged hours against
    # it this week and last week; the team's weeks under the threshold.
    resource_week_logged = fields.Float(
        string="Logged Hours This Week", compute="_compute_resource")
    resource_week_allocated = fields.Float(
        string="Allocated Hours This Week", compute="_compute_resource")
    resource_last_week_logged = fields.Float(
        string="Logged Hours Last Week", compute="_compute_resource")
    resource_last_week_allocated = fields.Float(
        string="Allocated Hours Last Week", compute="_compute_resource")
    resource_under_count = fields.Integer(
        string="Weeks under Target", compute="_compute_resource",
        help="Completed weeks of the last four logged under the threshold "
             "of the allocation.")

    # Figures ----------------------------------------------------------

    def _compute_counts(self):
        for card in self:
            for name in ALL_COUNTS:
                card[name] = 0
            names = KIND_COUNTS.get(card.kind, ())
            users = card._users() if names else None
            for name in names:
                model, domain = card._count_domain(name, users)
                card[name] = self.env[model].search_count(domain)

    def _compute_targets(self):
        for card in self:
            card.week_hours = 0.0
            card.week_hours_target = 0.0
            card.week_hours_lines = False
            card.target_id = False
            if card.kind not in TARGET_KINDS:
                continue
            users = card._users()
            monday, sunday = card._week()
            groups = self.env["omnia.work.hours.report"].read_group(
                [("user_id", "in", users.ids), ("date", ">=", monday), ("date", "<=", sunday)],
                ["hours", "user_id"], ["user_id"])
            hours = {group["user_id"][0]: group["hours"] or 0.0 for group in groups}
            card.week_hours = sum(hours.values())
            today = omnia_today(self)
            personal = self.env["omnia.target"].search([
                ("user_id", "in", users.ids),
                ("date_from", "<=", today), ("date_to", ">=", today)])
            current = {}
            for target in personal.sorted(lambda t: PERIOD_ORDER.get(t.period_type, 9)):
                current.setdefault(target.user_id.id, target)
            card.week_hours_target = sum(t.target_week_hours for t in current.values())
            if card.kind == KIND_MY_TARGETS:
                card.target_id = current.get(self.env.uid, False)
            else:
                # Each member apart: hours of different people are not
                # summed into one figure.
                card.week_hours_lines = json.dumps([{
                    "name": user.name,
                    "hours": hhmm(hours.get(user.id, 0.0)),
                    "target": hhmm(current[user.id].target_week_hours)
                    if user.id in current else "",
                } for user in users.sorted("name")])
                teams = self.env["crm.team"].search([("user_id", "=", self.env.uid)])
                team_targets = self.env["omnia.target"].search([
                    ("team_id", "in", teams.ids),
                    ("date_from", "<=", today), ("date_to", ">=", today)])
                card.target_id = team_targets.sorted(
                    lambda t: PERIOD_ORDER.get(t.period_type, 9))[:1]

    @api.depends("target_id")
    def _compute_gauge_max(self):
        for card in self:
            for measure in MEASURES:
                card["%s_gauge_max" % measure] = max(
                    100.0, card["%s_progress" % measure] or 0.0)

    def _compute_scorecard(self):
        year = int(omnia_today(self)[:4])
        scorecards = self.filtered(lambda card: card.kind == KIND_SCORECARD)
        scorecard = self.env["omnia.scorecard"].search(
            [("year", "=", year)], limit=1) if scorecards else False
        for card in self:
            card.scorecard_id = scorecard if card.kind == KIND_SCORECARD else False

    def _compute_resource(self):
        for card in self:
            card.resource_week_logged = 0.0
            card.resource_week_allocated = 0.0
            card.resource_last_week_logged = 0.0
            card.resource_last_week_allocated = 0.0
            card.resource_under_count = 0
            if card.kind == KIND_MY_TARGETS:
                monday = fields.Date.from_string(card._week()[0])
                last_monday = fields.Date.to_string(monday - timedelta(weeks=1))
                monday = fields.Date.to_string(monday)
                rows = self.env["omnia.resource.week.report"].search_read(
                    [("user_id", "=", self.env.uid),
                     ("week_start", "in", [monday, last_monday])],
                    ["week_start", "logged_hours", "allocated_hours"])
                for row in rows:
                    prefix = "resource_week" if row["week_start"] == monday \
                        else "resource_last_week"
                    card[prefix + "_logged"] = row["logged_hours"]
                    card[prefix + "_allocated"] = row["allocated_hours"]
            elif card.kind == KIND_TEAM_TARGETS:
                card.resource_under_count = self.env[
                    "omnia.resource.week.report"].search_count(
                        card._domain_resource_under())

    # The lists behind the counts ----------------------------------------

    @api.multi
    def _domain_resource_under(self):
        """The team's completed weeks of the last four under the threshold."""
        self.ensure_one()
        monday = fields.Date.from_string(self._week()[0])
        return [("user_id", "in", self._users().ids),
                ("under_threshold", "=", True),
                ("week_start", ">=", fields.Date.to_string(monday - timedelta(weeks=4))),
                ("week_start", "<", fields.Date.to_string(monday))]

    @api.multi
    def _users(self):
        """The account managers whose work the card shows: the user, or on a
        team card the members of the sales teams he leads and himself (all
        account managers when he leads none)."""
        self.ensure_one()
        if self.kind in (KIND_MY_WORK, KIND_MY_TARGETS):
            return self.env.user
        teams = self.env["crm.team"].search([("user_id", "=", self.env.uid)])
        if teams:
            return self.env.user | teams.mapped("member_ids")
        return self.env.ref("omnia_customer.group_account_manager").users

    @api.model
    def _week(self):
        """Monday and Sunday of this week (ISO), as strings."""
        today = fields.Date.from_string(omnia_today(self))
        monday = today - timedelta(days=today.weekday())
        return fields.Date.to_string(monday), fields.Date.to_string(monday + timedelta(days=6))

    @api.multi
    def _count_domain(self, name, users=None):
        """(model, domain) of the count ``name`` of this card, for the
        account managers ``users`` (default: the card's): the count is
        ``search_count(domain)``, its list opens on the same domain."""
        self.ensure_one()
        if name not in KIND_COUNTS.get(self.kind, ()):
            raise UserError(_("This card has no count %s.") % name)
        method = getattr(self, "_domain_%s" % name[:-len("_count")])
        return method(users if users is not None else self._users())

    def _domain_activity_today(self, users):
        return "mail.activity", [
            ("user_id", "in", users.ids), ("date_deadline", "=", omnia_today(self))]

    def _domain_activity_overdue(self, users):
        return "mail.activity", [
            ("user_id", "in", users.ids), ("date_deadline", "<", omnia_today(self))]

    def _domain_meeting_overdue(self, users):
        return "res.partner", [
            ("is_company", "=", True), ("user_id", "in", users.ids),
            ("meeting_overdue", "=", True)]

    def _domain_review_due(self, users):
        return "omnia.care.plan", [
            ("account_manager_id", "in", users.ids), ("review_due", "=", True)]

    def _domain_feedback_due(self, users):
        near = fields.Date.from_string(omnia_today(self)) + timedelta(days=FEEDBACK_NEAR_DAYS)
        return "omnia.feedback", [
            ("account_manager_id", "in", users.ids),
            ("polarity", "=", "negative"), ("state", "!=", "done"),
            ("deadline", "<=", fields.Date.to_string(near))]

    def _domain_lead_unopened(self, users):
        # Not yet opened: handed over to the account manager, who has not
        # changed it since (crm.lead.omnia_handover_unopened).
        return "crm.lead", [
            ("user_id", "in", users.ids), ("omnia_handover_unopened", "=", True)]

    def _domain_lead_to_hand_over(self, users):
        return "crm.lead", [("to_hand_over", "=", True)]

    def _domain_escalation(self, users):
        activity_type = self.env.ref(ESCALATION_TYPE, raise_if_not_found=False)
        return "mail.activity", [
            ("activity_type_id", "=", activity_type.id if activity_type else 0),
            ("date_deadline", "<=", omnia_today(self))]

    def _domain_key_account_no_plan(self, users):
        groups = self.env["omnia.care.plan"].read_group(
            [("state", "=", "active"), ("is_key_account", "=", True)],
            ["partner_id"], ["partner_id"])
        planned = [group["partner_id"][0] for group in groups]
        return "res.partner", [
            ("is_company", "=", True), ("segment_id.is_key_account", "=", True),
            ("id", "not in", planned)]

    def _domain_key_review_due(self, users):
        # Key-account plans are reviewed in the monthly management meeting:
        # due are those whose review date falls within the next 30 days
        # (the plan's own "due for review") or is past.
        return "omnia.care.plan", [("is_key_account", "=", True), ("review_due", "=", True)]

    def _domain_price_approval(self, users):
        return "crm.lead", [
            ("type", "=", "opportunity"), ("probability", "<", 100),
            ("planned_revenue", ">", 0), ("price_approved_by_id", "=", False)]

    def _domain_target_approval(self, users):
        return "omnia.target", [("state", "=", "draft")]

    def _domain_scorecard_approval(self, users):
        return "omnia.scorecard", [("state", "=", "proposed")]

    # Actions ----------------------------------------------------------

    @api.multi
    def action_open_count(self):
        """The list of the records counted by the count named in the
        context key ``omnia_count`` (the button of the count sends it); on a
        team card the list is grouped by account manager."""
        self.ensure_one()
        name = self.env.context.get("omnia_count")
        model, domain = self._count_domain(name)
        action = {
            "type": "ir.actions.act_window",
            "name": self._fields[name].get_description(self.env)["string"],
            "res_model": model,
            "view_mode": "tree,form",
            "views": [(False, "tree"), (False, "form")],
            "domain": domain,
            "target": "current",
            "context": {},
        }
        if self.kind == KIND_TEAM_WORK:
            user_field = {
                "mail.activity": "user_id", "res.partner": "user_id",
                "omnia.care.plan": "account_manager_id",
                "omnia.feedback": "account_manager_id", "crm.lead": "user_id",
            }[model]
            action["context"] = {"group_by": user_field}
        return action

    @api.multi
    def action_open_resource_under(self):
        """The weeks under the threshold the card counted, by account
        manager."""
        self.ensure_one()
        action = self.env.ref(
            "omnia_customer.omnia_resource_week_report_action_under").read()[0]
        action.update(domain=self._domain_resource_under(),
                      context={"group_by": "user_id"})
        return action

    @api.multi
    def action_open_target(self):
        self.ensure_one()
        if not self.target_id:
            raise UserError(_("There is no current target."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "omnia.target",
            "res_id": self.target_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    @api.multi
    def action_open_scorecard(self):
        self.ensure_one()
        if not self.scorecard_id:
            return self.env.ref("omnia_customer.omnia_scorecard_action").read()[0]
        return {
            "type": "ir.actions.act_window",
            "res_model": "omnia.scorecard",
            "res_id": self.scorecard_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
