# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .access import is_management, workflow
from .omnia_model_mixin import warning_of
from .rules import FIRST_WON_CTE, MEETING_KEY, REPEAT_WON_JOIN, WON_LEAD_WHERE, omnia_today

PERIOD_YEAR = "year"
PERIOD_QUARTER = "quarter"
PERIOD_MONTH = "month"
PERIOD_TYPES = [
    (PERIOD_YEAR, "Year"),
    (PERIOD_QUARTER, "Quarter"),
    (PERIOD_MONTH, "Month"),
]
PERIOD_MONTHS = {PERIOD_YEAR: 12, PERIOD_QUARTER: 3, PERIOD_MONTH: 1}

# No two targets of one account manager or team for overlapping periods of
# one kind, also under concurrent saves: an exclusion constraint, deferred to
# the commit, when the computed end date is stored (the Python check names
# the other target first in the usual case). Plain GiST has no equality on
# integers or text: each is compared as a one-value range.
_PERIOD_KIND = "CASE period_type %s ELSE 0 END" % " ".join(
    "WHEN '%s' THEN %d" % (kind, months) for kind, months in sorted(PERIOD_MONTHS.items()))
PERIOD_NO_OVERLAP = (
    "EXCLUDE USING gist ("
    "int4range(COALESCE(user_id, 0), COALESCE(user_id, 0), '[]') WITH &&, "
    "int4range(COALESCE(team_id, 0), COALESCE(team_id, 0), '[]') WITH &&, "
    "int4range({kind}, {kind}, '[]') WITH &&, "
    "daterange(date_from, date_to, '[]') WITH &&"
    ") DEFERRABLE INITIALLY DEFERRED").format(kind=_PERIOD_KIND)

# The measures of a target: target_<measure>, actual_<measure>, <measure>_progress.
MEASURES = ("new_customers", "repeat_customers", "repeat_purchases", "meetings", "revenue")

STATE_DRAFT = "draft"
STATE_APPROVED = "approved"
STATES = [
    (STATE_DRAFT, "Draft"),
    (STATE_APPROVED, "Approved"),
]

# The users whose work a target measures: its account manager, or the
# members of its sales team. {where} restricts the targets.
TARGET_USER_CTE = """
    target_user AS (
        SELECT t.id AS target_id, t.date_from, t.date_to, t.user_id, FALSE AS team
          FROM omnia_target t
         WHERE t.user_id IS NOT NULL {where}
        UNION ALL
        SELECT t.id, t.date_from, t.date_to, u.id, TRUE
          FROM omnia_target t
          JOIN res_users u ON u.sale_team_id = t.team_id
         WHERE t.team_id IS NOT NULL {where}
    )
"""


# One grouped query per measure: (target_id, value) for the selected targets.
# Periods are whole days of date_closed in UTC.
MEASURE_QUERIES = {
    "actual_new_customers": """
        WITH {target_user}, {first_won}
        SELECT tu.target_id, COUNT(*)
          FROM target_user tu
          JOIN first_won f ON f.user_id = tu.user_id
                          AND f.date_closed >= tu.date_from
                          AND f.date_closed < tu.date_to + 1
         GROUP BY tu.target_id
    """,
    "actual_repeat_customers": """
        WITH {target_user}, {first_won}
        SELECT tu.target_id, COUNT(DISTINCT f.company_id)
          FROM target_user tu
          JOIN crm_lead l ON l.user_id = tu.user_id
                         AND l.date_closed >= tu.date_from
                         AND l.date_closed < tu.date_to + 1
          {repeat_won}
         WHERE {won}
         GROUP BY tu.target_id
    """,
    # Each won opportunity of the period that is a repeat purchase
    # (REPEAT_WON_JOIN); a team's counts each once (one user per opportunity).
    "actual_repeat_purchases": """
        WITH {target_user}, {first_won}
        SELECT tu.target_id, COUNT(*)
          FROM target_user tu
          JOIN crm_lead l ON l.user_id = tu.user_id
                         AND l.date_closed >= tu.date_from
                         AND l.date_closed < tu.date_to + 1
          {repeat_won}
         WHERE {won}
         GROUP BY tu.target_id
    """,
    # A personal target counts the account manager's rows of the hours
    # report (one per meeting he took part in); a team's counts each meeting
    # once however many members took part (MEETING_KEY).
    "actual_meetings": """
        WITH {target_user}
        SELECT tu.target_id, COUNT(*)
          FROM target_user tu
          JOIN omnia_work_hours_report r ON r.user_id = tu.user_id
                                        AND r.date >= tu.date_from
                                        AND r.date <= tu.date_to
         WHERE r.is_customer_meeting AND NOT tu.team
         GROUP BY tu.target_id
        UNION ALL
        SELECT tu.target_id, COUNT(DISTINCT {meeting})
          FROM target_user tu
          JOIN omnia_work_hours_report r ON r.user_id = tu.user_id
                                        AND r.date >= tu.date_from
                                        AND r.date <= tu.date_to
          JOIN omnia_event_occurrence o ON o.id = r.id
         WHERE r.is_customer_meeting AND tu.team
         GROUP BY tu.target_id
    """,
    "actual_revenue": """
        WITH {target_user}
        SELECT tu.target_id, SUM(l.planned_revenue)
          FROM target_user tu
          JOIN crm_lead l ON l.user_id = tu.user_id
                         AND l.date_closed >= tu.date_from
                         AND l.date_closed < tu.date_to + 1
         WHERE {won}
         GROUP BY tu.target_id
    """,
}


