# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The care model acts: the activities that the segment classes' care model
asks of the account managers and the team lead, kept by the nightly job and
by the writes that change them."""
import logging
from datetime import date

from odoo import SUPERUSER_ID, api, fields, models

from .mail_activity import (
    KIND_ESCALATION, KIND_FORUM, KIND_MEETING, KIND_PLAN_MISSING, KIND_REVIEW,
    KIND_REVIEW_LEAD)
from .rules import omnia_today

_logger = logging.getLogger(__name__)

# Settings (system parameters) of the care model, with their defaults.
PARAM_MEETING_LEAD_DAYS = "omnia_customer.default_meeting_lead_days"
PARAM_REVIEW_LEAD_DAYS = "omnia_customer.default_review_lead_days"
PARAM_ESCALATION_DAYS = "omnia_customer.meeting_escalation_days"
DEFAULT_MEETING_LEAD_DAYS = 14
DEFAULT_REVIEW_LEAD_DAYS = 30
DEFAULT_ESCALATION_DAYS = 14

# The activity type of each kind, by XML id in this addon.
KIND_TYPES = {
    KIND_MEETING: "mail_activity_type_customer_meeting",
    KIND_ESCALATION: "mail_activity_type_meeting_escalation",
    KIND_PLAN_MISSING: "mail_activity_type_care_plan_missing",
    KIND_REVIEW: "mail_activity_type_care_plan_review",
    KIND_REVIEW_LEAD: "mail_activity_type_care_plan_review",
    KIND_FORUM: "mail_activity_type_forum_due",
}

# Student forums (R22): two a semester per qualification. The autumn
# semester runs from August 1 to December 31, the spring semester from
# January 1 to July 31; by each checkpoint of the semester, that many forums
# must be held (or planned) since the semester began.
FORUM_CHECKPOINTS = {
    "autumn": ((8, 1), [((10, 15), 1), ((12, 15), 2)]),
    "spring": ((1, 1), [((3, 15), 1), ((5, 31), 2)]),
}

# The activities that should be open, one row per record and kind, for the
# customer companies that {scope} selects (alias p):
# - meeting: a customer with a segment class and its account manager, whose
#   next meeting is due (the last customer meeting held, or the day the
#   customer got its class, plus the class's meeting interval) within the
#   class's lead time, and who has no customer meeting planned;
# - escalation: the same customer, its due date passed by the escalation
#   delay: for the team lead of its account manager;
# - plan_missing: a customer of a key-account class without an active care
#   plan, for its account manager, due from the day it got the class;
# - review, review_lead: an active care plan whose next review is within the
#   lead time of its class (or of Settings), for the plan's account manager
#   and his team lead.
# The team lead of an account manager is the leader of his sales team when
# that leader is a team lead, or else the first team lead.
# A customer meeting is an occurrence of an event of a work type marked as a
# customer meeting, on its local date (as res.partner's meeting figures).
# - forum: an active qualification with student forums and an active
#   industry manager, fewer of whose forums are dated from the semester's
#   start to a checkpoint than the checkpoint asks: for the industry
#   manager, due on the first such checkpoint (FORUM_CHECKPOINTS).
DESIRED_CTE = """
    team_lead_group AS (
        SELECT res_id AS id FROM ir_model_data
         WHERE module = 'omnia_customer' AND name = 'group_team_lead'
           AND model = 'res.groups'
    ), team_leads AS (
        SELECT g.uid AS id
          FROM res_groups_users_rel g
          JOIN team_lead_group tlg ON tlg.id = g.gid
          JOIN res_users u ON u.id = g.uid AND u.active AND NOT COALESCE(u.share, FALSE)
         WHERE u.id != %(superuser)s
    ), fallback_lead AS (
        SELECT MIN(id) AS id FROM team_leads
    ), lead_of AS (
        SELECT u.id AS user_id, COALESCE(
                   (SELECT tl.id FROM team_leads tl WHERE tl.id = t.user_id),
                   (SELECT id FROM fallback_lead)) AS lead_id
          FROM res_users u
          LEFT JOIN crm_team t ON t.id = u.sale_team_id
    ), meetings AS (
        SELECT e.omnia_partner_id AS partner_id,
               MAX(o.date) FILTER (WHERE o.start <= %(now)s) AS last_date,
               BOOL_OR(o.start > %(now)s) AS planned
          FROM calendar_event e
          JOIN omnia_work_type wt ON wt.id = e.work_type_id AND wt.is_customer_meeting
          JOIN omnia_event_occurrence o ON o.event_id = e.id
         WHERE e.active AND e.omnia_partner_id IS NOT NULL AND {event_scope}
         GROUP BY e.omnia_partner_id
    ), customers AS (
        SELECT p.id, p.name, p.user_id, s.is_key_account, p.segment_date,
               COALESCE(m.planned, FALSE) AS planned, s.meeting_lead_days,
               COALESCE(m.last_date, p.segment_date) + s.meeting_interval_days AS due
          FROM res_partner p
          JOIN omnia_segment s ON s.id = p.segment_id
          LEFT JOIN meetings m ON m.partner_id = p.id
         WHERE p.active AND p.is_company AND p.id = p.commercial_partner_id
           AND {scope}
    ), plans AS (
        SELECT cp.id, cp.name, cp.account_manager_id AS user_id, cp.next_review_date AS due
          FROM omnia_care_plan cp
          JOIN res_partner p ON p.id = cp.partner_id AND p.active
          LEFT JOIN omnia_segment s ON s.id = cp.segment_id
         WHERE cp.state = 'active' AND {scope}
           AND cp.next_review_date - COALESCE(s.review_lead_days, %(review_lead)s)
               <= %(today)s::date
    ), desired AS (
        SELECT 'res.partner'::varchar AS res_model, c.id AS res_id, c.name AS res_name,
               'meeting'::varchar AS kind, c.user_id, c.due AS date_deadline
          FROM customers c
         WHERE c.user_id IS NOT NULL AND NOT c.planned
           AND c.due - c.meeting_lead_days <= %(today)s::date
        UNION ALL
        SELECT 'res.partner', c.id, c.name, 'escalation', l.lead_id,
               c.due + %(escalation)s
          FROM customers c
          JOIN lead_of l ON l.user_id = c.user_id
         WHERE NOT c.planned AND l.lead_id IS NOT NULL
           AND c.due + %(escalation)s <= %(today)s::date
        UNION ALL
        SELECT 'res.partner', c.id, c.name, 'plan_missing', c.user_id,
               COALESCE(c.segment_date, %(today)s::date)
          FROM customers c
         WHERE c.is_key_account AND c.user_id IS NOT NULL AND NOT EXISTS (
                   SELECT 1 FROM omnia_care_plan cp
                    WHERE cp.partner_id = c.id AND cp.state = 'active')
        UNION ALL
        SELECT 'omnia.care.plan', pl.id, pl.name, 'review', pl.user_id, pl.due
          FROM plans pl
         WHERE pl.user_id IS NOT NULL
        UNION ALL
        SELECT 'omnia.care.plan', pl.id, pl.name, 'review_lead', l.lead_id, pl.due
          FROM plans pl
          JOIN lead_of l ON l.user_id = pl.user_id
         WHERE l.lead_id IS NOT NULL
        UNION ALL
        SELECT 'omnia.qualification', q.id, q.name, 'forum', q.manager_id,
               CASE WHEN f.first < 1 THEN %(forum_first)s::date
                    ELSE %(forum_second)s::date END
          FROM omnia_qualification q
          JOIN res_users u ON u.id = q.manager_id AND u.active
          LEFT JOIN LATERAL (
              SELECT COUNT(*) FILTER (WHERE m.date <= %(forum_first)s::date) AS first,
                     COUNT(*) AS second
                FROM omnia_feedback_meeting m
               WHERE m.qualification_id = q.id AND m.type = 'student_forum'
                 AND m.date BETWEEN %(forum_start)s::date AND %(forum_second)s::date
          ) f ON TRUE
         WHERE q.active AND q.has_forums AND {forum_scope}
           AND (f.first < 1 OR f.second < 2)
    ), typed AS (
        SELECT d.*, md.res_id AS activity_type_id, im.id AS res_model_id
          FROM desired d
          JOIN (VALUES {kind_types}) k(kind, xmlid) ON k.kind = d.kind
          JOIN ir_model_data md ON md.module = 'omnia_customer' AND md.name = k.xmlid
                               AND md.model = 'mail.activity.type'
          JOIN ir_model im ON im.model = d.res_model
    )
