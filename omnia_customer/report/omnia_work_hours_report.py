# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools

from ..models.calendar_event import ALLDAY_HOURS_DEFAULT, ALLDAY_HOURS_PARAM


class OmniaWorkHoursReport(models.Model):
    """Weekly hours of the account managers, from their calendar: one row
    per account manager × event occurrence.

    An event counts for its organiser and for each attendee who is a user in
    the Account Manager group (team leads are account managers too), once
    per occurrence stored in omnia.event.occurrence (see there why a table).
    Events of a work type that does not count as work are left out. The
    customer, segment and event of a private event are not shown (its hours
    are), whoever looks at the report.
    """

    _name = "omnia.work.hours.report"
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
    is_private = fields.Boolean(string="Private", readonly=True)
    hours = fields.Float(readonly=True, group_operator="sum")

    def _select_rows(self, participant_join):
        # `customer_id` is the unmasked customer, for the customer's own
        # figures (hours this year); it is not a field of the model.
        return """
            SELECT
                o.id::bigint * 2097152 + am.user_id AS id,
                am.user_id,
                o.date,
                o.week,
                CASE WHEN e.privacy = 'private' THEN NULL ELSE e.id END AS event_id,
                CASE WHEN e.privacy = 'private' THEN NULL ELSE e.omnia_partner_id END
                    AS partner_id,
                CASE WHEN e.privacy = 'private' THEN NULL ELSE cp.segment_id END
                    AS segment_id,
                e.work_type_id,
                COALESCE(wt.is_customer_meeting, FALSE) AS is_customer_meeting,
                e.cluster_id,
                COALESCE(e.privacy = 'private', FALSE) AS is_private,
                CASE WHEN o.allday THEN COALESCE((
                    SELECT NULLIF(value, '')::float
                    FROM ir_config_parameter WHERE key = '%(param)s'
                ), %(allday)s) ELSE o.hours END AS hours,
                e.omnia_partner_id AS customer_id
            FROM omnia_event_occurrence o
            JOIN calendar_event e ON e.id = o.event_id
            %(participant_join)s
            LEFT JOIN omnia_work_type wt ON wt.id = e.work_type_id
            LEFT JOIN res_partner cp ON cp.id = e.omnia_partner_id
            WHERE e.active AND wt.counts_as_work IS NOT FALSE
        """ % {
            "allday": float(ALLDAY_HOURS_DEFAULT),
            "param": ALLDAY_HOURS_PARAM,
            "participant_join": participant_join,
        }

    @api.model_cr
    def init(self):
        # The account managers: members of the group (implied groups are
        # stored on the user too).
        account_managers = """
            SELECT gu.uid FROM res_groups_users_rel gu
            JOIN ir_model_data imd ON imd.res_id = gu.gid
                AND imd.model = 'res.groups' AND imd.module = 'omnia_customer'
                AND imd.name = 'group_account_manager'
        """
        # Two branches instead of a UNION of participants, so that PostgreSQL
        # pushes the date filter into both: the organiser, then the attendees
        # who are not the organiser.
        organiser = """
            JOIN (%s) AS am(user_id) ON am.user_id = e.user_id
        """ % account_managers
        attendees = """
            JOIN calendar_event_res_partner_rel rel ON rel.calendar_event_id = e.id
            JOIN res_users au ON au.partner_id = rel.res_partner_id
                AND au.id IS DISTINCT FROM e.user_id
            JOIN (%s) AS am(user_id) ON am.user_id = au.id
        """ % account_managers
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("CREATE VIEW %s AS (%s UNION ALL %s)" % (
            self._table, self._select_rows(organiser), self._select_rows(attendees)))
