# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.tools import frozendict, split_every

from .rules import COUNTED_HOURS_JOIN, COUNTED_HOURS_WHERE, MEETING_KEY

# Occurrences of a recurring event are stored up to this many days (ten
# years) after today or its start, whichever is later. A recurrence may not
# go on longer (calendar.event's _check_size), so all of its occurrences are
# stored, as the calendar lists them; the monthly job completes the series
# stored with a shorter horizon by earlier releases.
HORIZON_DAYS = 3653


# Fields of calendar.event whose change moves, adds or removes occurrences.
OCCURRENCE_FIELDS = {
    "start", "stop", "start_date", "start_datetime", "stop_date",
    "stop_datetime", "allday", "duration", "active", "user_id",
    "recurrency", "rrule", "rrule_type", "end_type", "interval", "count",
    "final_date", "mo", "tu", "we", "th", "fr", "sa", "su", "month_by",
    "day", "week_list", "byday", "recurrent_id", "recurrent_id_date",
    "work_type_id", "partner_ids",
}

# Rows of one event, for each participant (the organiser and the users among
# the attendees): non-all-day events give one row on the local date of their
# start (in the organiser's time zone) with their duration; all-day events
# give one row per day they cover, with the hours of an all-day event from
# Settings (rewritten when the setting changes). `src` is (event_id, start,
# stop, allday, tz, user_id, work_type_id), user_id being the organiser.
_INSERT_SQL = """
    INSERT INTO omnia_event_occurrence
        (event_id, start, stop, date, week, allday, hours, user_id, work_type_id)
    SELECT occ.event_id, occ.start, occ.stop, occ.day,
           to_char(occ.day, 'IYYY-"W"IW'), occ.allday, occ.hours,
           part.user_id, occ.work_type_id
    FROM (
        SELECT src.event_id, src.start, src.stop, src.user_id, src.work_type_id,
               (src.start AT TIME ZONE 'UTC' AT TIME ZONE src.tz)::date AS day,
               FALSE AS allday,
               EXTRACT(EPOCH FROM src.stop - src.start) / 3600.0 AS hours
        FROM ({src}) AS src
        WHERE NOT src.allday
        UNION ALL
        SELECT src.event_id, d.day, d.day + INTERVAL '1 day',
               src.user_id, src.work_type_id, d.day::date, TRUE,
               %(allday_hours)s::float
        FROM ({src}) AS src,
             generate_series(src.start::date, src.stop::date,
                             INTERVAL '1 day') AS d(day)
        WHERE src.allday
    ) AS occ
    LEFT JOIN LATERAL (
        SELECT occ.user_id AS user_id WHERE occ.user_id IS NOT NULL
        UNION
        SELECT u.id FROM calendar_event_res_partner_rel rel
        JOIN res_users u ON u.partner_id = rel.res_partner_id
        WHERE rel.calendar_event_id = occ.event_id
    ) AS part ON TRUE
"""

# The active non-recurring events that `where` selects.
_EVENT_SRC = """
    SELECT e.id AS event_id, e.start, e.stop, COALESCE(e.allday, FALSE) AS allday,
           COALESCE(p.tz, 'UTC') AS tz, e.user_id, e.work_type_id
    FROM calendar_event e
    LEFT JOIN res_users u ON u.id = e.user_id
    LEFT JOIN res_partner p ON p.id = u.partner_id
    WHERE {where} AND e.active
      AND NOT (COALESCE(e.recurrency, FALSE) AND COALESCE(e.rrule, '') != '')
"""
_SINGLE_SRC = _EVENT_SRC.format(where="e.id IN %(ids)s")
_ALL_SRC = _EVENT_SRC.format(where="TRUE")

# Recurring events expanded together by _rebuild_all (their records, rules
# and detached occurrences held in memory at once).
REBUILD_BATCH_SIZE = 5000

_EXPANDED_SRC = """
    SELECT * FROM unnest(%(event_ids)s::integer[], %(starts)s::timestamp[],
                         %(stops)s::timestamp[], %(alldays)s::boolean[],
                         %(tzs)s::varchar[], %(user_ids)s::integer[],
                         %(work_type_ids)s::integer[])
        AS v(event_id, start, stop, allday, tz, user_id, work_type_id)
"""


