# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools

USER_GROUPS = [
    ("account_manager", "Account Manager"),
    ("team_lead", "Customer Team Lead"),
    ("management", "Management"),
]


class OmniaUsageReport(models.Model):
    """Usage follow-up (R24-R25): the main actions each member of the
    customer team did in the system, per ISO week, for the key user's
    half-yearly report. Every member has a row for the current week, so
    that those with no activity show too."""

    _name = "omnia.usage.report"
    _inherit = "omnia.model.mixin"
    _description = "System Usage"
    _auto = False
    _order = "week_start desc, user_id"
    _rec_name = "week"

    user_id = fields.Many2one("res.users", readonly=True)
    user_group = fields.Selection(USER_GROUPS, readonly=True)
    week_start = fields.Date(string="Week Starting", readonly=True)
    week = fields.Char(readonly=True, help="ISO year and week, e.g. 2026-W05.")
    events_logged = fields.Integer(string="Calendar Events Logged", readonly=True)
    leads_created = fields.Integer(readonly=True)
    leads_handed_over = fields.Integer(
        readonly=True, help="Leads the user recorded that an account manager took over.")
    feedback_recorded = fields.Integer(readonly=True)
    care_plan_updates = fields.Integer(
        readonly=True, help="Care plans created or changed (tracked fields).")
    care_plan_reviews = fields.Integer(readonly=True)
    messages_logged = fields.Integer(
        readonly=True, help="Messages and notes written on records.")
    total_actions = fields.Integer(readonly=True)
    logins = fields.Integer(
        readonly=True, help="Logins to the system (Odoo's user log), not counted "
                            "in the total of actions.")
    users_logged_in = fields.Integer(
        readonly=True, help="1 when the user logged in during the week: summed, the "
                            "users who logged in.")
    active_this_month = fields.Boolean(
        readonly=True, help="The user has done something in the system this month.")

    def _activity_sources(self):
        """{column: SQL of (user_id, ts) rows, one per action}."""
        return {
            # Events the user created; moving or cancelling an occurrence
            # of a recurring event makes a row of its own (recurrent_id),
            # which is no new event logged.
            "events_logged": """
                SELECT create_uid, create_date FROM calendar_event
                 WHERE COALESCE(recurrent_id, 0) = 0
            """,
            "leads_created": "SELECT create_uid, create_date FROM crm_lead",
            "leads_handed_over": """
                SELECT opened_by_id, handover_date::timestamp
                  FROM crm_lead WHERE handover_date IS NOT NULL
            """,
            "feedback_recorded": "SELECT create_uid, create_date FROM omnia_feedback",
            # A care plan's creation and each change of its tracked fields
            # leave one message with tracking values.
            "care_plan_updates": """
                SELECT u.id, m.date
                  FROM mail_message m
                  JOIN res_users u ON u.partner_id = m.author_id
                 WHERE m.model = 'omnia.care.plan' AND EXISTS (
                       SELECT 1 FROM mail_tracking_value tv WHERE tv.mail_message_id = m.id)
            """,
            "care_plan_reviews": "SELECT create_uid, create_date FROM omnia_care_plan_review",
            "messages_logged": """
                SELECT u.id, m.date
                  FROM mail_message m
                  JOIN res_users u ON u.partner_id = m.author_id
                 WHERE m.message_type = 'comment' AND m.model IS NOT NULL
                   AND m.model != 'mail.channel'
            """,
        }

    def _login_source(self):
        """SQL of (user_id, ts) rows, one per login: Odoo 11 writes one row
        of res.users.log per login (res.users._update_last_login), kept for
        the usage follow-up (ir.autovacuum)."""
        return "SELECT create_uid, create_date FROM res_users_log"

    def _with(self):
        sources = dict(self._activity_sources(), logins=self._login_source())
        activity = " UNION ALL ".join(
            "SELECT src.*, '%s' AS kind FROM (%s) AS src (user_id, ts)" % (column, query)
            for column, query in sources.items())
        counts = ", ".join("COUNT(*) FILTER (WHERE kind = '%s') AS %s" % (column, column)
                           for column in sources)
        zeros = ", ".join("0 AS %s" % column for column in sources)
        return """
            WITH staff AS (
                SELECT gu.uid AS user_id,
                       CASE WHEN bool_or(imd.name = 'group_management') THEN 'management'
                            WHEN bool_or(imd.name = 'group_team_lead') THEN 'team_lead'
                            ELSE 'account_manager' END AS user_group
                  FROM res_groups_users_rel gu
                  JOIN ir_model_data imd ON imd.res_id = gu.gid
                   AND imd.model = 'res.groups' AND imd.module = 'omnia_customer'
                   AND imd.name IN ('group_account_manager', 'group_team_lead',
                                    'group_management')
                 GROUP BY gu.uid
            ),
            activity AS (%s),
            weekly AS (
                SELECT user_id, date_trunc('week', ts)::date AS week_start, %s
                  FROM activity
                 WHERE user_id IN (SELECT user_id FROM staff)
                 GROUP BY 1, 2
                UNION ALL
                SELECT user_id, date_trunc('week', now() AT TIME ZONE 'UTC')::date, %s
                  FROM staff
            ),
            last_activity AS (
                SELECT user_id, MAX(ts) AS ts FROM activity
                 WHERE kind != 'logins' GROUP BY user_id
            )
        """ % (activity, counts, zeros)

    def _select(self):
        columns = list(self._activity_sources())
        return """
            -- an id that fits XML-RPC's 32-bit integers (users below 21 474,
            -- weeks of 2000-2099)
            SELECT w.user_id * 100000
                   + (to_char(w.week_start, 'IYYY')::int - 2000) * 100
                   + to_char(w.week_start, 'IW')::int AS id,
                   w.user_id, s.user_group, w.week_start,
                   to_char(w.week_start, 'IYYY-"W"IW') AS week,
                   %s,
                   %s AS total_actions,
                   SUM(w.logins) AS logins,
                   CASE WHEN SUM(w.logins) > 0 THEN 1 ELSE 0 END AS users_logged_in,
                   COALESCE(la.ts >= date_trunc('month', now() AT TIME ZONE 'UTC'), FALSE)
                       AS active_this_month
        """ % (", ".join("SUM(w.%s) AS %s" % (column, column) for column in columns),
               " + ".join("SUM(w.%s)" % column for column in columns))

    def _from(self):
        return """
              FROM weekly w
              JOIN staff s ON s.user_id = w.user_id
              LEFT JOIN last_activity la ON la.user_id = w.user_id
             GROUP BY w.user_id, s.user_group, w.week_start, la.ts
        """

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("CREATE VIEW %s AS (%s %s %s)" % (
            self._table, self._with(), self._select(), self._from()))

    @api.model
    def _create_demo_logins(self, schedule):
        """Demo data only: logins of the users of ``schedule`` ({user XML
        id: ISO weekdays, e.g. '135'}) every such day of the past year,
        in the morning."""
        user_ids = [self.env.ref(xmlid).id for xmlid in schedule]
        # Raw SQL: a login's user and time are the system's own (the ORM
        # stamps the current user and now); one statement for the year.
        self.env.cr.execute("""
            INSERT INTO res_users_log (create_uid, create_date, write_uid, write_date)
            SELECT u.uid, d + INTERVAL '6 hours 40 minutes', u.uid,
                   d + INTERVAL '6 hours 40 minutes'
              FROM unnest(%s::int[], %s::text[]) AS u (uid, days)
             CROSS JOIN generate_series(
                   date_trunc('day', now() AT TIME ZONE 'UTC') - INTERVAL '364 days',
                   date_trunc('day', now() AT TIME ZONE 'UTC') - INTERVAL '1 day',
                   INTERVAL '1 day') AS d
             WHERE position(extract(isodow FROM d)::text IN u.days) > 0
        """, (user_ids, list(schedule.values())))
        return True