"""

# One statement: the stale activities of the scope deleted, the wrong ones
# re-dated or reassigned, the missing ones inserted (a concurrent run's row
# wins: ON CONFLICT on the unique index of mail.activity), the counts
# returned.
SYNC_SQL = """
    WITH {desired}, deleted AS (
        DELETE FROM mail_activity a
         WHERE a.omnia_care_kind IS NOT NULL AND {activity_scope}
           AND NOT EXISTS (
               SELECT 1 FROM typed t
                WHERE t.res_model = a.res_model AND t.res_id = a.res_id
                  AND t.kind = a.omnia_care_kind)
        RETURNING a.id
    ), updated AS (
        UPDATE mail_activity a
           SET user_id = t.user_id, date_deadline = t.date_deadline,
               activity_type_id = t.activity_type_id, res_model_id = t.res_model_id,
               res_name = t.res_name, write_uid = %(uid)s, write_date = %(now)s
          FROM typed t
         WHERE t.res_model = a.res_model AND t.res_id = a.res_id
           AND t.kind = a.omnia_care_kind
           AND (a.user_id IS DISTINCT FROM t.user_id
                OR a.date_deadline IS DISTINCT FROM t.date_deadline
                OR a.activity_type_id IS DISTINCT FROM t.activity_type_id
                OR a.res_name IS DISTINCT FROM t.res_name)
        RETURNING a.id
    ), inserted AS (
        INSERT INTO mail_activity
            (res_model_id, res_model, res_id, res_name, activity_type_id,
             user_id, date_deadline, omnia_care_kind,
             create_uid, create_date, write_uid, write_date)
        SELECT t.res_model_id, t.res_model, t.res_id, t.res_name, t.activity_type_id,
               t.user_id, t.date_deadline, t.kind,
               %(uid)s, %(now)s, %(uid)s, %(now)s
          FROM typed t
         WHERE NOT EXISTS (
               SELECT 1 FROM mail_activity a
                WHERE a.res_model = t.res_model AND a.res_id = t.res_id
                  AND a.omnia_care_kind = t.kind)
        ON CONFLICT (res_model, res_id, omnia_care_kind)
            WHERE omnia_care_kind IS NOT NULL DO NOTHING
        RETURNING id
    )
    SELECT (SELECT COUNT(*) FROM deleted), (SELECT COUNT(*) FROM updated),
           (SELECT COUNT(*) FROM inserted)