class OmniaEventOccurrence(models.Model):
    """One occurrence of a calendar event for one of its participants, as the
    weekly hours report counts it.

    Why a table kept in step with the events rather than an SQL view over
    calendar_event: Odoo 11 stores a recurring event as one row plus an RRULE
    (weekdays, "second Tuesday of the month", counts, end dates, local times
    across daylight saving) and its detached or deleted occurrences as other
    rows pointing back to it; an SQL view would have to re-implement
    dateutil's rrule, and expanding in Python when reading means a loop over
    events at every report. So occurrences are expanded once, when an event's
    dates or recurrence change, by Odoo's own expansion
    (`_get_recurrent_dates_by_event`), single events with one INSERT … SELECT
    for the whole batch; the report is then a plain SQL view that PostgreSQL
    aggregates with an index on the date; a row per participant spares the
    report a join with the attendees, the largest table. Other writes on
    events (subject, customer, description…) do not touch this table.
    """

    _name = "omnia.event.occurrence"
    _inherit = "omnia.model.mixin"
    _description = "Calendar Event Occurrence"
    _order = "start, id"
    _log_access = False

    # auto_join: the record rule reads the event's privacy in the same query
    # (calendar.event's search would answer with virtual ids).
    event_id = fields.Many2one(
        comodel_name="calendar.event",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
        auto_join=True,
    )
    start = fields.Datetime(required=True, readonly=True)
    stop = fields.Datetime(readonly=True)
    date = fields.Date(index=True, readonly=True)
    week = fields.Char(readonly=True, help="ISO year and week, e.g. 2026-W05.")
    allday = fields.Boolean(string="All Day", readonly=True)
    hours = fields.Float(
        readonly=True,
        help="Duration of a timed occurrence; the hours of an all-day event "
             "(Settings) for each day of an all-day one.",
    )
    # Copied from the event so that the weekly report needs no join with
    # calendar_event when it sums hours per account manager and week.
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Participant",
        readonly=True,
        help="The organiser or a user among the attendees; empty for an event "
             "without either.",
    )
    work_type_id = fields.Many2one(comodel_name="omnia.work.type", readonly=True)

    @api.model_cr
    def init(self):
        # The hours report filters occurrences by date and joins them by event.
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS omnia_event_occurrence_date_event_idx
            ON omnia_event_occurrence (date, event_id)
        """)
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS omnia_event_occurrence_user_date_idx
            ON omnia_event_occurrence (user_id, date)
        """)

    @api.model
    def _refresh(self, event_ids):
        """Recompute the occurrences of the given calendar events (real ids).

        Raw SQL: these rows are derived data, written in one statement per
        batch so that the calendar's own create/write stay cheap.
        """
        event_ids = sorted({int(event_id) for event_id in event_ids if event_id})
        if not event_ids:
            return
        cr = self.env.cr
        allday_hours = self.env["calendar.event"]._get_allday_hours()
        recurring_ids = []
        for sub_ids in cr.split_for_in_conditions(event_ids):
            # One statement: the old rows deleted, the single events'
            # inserted (the insert does not see the deletion, nor the
            # deletion the inserted rows), the recurring ones returned.
            cr.execute("""
                WITH deleted AS (
                    DELETE FROM omnia_event_occurrence WHERE event_id IN %(ids)s
                ), inserted AS ({insert})
                SELECT id FROM calendar_event
                WHERE id IN %(ids)s AND active AND recurrency AND COALESCE(rrule, '') != ''
            """.format(insert=_INSERT_SQL.format(src=_SINGLE_SRC)), {
                "ids": sub_ids, "allday_hours": allday_hours})
            recurring_ids += [row[0] for row in cr.fetchall()]
        if recurring_ids:
            self._insert_recurring(recurring_ids)
        self.invalidate_cache()

    @api.model
    def _insert_recurring(self, event_ids):
        """Expand recurring events with Odoo's own rules and insert them."""
        now = fields.Datetime.from_string(fields.Datetime.now())
        values = {"event_ids": [], "starts": [], "stops": [], "alldays": [], "tzs": [],
                  "user_ids": [], "work_type_ids": []}
        # Raw SQL: the detached occurrences of all these events at once, for
        # Odoo's expansion, which looks them up event by event (see
        # calendar.event.search).
        detached = {}
        for sub_ids in self.env.cr.split_for_in_conditions(event_ids):
            self.env.cr.execute("""
                SELECT recurrent_id, array_agg(id ORDER BY id) FROM calendar_event
                WHERE recurrent_id IN %s GROUP BY recurrent_id
            """, (sub_ids,))
            detached.update((row[0], tuple(row[1])) for row in self.env.cr.fetchall())
        # sudo: occurrences are counted for everyone, whoever changed the event
        # (its detached occurrences may be private events of others).
        # prefetch_fields=False: the few fields the expansion reads, not
        # every column of the events.
        events = self.env["calendar.event"].sudo().with_context(
            prefetch_fields=False, omnia_detached_ids=frozendict(detached)).browse(event_ids)
        for event in events:
            tz = event.user_id.tz or "UTC"
            horizon = max(now, fields.Datetime.from_string(event.start)) + timedelta(
                days=HORIZON_DAYS)
            dates = event.with_context(tz=tz)._get_recurrent_dates_by_event()
            for start, stop in dates:
                start = naive_utc(start)
                if start > horizon:
                    break
                values["event_ids"].append(event.id)
                values["starts"].append(start)
                values["stops"].append(naive_utc(stop))
                values["alldays"].append(bool(event.allday))
                values["tzs"].append(tz)
                values["user_ids"].append(event.user_id.id or None)
                values["work_type_ids"].append(event.work_type_id.id or None)
        if values["event_ids"]:
            values["allday_hours"] = self.env["calendar.event"]._get_allday_hours()
            self.env.cr.execute(_INSERT_SQL.format(src=_EXPANDED_SRC), values)

    @api.model
    def _set_allday_hours(self, hours):
        """The setting changed: all-day occurrences count the new hours.
        The value is stored on the rows (not read from the setting by the
        report) so that PostgreSQL can sum the report in parallel."""
        self.env.cr.execute(
            "UPDATE omnia_event_occurrence SET hours = %s WHERE allday AND hours != %s",
            (hours, hours))
        self.invalidate_cache(["hours"])
        self.env["calendar.event"].invalidate_cache(["hours"])

    @api.model
    def _rebuild_all(self):
        """Recompute the occurrences of every event: after a bulk import that
        wrote calendar_event rows outside the ORM. The same rows as
        :meth:`_refresh` of every event, set-based: all single events in one
        statement, the recurring ones expanded in batches of
        ``REBUILD_BATCH_SIZE``.

        Raw SQL: derived rows of the whole table, rewritten at once.
        """
        cr = self.env.cr
        cr.execute("DELETE FROM omnia_event_occurrence")
        cr.execute(_INSERT_SQL.format(src=_ALL_SRC), {
            "allday_hours": self.env["calendar.event"]._get_allday_hours()})
        cr.execute("""
            SELECT id FROM calendar_event
            WHERE active AND recurrency AND COALESCE(rrule, '') != ''
            ORDER BY id
        """)
        recurring_ids = [row[0] for row in cr.fetchall()]
        for batch in split_every(REBUILD_BATCH_SIZE, recurring_ids):
            self._insert_recurring(list(batch))
            # Only this batch's events in memory at a time.
            self.env["calendar.event"].invalidate_cache()
        self.invalidate_cache()

    # The calendar's figures of customer companies ------------------------

    @api.model
    def _customer_figures(self, company_ids):
        """{company id: (last meeting, next meeting, events, hours this year,
        local date of the last meeting)} of these customer companies, in two
        queries, as the user reading them sees them.

        An event counts once per occurrence (a weekly series as often as it
        recurs, a moved occurrence once: MEETING_KEY), as the calendar lists
        them to the user: others' private events are in the meeting dates,
        not in the count (the list does not show them). The hours are the
        account managers' hours as the weekly hours report counts them
        (COUNTED_HOURS_JOIN), from the start of the year until today.
        """
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        ids = tuple(company_ids)
        # SQL: aggregates over all occurrences of the companies' events;
        # private events count in the dates too, without being shown.
        self.env.cr.execute("""
            SELECT e.omnia_partner_id,
                   MAX(o.start) FILTER (WHERE wt.is_customer_meeting AND o.start <= %(now)s),
                   MIN(o.start) FILTER (WHERE wt.is_customer_meeting AND o.start > %(now)s),
                   COUNT(DISTINCT {meeting}) FILTER (WHERE o.id IS NOT NULL AND (
                       e.privacy IS DISTINCT FROM 'private' OR e.user_id = %(uid)s
                       OR EXISTS (SELECT 1 FROM calendar_event_res_partner_rel rel
                                   WHERE rel.calendar_event_id = e.id
                                     AND rel.res_partner_id = %(partner_id)s))),
                   MAX(o.date) FILTER (WHERE wt.is_customer_meeting AND o.start <= %(now)s)
            FROM calendar_event e
            LEFT JOIN omnia_event_occurrence o ON o.event_id = e.id
            LEFT JOIN omnia_work_type wt ON wt.id = e.work_type_id
            WHERE e.omnia_partner_id IN %(ids)s AND e.active
            GROUP BY e.omnia_partner_id
        """.format(meeting=MEETING_KEY.format(o="o")), {
            "now": now, "ids": ids, "uid": self.env.uid,
            "partner_id": self.env.user.partner_id.id})
        figures = {
            row[0]: [row[1], row[2], row[3], 0.0, row[4]] for row in self.env.cr.fetchall()
        }
        self.env.cr.execute("""
            SELECT e.omnia_partner_id, SUM(o.hours)
            FROM omnia_event_occurrence o
            JOIN calendar_event e ON e.id = o.event_id
            {counted}
            WHERE {counts} AND e.omnia_partner_id IN %(ids)s
              AND o.date >= %(year_start)s AND o.date <= %(today)s
            GROUP BY e.omnia_partner_id
        """.format(counted=COUNTED_HOURS_JOIN.format(o="o"), counts=COUNTED_HOURS_WHERE), {
            "ids": ids, "year_start": today[:4] + "-01-01", "today": today})
        for partner_id, hours in self.env.cr.fetchall():
            figures[partner_id][3] = hours
        return {key: tuple(value) for key, value in figures.items()}

    @api.model
    def _companies_meeting_overdue(self):
        """Ids of the customer companies with a segment class whose next
        meeting was due before today: the last customer meeting held (or,
        never met, the day the company got its class) plus the class's
        meeting interval, as res.partner's next_meeting_due."""
        # SQL: one query over the occurrences instead of a compute per partner.
        self.env.cr.execute("""
            SELECT p.id
            FROM res_partner p
            JOIN omnia_segment s ON s.id = p.segment_id
            LEFT JOIN LATERAL (
                SELECT MAX(o.date) AS last_date
                FROM calendar_event e
                JOIN omnia_work_type wt ON wt.id = e.work_type_id AND wt.is_customer_meeting
                JOIN omnia_event_occurrence o ON o.event_id = e.id
                WHERE e.omnia_partner_id = p.id AND e.active
                  AND o.start <= %(now)s
            ) m ON TRUE
            WHERE p.id = p.commercial_partner_id
              AND COALESCE(m.last_date, p.segment_date) + s.meeting_interval_days
                  < %(today)s::date
        """, {"now": fields.Datetime.now(), "today": fields.Date.context_today(self)})
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _cron_extend_horizon(self):
        """Complete the stored occurrences of the recurring events whose
        rows end before their rule does (series stored with an earlier,
        shorter horizon). The candidates are found in one query (their last
        stored day more than a month before the rule's end date, which Odoo
        sets up to one interval after the last occurrence); each one's rule
        then tells whether rows are missing, so that a complete series is
        not written again. Idempotent."""
        self.env.cr.execute("""
            SELECT e.id, MAX(o.date)
              FROM calendar_event e
              LEFT JOIN omnia_event_occurrence o ON o.event_id = e.id
             WHERE e.active AND e.recurrency AND COALESCE(e.rrule, '') != ''
               AND e.final_date IS NOT NULL
             GROUP BY e.id
            HAVING MAX(e.final_date) > COALESCE(MAX(o.date), MIN(e.start)::date) + 31
        """)
        last_stored = dict(self.env.cr.fetchall())
        incomplete = []
        for event in self.env["calendar.event"].browse(list(last_stored)):
            dates = event.with_context(
                tz=event.user_id.tz or "UTC")._get_recurrent_dates_by_event()
            stored = last_stored[event.id] and fields.Date.from_string(last_stored[event.id])
            if dates and (not stored or (naive_utc(dates[-1][0]).date() - stored).days > 1):
                incomplete.append(event.id)
        self._refresh(incomplete)


def naive_utc(value):
    if value.tzinfo:
        value = value.astimezone(pytz.UTC).replace(tzinfo=None)
    return value
