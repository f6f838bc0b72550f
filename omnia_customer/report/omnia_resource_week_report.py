# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools

from ..models.omnia_resource_allocation import DEFAULT_THRESHOLD, PARAM_THRESHOLD
from ..models.rules import COUNTED_HOURS_JOIN, COUNTED_HOURS_WHERE


class OmniaResourceWeekReport(models.Model):
    """Each account manager's logged hours against his allocation: one row
    per account manager and ISO week in which he had an allocation, from the
    week of its start up to the current week.

    The allocated hours of a week are the allocation's hours a week times
    the share of the week's working days (Monday to Friday) it covers, summed
    over his allocations: a period that starts or ends mid-week gives that
    week its share. The logged hours are the week's hours of the weekly
    hours report (its source: the occurrences that count as work), the
    whole week. A completed week whose logged hours are under the threshold
    of Settings (per cent of the allocation) is under the threshold; the
    current week is not judged before it ends.
    """

    _name = "omnia.resource.week.report"
    _inherit = "omnia.report.mixin"
    _description = "Work Time Allocation by Week"
    _auto = False
    _order = "week_start desc, user_id"
    _rec_name = "week"

    user_id = fields.Many2one(
        comodel_name="res.users", string="Account Manager", readonly=True)
    week = fields.Char(readonly=True, help="ISO year and week, e.g. 2026-W05.")
    week_start = fields.Date(readonly=True)
    allocated_hours = fields.Float(readonly=True, group_operator="sum")
    logged_hours = fields.Float(readonly=True, group_operator="sum")
    difference = fields.Float(
        readonly=True, group_operator="sum",
        help="Logged hours less allocated hours.")
    utilisation = fields.Float(
        string="Utilisation (%)", readonly=True, group_operator="avg",
        help="Logged hours in per cent of the allocated hours.")
    under_threshold = fields.Boolean(
        readonly=True,
        help="A completed week whose logged hours are under the threshold "
             "of Settings.")

    def _select(self):
        return """
            SELECT
                ROW_NUMBER() OVER (ORDER BY a.user_id, a.week_start) AS id,
                a.user_id,
                to_char(a.week_start, 'IYYY-"W"IW') AS week,
                a.week_start,
                a.allocated_hours,
                COALESCE(l.hours, 0.0) AS logged_hours,
                COALESCE(l.hours, 0.0) - a.allocated_hours AS difference,
                ROUND((100.0 * COALESCE(l.hours, 0.0)
                       / a.allocated_hours)::numeric, 1)::float AS utilisation,
                (a.week_start + 7 <= CURRENT_DATE
                 AND COALESCE(l.hours, 0.0) < a.allocated_hours * (
                     SELECT COALESCE(MAX(value)::float, {default})
                       FROM ir_config_parameter WHERE key = '{param}') / 100.0
                ) AS under_threshold
        """.format(default=float(DEFAULT_THRESHOLD), param=PARAM_THRESHOLD)

    def _from(self):
        # Each allocation's weeks up to the current one (generate_series of
        # Mondays), with the working days of the week it covers; the hours
        # of each account manager and week in one grouped look-up on the
        # occurrences' date index.
        return """
            FROM (
                SELECT ra.user_id, w.week_start::date AS week_start,
                       SUM(ra.hours_per_week * (
                           SELECT COUNT(*) FROM generate_series(
                               GREATEST(w.week_start::date, ra.date_from),
                               LEAST(w.week_start::date + 4,
                                     COALESCE(ra.date_to, w.week_start::date + 4)),
                               INTERVAL '1 day') AS d
                       ) / 5.0)::float AS allocated_hours
                  FROM omnia_resource_allocation ra
                 CROSS JOIN LATERAL generate_series(
                       date_trunc('week', ra.date_from)::date,
                       LEAST(COALESCE(ra.date_to, CURRENT_DATE), CURRENT_DATE),
                       INTERVAL '7 days') AS w(week_start)
                 GROUP BY ra.user_id, w.week_start
            ) AS a
            LEFT JOIN LATERAL (
                SELECT SUM(o.hours) AS hours
                  FROM omnia_event_occurrence o
                  {counted}
                 WHERE o.user_id = a.user_id
                   AND o.date >= a.week_start AND o.date < a.week_start + 7
                   AND {counted_where}
            ) AS l ON TRUE
        """.format(counted=COUNTED_HOURS_JOIN.format(o="o"),
                   counted_where=COUNTED_HOURS_WHERE)

    def _where(self):
        return "WHERE a.allocated_hours > 0"

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("CREATE VIEW %s AS (%s %s %s)" % (
            self._table, self._select(), self._from(), self._where()))
