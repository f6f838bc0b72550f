# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .omnia_scorecard import STATE_APPROVED, STATE_CLOSED, STATE_DRAFT
from .crm_lead import OFFER_TYPES
from .rules import FIRST_WON_CTE, MEETING_KEY, REPEAT_WON_JOIN, WON_LEAD_WHERE

MEASURE_MANUAL = "manual"

STATUS_GREEN = "green"
STATUS_YELLOW = "yellow"
STATUS_RED = "red"
STATUSES = [
    (STATUS_GREEN, "Green"),
    (STATUS_YELLOW, "Yellow"),
    (STATUS_RED, "Red"),
]

# Fields a line of an approved scorecard may still change: the entered
# actual of a manual measure and the snapshot taken when closing.
APPROVED_EDITABLE_FIELDS = {"manual_actual", "frozen_actual"}


class OmniaScorecardLine(models.Model):
    """One measure of the scorecard: a live measure computed from the
    year's data (see ``_measures``) or a manual one with an entered actual."""

    _name = "omnia.scorecard.line"
    _inherit = "omnia.model.mixin"
    _description = "Scorecard Line"
    _order = "scorecard_id, perspective_sequence, sequence, id"

    # Description
    scorecard_id = fields.Many2one(
        comodel_name="omnia.scorecard",
        required=True,
        index=True,
        ondelete="cascade",
    )
    year = fields.Integer(related="scorecard_id.year", store=True, readonly=True)
    sequence = fields.Integer(default=10)
    perspective_id = fields.Many2one(
        comodel_name="omnia.scorecard.perspective",
        required=True,
        ondelete="restrict",
    )
    perspective_sequence = fields.Integer(
        related="perspective_id.sequence", store=True, readonly=True)
    name = fields.Char(string="Goal", required=True)
    measure = fields.Selection(
        selection="_selection_measure",
        required=True,
        default=MEASURE_MANUAL,
    )
    offer_type = fields.Selection(
        selection=OFFER_TYPES,
        help="The offer type whose won revenue the line measures.")
    unit = fields.Char(help="Shown after the figures, e.g. EUR or %.")

    # Figures
    target = fields.Float(digits=(16, 2))
    manual_actual = fields.Float(
        string="Entered Actual", digits=(16, 2), copy=False,
        help="The actual of a manual measure.")
    frozen_actual = fields.Float(
        digits=(16, 2), copy=False, readonly=True,
        help="The actual when the year was closed.")
    actual = fields.Float(compute="_compute_actual", digits=(16, 2))
    achievement = fields.Float(
        string="Achievement (%)", compute="_compute_actual", digits=(16, 1))
    status = fields.Selection(selection=STATUSES, compute="_compute_actual")
    threshold_green = fields.Float(
        string="Green From (%)", default=100.0,
        help="Achievement from which the line is green.")
    threshold_yellow = fields.Float(
        string="Yellow From (%)", default=80.0,
        help="Achievement from which the line is yellow; below it, red.")

    _sql_constraints = [
        ("thresholds_ordered", "CHECK(threshold_yellow <= threshold_green)",
         "Yellow From: must not be above Green From."),
    ]

    @api.model
    def _measures(self):
        """The registry of live measures: key -> (label, method name). Each
        method, called on the lines of that measure, returns {line id: value}
        with one grouped query for all their years. Extend to add measures."""
        return {
            "new_customers": (_("New customers"), "_measure_new_customers"),
            "repeat_customers": (_("Repeat customers"), "_measure_repeat_customers"),
            "repeat_purchases": (_("Repeat purchases"), "_measure_repeat_purchases"),
            "won_revenue": (_("Won revenue (EUR)"), "_measure_won_revenue"),
            "won_revenue_offer_type": (_("Won revenue of an offer type (EUR)"),
                                       "_measure_won_revenue_offer_type"),
            "customer_meetings": (_("Customer meetings"), "_measure_customer_meetings"),
            "average_weekly_hours": (_("Average weekly hours logged"),
                                     "_measure_average_weekly_hours"),
            "leads_handed_over": (_("Leads handed over"), "_measure_leads_handed_over"),
            "projects_submitted": (_("Project applications submitted"),
                                   "_measure_projects_submitted"),
            "projects_granted": (_("Project applications granted"),
                                 "_measure_projects_granted"),
            "key_account_review_share": (
                _("Key accounts with a reviewed care plan (%)"),
                "_measure_key_account_review_share"),
            "negative_feedback_in_deadline": (
                _("Negative feedback handled within deadline (%)"),
                "_measure_negative_feedback_in_deadline"),
            "feedback_balance": (_("Feedback balance (positive - negative)"),
                                 "_measure_feedback_balance"),
        }

    @api.model
    def _selection_measure(self):
        return [(key, label) for key, (label, dummy) in self._measures().items()] + [
            (MEASURE_MANUAL, _("Manual"))]

    @api.depends("measure", "target", "manual_actual", "frozen_actual",
                 "threshold_green", "threshold_yellow", "scorecard_id.state")
    def _compute_actual(self):
        live = {}
        measures = self._measures()
        live_lines = self.filtered(
            lambda ln: ln.measure in measures and ln.scorecard_id.state != STATE_CLOSED
            and isinstance(ln.id, int))
        for key in set(live_lines.mapped("measure")):
            lines = live_lines.filtered(lambda ln: ln.measure == key)
            live.update(getattr(lines, measures[key][1])())
        for line in self:
            if line.scorecard_id.state == STATE_CLOSED:
                actual = line.frozen_actual
            elif line.measure == MEASURE_MANUAL:
                actual = line.manual_actual
            else:
                actual = live.get(line.id, 0.0)
            line.actual = actual
            line.achievement = round(100.0 * actual / line.target, 1) if line.target else 0.0
            if line.achievement >= line.threshold_green:
                line.status = STATUS_GREEN
            elif line.achievement >= line.threshold_yellow:
                line.status = STATUS_YELLOW
            else:
                line.status = STATUS_RED

    @api.constrains("measure", "offer_type")
    def _check_offer_type(self):
        for line in self:
            if line.measure == "won_revenue_offer_type" and not line.offer_type:
                raise ValidationError(
                    _("Offer Type: the line %s measures the won revenue of an offer "
                      "type; choose the type.") % line.name)

    @api.constrains("target")
    def _check_target(self):
        for line in self:
            if line.target < 0:
                raise ValidationError(_("Target: must not be negative (%s).") % line.name)

    def _check_editable(self, vals=None):
        for line in self:
            state = line.scorecard_id.state
            if state == STATE_DRAFT:
                continue
            if state == STATE_APPROVED and vals is not None \
                    and set(vals) <= APPROVED_EDITABLE_FIELDS:
                continue
            raise UserError(_("Only a draft scorecard can be edited; management "
                              "reopens an approved one."))

    @api.model
    def create(self, vals):
        line = super().create(vals)
        line._check_editable()
        return line

    @api.multi
    def write(self, vals):
        self._check_editable(vals)
        return super().write(vals)

    @api.multi
    def unlink(self):
        self._check_editable()
        return super().unlink()

    # Live measures: one grouped query each, by year, for all lines.

    def _by_year(self, query, params=None):
        """Run a query returning (year, value) rows for the lines' years."""
        years = tuple(set(self.mapped("year"))) or (0,)
        self.env.cr.execute(query, dict(params or {}, years=years))
        values = dict(self.env.cr.fetchall())
        return {line.id: float(values.get(line.year) or 0.0) for line in self}

    def _measure_new_customers(self):
        # Raw SQL: a company's first ever won opportunity, over all users.
        return self._by_year("""
            WITH {first_won}
            SELECT EXTRACT(YEAR FROM f.date_closed)::int AS year, COUNT(*)
              FROM first_won f
             WHERE EXTRACT(YEAR FROM f.date_closed)::int IN %(years)s
             GROUP BY 1
        """.format(first_won=FIRST_WON_CTE))

    def _measure_repeat_customers(self):
        # Raw SQL: compares each won opportunity with the company's first one.
        return self._by_year("""
            WITH {first_won}
            SELECT EXTRACT(YEAR FROM l.date_closed)::int AS year,
                   COUNT(DISTINCT f.company_id)
              FROM crm_lead l
              {repeat_won}
             WHERE {won} AND EXTRACT(YEAR FROM l.date_closed)::int IN %(years)s
             GROUP BY 1
        """.format(first_won=FIRST_WON_CTE, repeat_won=REPEAT_WON_JOIN,
                   won=WON_LEAD_WHERE.format(l="l")))

    def _measure_repeat_purchases(self):
        # Raw SQL: every won opportunity of the year but its company's first
        # ever win (REPEAT_WON_JOIN), over all users.
        return self._by_year("""
            WITH {first_won}
            SELECT EXTRACT(YEAR FROM l.date_closed)::int AS year, COUNT(*)
              FROM crm_lead l
              {repeat_won}
             WHERE {won} AND EXTRACT(YEAR FROM l.date_closed)::int IN %(years)s
             GROUP BY 1
        """.format(first_won=FIRST_WON_CTE, repeat_won=REPEAT_WON_JOIN,
                   won=WON_LEAD_WHERE.format(l="l")))

    def _measure_won_revenue(self):
        # Raw SQL: the team's figure covers opportunities the reader may not see.
        return self._by_year("""
            SELECT EXTRACT(YEAR FROM l.date_closed)::int AS year,
                   SUM(l.planned_revenue)
              FROM crm_lead l
             WHERE {won} AND EXTRACT(YEAR FROM l.date_closed)::int IN %(years)s
             GROUP BY 1
        """.format(won=WON_LEAD_WHERE.format(l="l")))

    def _measure_projects_submitted(self):
        return self._count_projects_by_year("submitted_date")

    def _measure_projects_granted(self):
        return self._count_projects_by_year("granted_date")

    def _count_projects_by_year(self, date_column):
        """Projects per year of the given date column of omnia_project."""
        assert date_column in ("submitted_date", "granted_date"), date_column
        # Raw SQL: one grouped count for all years.
        return self._by_year("""
            SELECT EXTRACT(YEAR FROM {column})::int, COUNT(*)
              FROM omnia_project
             WHERE EXTRACT(YEAR FROM {column})::int IN %(years)s
             GROUP BY 1
        """.format(column=date_column))

    def _measure_negative_feedback_in_deadline(self):
        # Raw SQL: share (%) of the year's negative feedback handled by its
        # deadline; open feedback counts once its deadline has passed (as in
        # the feedback handling report).
        return self._by_year("""
            SELECT EXTRACT(YEAR FROM date)::int,
                   ROUND(100.0 * COUNT(*) FILTER (
                       WHERE state = 'done' AND done_date <= deadline) / COUNT(*), 1)
              FROM omnia_feedback
             WHERE polarity = 'negative' AND EXTRACT(YEAR FROM date)::int IN %(years)s
               AND (state = 'done' OR deadline < (now() AT TIME ZONE 'UTC')::date)
             GROUP BY 1
        """)

    def _measure_feedback_balance(self):
        # Raw SQL: positive minus negative feedback received in the year.
        return self._by_year("""
            SELECT EXTRACT(YEAR FROM date)::int,
                   COUNT(*) FILTER (WHERE polarity = 'positive')
                   - COUNT(*) FILTER (WHERE polarity = 'negative')
              FROM omnia_feedback
             WHERE EXTRACT(YEAR FROM date)::int IN %(years)s
             GROUP BY 1
        """)

    def _measure_key_account_review_share(self):
        # Raw SQL: share (%) of today's key-account companies whose care plan
        # was reviewed in the year.
        return self._by_year("""
            WITH key_account AS (
                SELECT p.id
                  FROM res_partner p
                  JOIN omnia_segment s ON s.id = p.segment_id
                 WHERE s.is_key_account AND p.is_company AND p.active
            )
            SELECT EXTRACT(YEAR FROM r.date)::int,
                   ROUND(100.0 * COUNT(DISTINCT cp.partner_id)
                         / NULLIF((SELECT COUNT(*) FROM key_account), 0), 1)
              FROM omnia_care_plan_review r
              JOIN omnia_care_plan cp ON cp.id = r.plan_id
             WHERE cp.partner_id IN (SELECT id FROM key_account)
               AND EXTRACT(YEAR FROM r.date)::int IN %(years)s
             GROUP BY 1
        """)

    def _measure_won_revenue_offer_type(self):
        # Raw SQL: one grouped sum by year and offer type for all lines.
        years = tuple(set(self.mapped("year"))) or (0,)
        self.env.cr.execute("""
            SELECT EXTRACT(YEAR FROM l.date_closed)::int, l.offer_type,
                   SUM(l.planned_revenue)
              FROM crm_lead l
             WHERE {won} AND EXTRACT(YEAR FROM l.date_closed)::int IN %(years)s
             GROUP BY 1, 2
        """.format(won=WON_LEAD_WHERE.format(l="l")), {"years": years})
        values = {(year, offer_type): value
                  for year, offer_type, value in self.env.cr.fetchall()}
        return {line.id: float(values.get((line.year, line.offer_type)) or 0.0)
                for line in self}

    def _measure_customer_meetings(self):
        # Raw SQL: the weekly hours report has a row per occurrence and
        # account manager taking part; a meeting of two account managers is
        # one meeting of the team (see MEETING_KEY).
        return self._by_year("""
            SELECT EXTRACT(YEAR FROM r.date)::int, COUNT(DISTINCT {meeting})
              FROM omnia_work_hours_report r
              JOIN omnia_event_occurrence o ON o.id = r.id
             WHERE r.is_customer_meeting AND EXTRACT(YEAR FROM r.date)::int IN %(years)s
             GROUP BY 1
        """.format(meeting=MEETING_KEY.format(o="o")))

    def _measure_average_weekly_hours(self):
        # Raw SQL: hours per account manager and week he logged any; a week
        # without logged hours (leave, holidays) is no week of zero hours.
        return self._by_year("""
            SELECT EXTRACT(YEAR FROM date)::int,
                   ROUND((SUM(hours) / COUNT(DISTINCT (user_id, week)))::numeric, 1)
              FROM omnia_work_hours_report
             WHERE EXTRACT(YEAR FROM date)::int IN %(years)s
             GROUP BY 1
        """)

    def _measure_leads_handed_over(self):
        # Raw SQL: lost leads were handed over too, so archived ones count.
        return self._by_year("""
            SELECT EXTRACT(YEAR FROM handover_date)::int, COUNT(*)
              FROM crm_lead
             WHERE EXTRACT(YEAR FROM handover_date)::int IN %(years)s
             GROUP BY 1
        """)
