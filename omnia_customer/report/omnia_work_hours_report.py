# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools

from ..models.rules import COUNTED_HOURS_JOIN, COUNTED_HOURS_WHERE


class OmniaWorkHoursReport(models.Model):
    """Weekly hours of the account managers, from their calendar: one row
    per account manager × event occurrence.

    An event counts for its organiser and for each attendee who is a user,
    when they are in the Account Manager group (team leads are account
    managers too), once per occurrence stored in omnia.event.occurrence (see
    there why a table).
    Events of a work type that does not count as work are left out. The
    customer, segment and event of a private event are not shown (its hours
    are), whoever looks at the report; nor is its project (its hours do not
    count for the project).
    """

    _name = "omnia.work.hours.report"
    _inherit = "omnia.report.mixin"
    _description = "Weekly Hours Report"
    _auto = False
    _order = "date desc, user_id"
    _rec_name = "date"

    user_id = fields.Many2one(
        comodel_name="res.users", string="Account Manager", readonly=True)
    date = fields.Date(readonly=True)
    week = fields.Char(readonly=True, help="ISO year and week, e.g. 2026-W05.")
    event_id = fields.Many2one(
        comodel_name="calendar.event", readonly=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Customer", readonly=True)
    segment_id = fields.Many2one(
        comodel_name="omnia.segment", string="Segment Class", readonly=True)
    work_type_id = fields.Many2one(
        comodel_name="omnia.work.type", readonly=True)
    is_customer_meeting = fields.Boolean(string="Customer Meeting", readonly=True)
    cluster_id = fields.Many2one(
        comodel_name="omnia.cluster", readonly=True)
    project_id = fields.Many2one(
        comodel_name="omnia.project", readonly=True)
    is_private = fields.Boolean(string="Private", readonly=True)
    hours = fields.Float(readonly=True, group_operator="sum")

    def _select(self):
        # The event, its customer, segment and project of a private event
        # are not shown, whoever looks at the report; its hours are.
        return """
            SELECT
                o.id,
                o.user_id,
                o.date,
                o.week,
                CASE WHEN e.privacy = 'private' THEN NULL ELSE e.id END AS event_id,
                CASE WHEN e.privacy = 'private' THEN NULL ELSE e.omnia_partner_id END
                    AS partner_id,
                CASE WHEN e.privacy = 'private' THEN NULL ELSE cp.segment_id END
                    AS segment_id,
                o.work_type_id,
                COALESCE(wt.is_customer_meeting, FALSE) AS is_customer_meeting,
                e.cluster_id,
                pe.project_id,
                COALESCE(e.privacy = 'private', FALSE) AS is_private,
                o.hours
        """

    def _from(self):
        # Only the occurrence rows, the account manager group and the work
        # type are needed for hours per week and account manager;
        # calendar_event and the customer are LEFT JOINed on their primary
        # key, so PostgreSQL leaves them out of queries that do not use
        # their columns. The project comes from a join of its own that
        # leaves out private events: a filter on the plain column lets
        # PostgreSQL read the projects' events first (by their index)
        # instead of every occurrence of the period.
        return """
            FROM omnia_event_occurrence o
            {counted}
            LEFT JOIN calendar_event e ON e.id = o.event_id
            LEFT JOIN res_partner cp ON cp.id = e.omnia_partner_id
            LEFT JOIN calendar_event pe
                   ON pe.id = o.event_id AND pe.privacy IS DISTINCT FROM 'private'
        """.format(counted=COUNTED_HOURS_JOIN.format(o="o"))

    def _where(self):
        return "WHERE %s" % COUNTED_HOURS_WHERE

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("CREATE VIEW %s AS (%s %s %s)" % (
            self._table, self._select(), self._from(), self._where()))