"""

_KIND_TYPES_VALUES = ", ".join(
    "('%s', '%s')" % (kind, xmlid) for kind, xmlid in sorted(KIND_TYPES.items()))

# For all customers and qualifications, for the customers of
# %(partner_ids)s (an array), or for the qualifications of
# %(qualification_ids)s.
_ALL = dict(scope="TRUE", event_scope="TRUE", activity_scope="TRUE",
            forum_scope="TRUE")
_FORUMS = dict(
    scope="FALSE", event_scope="FALSE",
    forum_scope="q.id = ANY(%(qualification_ids)s)",
    activity_scope="""(a.res_model = 'omnia.qualification'
                       AND a.res_id = ANY(%(qualification_ids)s))""",
)
_SOME = dict(
    forum_scope="FALSE",
    scope="p.id = ANY(%(partner_ids)s)",
    event_scope="e.omnia_partner_id = ANY(%(partner_ids)s)",
    activity_scope="""(
        (a.res_model = 'res.partner' AND a.res_id = ANY(%(partner_ids)s))
        OR (a.res_model = 'omnia.care.plan' AND a.res_id IN (
            SELECT id FROM omnia_care_plan WHERE partner_id = ANY(%(partner_ids)s))))""",
)
SYNC_ALL_SQL = SYNC_SQL.format(
    desired=DESIRED_CTE.format(kind_types=_KIND_TYPES_VALUES, **_ALL), **_ALL)
SYNC_SOME_SQL = SYNC_SQL.format(
    desired=DESIRED_CTE.format(kind_types=_KIND_TYPES_VALUES, **_SOME), **_SOME)
SYNC_FORUMS_SQL = SYNC_SQL.format(
    desired=DESIRED_CTE.format(kind_types=_KIND_TYPES_VALUES, **_FORUMS), **_FORUMS)
# The activities that should be open, for a reference or a report.
DESIRED_ALL_SQL = "WITH {desired} SELECT * FROM typed".format(
    desired=DESIRED_CTE.format(kind_types=_KIND_TYPES_VALUES, **_ALL))

# The fields of the records that show activities, read again after a sync.
ACTIVITY_FIELDS = [
    "activity_ids", "activity_state", "activity_date_deadline",
    "activity_summary", "activity_type_id", "activity_user_id",
]


def forum_dates(today):
    """The start of ``today``'s semester and its two forum checkpoints, as
    the parameters of the sync statement."""
    (start, checkpoints) = FORUM_CHECKPOINTS[
        "autumn" if today.month >= 8 else "spring"]
    first, second = (point for point, _count in checkpoints)
    return {
        "forum_start": date(today.year, *start),
        "forum_first": date(today.year, *first),
        "forum_second": date(today.year, *second),
    }


class OmniaCareActivity(models.AbstractModel):
    """The care model's activities (mail.activity, one type per kind): for
    each customer and kind, exactly one open activity while one is due and
    none otherwise.

    Set-based: one SQL statement computes the activities that should be
    open and deletes, updates and inserts the difference, for all customers
    (the nightly job) or for the customers a write changed (a segment class
    or its care model, a customer meeting logged, a care plan or its
    review). Raw SQL because the nightly run covers every customer in a
    constant number of queries, where the ORM would read and write each
    activity (and notify and subscribe its user, which a nightly reminder
    must not do). An activity is created without a summary, so that each
    user reads it under its type's name in his own language.

    Closing is a deletion: an activity whose work is done (the meeting
    logged, the review recorded, the plan made) or which no longer applies
    (customer archived, class changed) is removed without a "done" message;
    the event, the review or the plan is itself the record of the work.

    Idempotent; concurrent runs never make a duplicate (the unique index of
    mail.activity on record and kind: the later run's insert waits for the
    earlier one and inserts nothing, or fails to serialize and is retried
    by Odoo).
    """

    _name = "omnia.care.activity"
    _description = "Care Model Activities"

    @api.model
    def _params(self):
        """The parameters of the sync statement."""
        # sudo: the care model's settings are system parameters, read by
        # whoever's write triggers a sync.
        get_param = self.env["ir.config_parameter"].sudo().get_param
        params = {
            "today": omnia_today(self),
            "now": fields.Datetime.now(),
            "uid": self.env.uid,
            "superuser": SUPERUSER_ID,
            "review_lead": int(get_param(PARAM_REVIEW_LEAD_DAYS, DEFAULT_REVIEW_LEAD_DAYS)),
            "escalation": int(get_param(PARAM_ESCALATION_DAYS, DEFAULT_ESCALATION_DAYS)),
        }
        params.update(forum_dates(fields.Date.from_string(params["today"])))
        return params

    @api.model
    def _sync(self, partner_ids=None):
        """Bring the care model's activities of these customer companies
        (ids; None: all customers) up to date.

        :return: (deleted, updated, inserted) counts
        """
        params = self._params()
        if partner_ids is None:
            sql = SYNC_ALL_SQL
        else:
            partner_ids = sorted({int(pid) for pid in partner_ids if pid})
            if not partner_ids:
                return (0, 0, 0)
            sql = SYNC_SOME_SQL
            params["partner_ids"] = partner_ids
        # Raw SQL: see the class docstring.
        self.env.cr.execute(sql, params)
        counts = self.env.cr.fetchone()
        if any(counts):
            self.env["mail.activity"].invalidate_cache()
            self.env["res.partner"].invalidate_cache(fnames=ACTIVITY_FIELDS)
            self.env["omnia.care.plan"].invalidate_cache(fnames=ACTIVITY_FIELDS)
            self.env["omnia.qualification"].invalidate_cache(fnames=ACTIVITY_FIELDS)
        return counts

    @api.model
    def _sync_forums(self, qualifications):
        """Bring the forum activities of these qualifications (a recordset)
        up to date.

        :return: (deleted, updated, inserted) counts
        """
        if not qualifications:
            return (0, 0, 0)
        params = dict(self._params(), qualification_ids=sorted(qualifications.ids))
        # Raw SQL: the care model's statement, for these qualifications only.
        self.env.cr.execute(SYNC_FORUMS_SQL, params)
        counts = self.env.cr.fetchone()
        if any(counts):
            self.env["mail.activity"].invalidate_cache()
            self.env["omnia.qualification"].invalidate_cache(fnames=ACTIVITY_FIELDS)
        return counts

    @api.model
    def _sync_partners(self, partners):
        """Sync the commercial companies of these partners (a recordset)."""
        # Raw SQL: the companies of the partners, without reading them.
        if not partners:
            return (0, 0, 0)
        self.env.cr.execute(
            "SELECT DISTINCT commercial_partner_id FROM res_partner WHERE id = ANY(%s)",
            (list(partners.ids),))
        return self._sync([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def _cron_sync(self):
        """Nightly: the care model's activities of every customer."""
        deleted, updated, inserted = self._sync()
        _logger.info("Care model activities: %d closed, %d re-dated, %d created",
                     deleted, updated, inserted)
        return True