def measure_query(field_name, where=""):
    """The SQL of one measure, for the targets that ``where`` selects
    (a condition on ``t``, the omnia_target row, starting with AND)."""
    return MEASURE_QUERIES[field_name].format(
        target_user=TARGET_USER_CTE.format(where=where),
        first_won=FIRST_WON_CTE,
        repeat_won=REPEAT_WON_JOIN,
        won=WON_LEAD_WHERE.format(l="l"),
        meeting=MEETING_KEY.format(o="o"),
    )


class OmniaTarget(models.Model):
    """Personal targets of an account manager (or targets of the whole team)
    for a year, quarter or month, with actuals computed from live data."""

    _name = "omnia.target"
    _inherit = "omnia.model.mixin"
    # Changed by management's approval buttons only (omnia.model.mixin).
    _workflow_fields = ("state", "approved_by_id", "approved_date")
    _description = "Target"
    _order = "date_from desc, period_type, user_id, team_id"

    # Whose target, for when
    name = fields.Char(compute="_compute_name")
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Account Manager",
        index=True,
        ondelete="cascade",
    )
    team_id = fields.Many2one(
        comodel_name="crm.team",
        index=True,
        ondelete="cascade",
        help="A team target: the actuals are summed over the team's members.",
    )
    period_type = fields.Selection(
        selection=PERIOD_TYPES,
        string="Period",
        required=True,
        default=PERIOD_YEAR,
    )
    date_from = fields.Date(string="Start Date", required=True, index=True)
    date_to = fields.Date(
        string="End Date",
        compute="_compute_date_to",
        store=True,
        index=True,
    )
    state = fields.Selection(
        selection=STATES,
        default=STATE_DRAFT,
        required=True,
        readonly=True,
        copy=False,
    )
    approved_by_id = fields.Many2one(
        comodel_name="res.users",
        readonly=True,
        copy=False,
    )
    approved_date = fields.Datetime(readonly=True, copy=False)
    note = fields.Text()

    # Targets
    target_new_customers = fields.Integer()
    target_repeat_customers = fields.Integer()
    target_repeat_purchases = fields.Integer()
    target_meetings = fields.Integer(string="Target Customer Meetings")
    target_revenue = fields.Float(string="Target Revenue (EUR)", digits=(16, 2))
    target_week_hours = fields.Float(
        string="Weekly Hours",
        default=37.5,
        help="The hours a week the account manager logs in the calendar, "
             "shown against his hours this week on his home.")

    # Actuals from live data
    actual_new_customers = fields.Integer(
        string="New Customers", compute="_compute_actuals",
        help="Companies whose first ever won opportunity closed in the period, "
             "won by this account manager.")
    actual_repeat_customers = fields.Integer(
        string="Repeat Customers", compute="_compute_actuals",
        help="Companies with an opportunity won in the period by this account "
             "manager that had an earlier won opportunity.")
    actual_repeat_purchases = fields.Integer(
        string="Repeat Purchases", compute="_compute_actuals",
        help="Opportunities won in the period by this account manager whose "
             "company had won an opportunity before (any earlier one, at any "
             "time): every won opportunity of a company but its first.")
    actual_meetings = fields.Integer(
        string="Customer Meetings", compute="_compute_actuals",
        help="Calendar occurrences in the period with a customer-meeting work "
             "type where the account manager takes part.")
    actual_revenue = fields.Float(
        string="Revenue (EUR)", compute="_compute_actuals", digits=(16, 2),
        help="Expected revenue of the opportunities won in the period.")
    week_hours = fields.Float(
        string="Hours This Week", compute="_compute_week_hours", digits=(16, 1),
        help="Hours logged in the calendar this week (Monday to Sunday).")
    new_customers_progress = fields.Float(
        string="New Customers (%)", compute="_compute_actuals")
    repeat_customers_progress = fields.Float(
        string="Repeat Customers (%)", compute="_compute_actuals")
    repeat_purchases_progress = fields.Float(
        string="Repeat Purchases (%)", compute="_compute_actuals")
    meetings_progress = fields.Float(
        string="Customer Meetings (%)", compute="_compute_actuals")
    revenue_progress = fields.Float(
        string="Revenue (%)", compute="_compute_actuals")

    _sql_constraints = [
        ("user_or_team",
         "CHECK((user_id IS NULL) != (team_id IS NULL))",
         "Account Manager: a target is either an account manager's or a team's."),
        ("period_no_overlap", PERIOD_NO_OVERLAP,
         "Start Date: the period overlaps another target of the same account "
         "manager or team."),
        ("targets_positive",
         "CHECK(target_new_customers >= 0 AND target_repeat_customers >= 0 "
         "AND target_meetings >= 0 AND target_revenue >= 0 "
         "AND target_week_hours >= 0)",
         "Targets: must not be negative."),
        ("target_repeat_purchases_positive",
         "CHECK(target_repeat_purchases >= 0)",
         "Target Repeat Purchases: must not be negative."),
    ]

    @api.depends("user_id", "team_id", "period_type", "date_from")
    def _compute_name(self):
        for target in self:
            period = ""
            if target.date_from:
                start = fields.Date.from_string(target.date_from)
                period = {
                    PERIOD_YEAR: "%d" % start.year,
                    PERIOD_QUARTER: "%d Q%d" % (start.year, (start.month - 1) // 3 + 1),
                }.get(target.period_type, start.strftime("%Y-%m"))
            who = target.user_id.name or target.team_id.name or ""
            target.name = "%s, %s" % (who, period)

    @api.depends("period_type", "date_from")
    def _compute_date_to(self):
        for target in self:
            if target.date_from and target.period_type:
                start = fields.Date.from_string(target.date_from)
                end = start + relativedelta(
                    months=PERIOD_MONTHS[target.period_type], days=-1)
                target.date_to = fields.Date.to_string(end)
            else:
                target.date_to = False

    def _compute_actuals(self):
        targets = self._prefetched_without("actual_revenue")
        values = targets._read_actuals()
        # The planned figures of saved targets in one read, not field by field.
        saved = targets.filtered(lambda t: isinstance(t.id, int))
        planned = {row["id"]: row for row in saved.read(
            ["target_%s" % measure for measure in MEASURES], load="_classic_write")}
        for target in targets:
            actuals = values.get(target.id, {})
            goals = planned.get(target.id) or target
            for measure in MEASURES:
                actual = actuals.get("actual_%s" % measure, 0)
                goal = goals["target_%s" % measure]
                target["actual_%s" % measure] = actual
                target["%s_progress" % measure] = (
                    round(100.0 * actual / goal, 1) if goal else 0.0)

    def _compute_week_hours(self):
        targets = self._prefetched_without("week_hours")
        today = fields.Date.from_string(omnia_today(self))
        monday = today - timedelta(days=today.weekday())
        target_ids = tuple(id_ for id_ in targets.ids if isinstance(id_, int))
        hours = {}
        if target_ids:
            # Raw SQL: one grouped sum over the weekly hours report for all targets.
            self.env.cr.execute("""
                WITH {target_user}
                SELECT tu.target_id, SUM(r.hours)
                  FROM target_user tu
                  JOIN omnia_work_hours_report r ON r.user_id = tu.user_id
                   AND r.date >= %(monday)s AND r.date <= %(sunday)s
                 GROUP BY tu.target_id
            """.format(target_user=TARGET_USER_CTE.format(where="AND t.id IN %(ids)s")), {
                "ids": target_ids,
                "monday": fields.Date.to_string(monday),
                "sunday": fields.Date.to_string(monday + timedelta(days=6)),
            })
            hours = dict(self.env.cr.fetchall())
        for target in targets:
            target.week_hours = hours.get(target.id) or 0.0

    def _prefetched_without(self, field_name):
        """These targets and every other one read with them that has no
        value of the field yet: Odoo 11 computes a non-stored field 1 000
        records at a time, and each batch would send the grouped queries of
        the measures again; computed for all at once, they are sent once."""
        if not self:
            return self
        # (a slice forgets the prefetch set: give it back)
        first = self[:1].with_prefetch(self._prefetch)
        others = first._in_cache_without(self._fields[field_name], limit=None)
        return self | others

    @api.model
    def _measure_queries(self, where=""):
        """The SQL of each live measure, keyed by its actual field, for the
        targets ``where`` selects (a condition on ``t`` starting with AND)."""
        return {name: measure_query(name, where) for name in MEASURE_QUERIES}

    def _read_actuals(self):
        """{target id: {actual field: value}} with one grouped query per
        measure for the whole recordset."""
        target_ids = tuple(id_ for id_ in self.ids if isinstance(id_, int))
        result = {}
        if not target_ids:
            return result
        # Raw SQL: the actuals are aggregates over other people's opportunities
        # and events that the reader may not see one by one.
        for field_name, query in self._measure_queries("AND t.id IN %(ids)s").items():
            self.env.cr.execute(query, {"ids": target_ids})
            for target_id, value in self.env.cr.fetchall():
                result.setdefault(target_id, {})[field_name] = value or 0
        return result

    @api.constrains("date_from", "period_type")
    def _check_date_from(self):
        for target in self:
            problem = target._date_from_problem()
            if problem:
                raise ValidationError(problem)

    @api.multi
    def _date_from_problem(self):
        """The message about a start date that does not start the target's
        period, or None."""
        self.ensure_one()
        if not self.date_from:
            return None
        start = fields.Date.from_string(self.date_from)
        if start.day != 1 or (
                self.period_type == PERIOD_YEAR and start.month != 1) or (
                self.period_type == PERIOD_QUARTER and start.month not in (1, 4, 7, 10)):
            return _("Start Date: must be the first day of the year, quarter or "
                     "month of the target (%s).") % self.date_from
        return None

    @api.onchange("date_from", "period_type")
    def _onchange_date_from_warning(self):
        problem = self._date_from_problem()
        return warning_of([problem] if problem else [])

    @api.constrains("user_id", "team_id", "period_type", "date_from", "date_to")
    def _check_overlap(self):
        for target in self:
            overlapping = self.search([
                ("id", "!=", target.id),
                ("user_id", "=", target.user_id.id),
                ("team_id", "=", target.team_id.id),
                ("period_type", "=", target.period_type),
                ("date_from", "<=", target.date_to),
                ("date_to", ">=", target.date_from),
            ], limit=1)
            if overlapping:
                raise ValidationError(
                    _("Start Date: the period overlaps the target %s.")
                    % overlapping.name)

    def _check_management(self):
        if not is_management(self.env):
            raise AccessError(_("Only management approves targets and changes "
                                "approved targets."))

    @api.multi
    def write(self, vals):
        if any(name in vals for name in self._workflow_fields) or any(
                target.state != STATE_DRAFT for target in self):
            self._check_management()
        return super().write(vals)

    @api.multi
    def unlink(self):
        if any(target.state != STATE_DRAFT for target in self):
            self._check_management()
        return super().unlink()

    @api.multi
    def action_approve(self):
        self._check_management()
        with workflow(self.env):
            self.filtered(lambda t: t.state == STATE_DRAFT).write({
                "state": STATE_APPROVED,
                "approved_by_id": self.env.user.id,
                "approved_date": fields.Datetime.now(),
            })
        return True

    @api.multi
    def action_reset_to_draft(self):
        self._check_management()
        with workflow(self.env):
            self.write({"state": STATE_DRAFT, "approved_by_id": False,
                        "approved_date": False})
        return True
