# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools

from ..models.omnia_target import PERIOD_TYPES, STATES


class OmniaTargetReport(models.Model):
    """Targets against their live actuals, one row per target, for the pivot
    and graph of account managers × periods. The actuals are the same SQL as
    the target form's, so both always agree."""

    _name = "omnia.target.report"
    _inherit = "omnia.model.mixin"
    _description = "Targets and Actuals"
    _auto = False
    _order = "date_from desc"

    target_id = fields.Many2one("omnia.target", readonly=True)
    user_id = fields.Many2one("res.users", string="Account Manager", readonly=True)
    team_id = fields.Many2one("crm.team", readonly=True)
    period_type = fields.Selection(PERIOD_TYPES, string="Period", readonly=True)
    date_from = fields.Date(string="Start Date", readonly=True)
    date_to = fields.Date(string="End Date", readonly=True)
    state = fields.Selection(STATES, readonly=True)
    target_new_customers = fields.Integer(readonly=True)
    target_repeat_customers = fields.Integer(readonly=True)
    target_repeat_purchases = fields.Integer(readonly=True)
    target_meetings = fields.Integer(string="Target Customer Meetings", readonly=True)
    target_revenue = fields.Float(string="Target Revenue (EUR)", readonly=True)
    actual_new_customers = fields.Integer(string="New Customers", readonly=True)
    actual_repeat_customers = fields.Integer(string="Repeat Customers", readonly=True)
    actual_repeat_purchases = fields.Integer(string="Repeat Purchases", readonly=True)
    actual_meetings = fields.Integer(string="Customer Meetings", readonly=True)
    actual_revenue = fields.Float(string="Revenue (EUR)", readonly=True)

    def _measure_joins(self):
        """(select columns, joins) of the actuals, one join per measure."""
        queries = self.env["omnia.target"]._measure_queries()
        joins, columns = [], []
        for name in ("actual_new_customers", "actual_repeat_customers",
                     "actual_repeat_purchases", "actual_meetings", "actual_revenue"):
            if name in queries:
                joins.append("LEFT JOIN (%s) AS %s (target_id, value) ON %s.target_id = t.id"
                             % (queries[name], name, name))
                columns.append("COALESCE(%s.value, 0) AS %s" % (name, name))
            else:
                columns.append("0 AS %s" % name)
        return ",\n".join(columns), "\n".join(joins)

    def _select(self):
        return """
            SELECT t.id, t.id AS target_id, t.user_id, t.team_id,
                   t.period_type, t.date_from, t.date_to, t.state,
                   t.target_new_customers, t.target_repeat_customers,
                   t.target_repeat_purchases,
                   t.target_meetings, t.target_revenue,
                   %s
        """ % self._measure_joins()[0]

    def _from(self):
        return "FROM omnia_target t %s" % self._measure_joins()[1]

    @api.model_cr
    def init(self):
        # Created after the weekly hours report it reads (report/__init__.py
        # imports that one first): dropping that view drops this one.
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("CREATE VIEW %s AS (%s %s)" % (
            self._table, self._select(), self._from()))
