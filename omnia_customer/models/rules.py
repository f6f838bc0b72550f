# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The definitions that the addon's figures share, each written once: what
a won opportunity is, a company's first win, one meeting held, working days
and today. Models and reports import them from here (as mis_builder keeps
its expression engine in ``aep.py``)."""
from datetime import datetime, timedelta

import pytz

from odoo import fields

from .access import is_superuser

# The addon's own models are named omnia.*
ADDON_MODEL_PREFIX = "omnia."

# A won opportunity in Odoo 11: an active opportunity at 100 % with its
# closing date (set by crm when it is won). The one definition of the
# customers' won figures (res.partner), the targets' actuals and the
# scorecard; {l} is the alias of crm_lead.
WON_LEAD_WHERE = """
    {l}.active AND {l}.type = 'opportunity' AND {l}.probability >= 100
    AND {l}.date_closed IS NOT NULL
"""

# The same as a search domain (archived leads are left out by the search).
WON_LEAD_DOMAIN = [
    ("type", "=", "opportunity"),
    ("probability", ">=", 100),
    ("date_closed", "!=", False),
]

# Each company's first ever won opportunity.
FIRST_WON_CTE = """
    first_won AS (
        SELECT DISTINCT ON (p.commercial_partner_id)
               p.commercial_partner_id AS company_id, l.id AS lead_id,
               l.user_id, l.date_closed
          FROM crm_lead l
          JOIN res_partner p ON p.id = l.partner_id
         WHERE {won}
         ORDER BY p.commercial_partner_id, l.date_closed, l.id
    )
""".format(won=WON_LEAD_WHERE.format(l="l"))

# A repeat purchase: a won opportunity (alias l) whose company (p, its
# partner; the commercial partner, so a contact person's win is his
# company's) had bought before, i.e. is not the company's first ever win
# (f, of FIRST_WON_CTE): an earlier won opportunity of the same company, at
# any time and by any account manager. Earlier is by closing time; of two
# won at the same second, the one recorded first (lower id). So every won
# opportunity of a company but its first is a repeat purchase, and a repeat
# customer is a company with one.
REPEAT_WON_JOIN = """
    JOIN res_partner p ON p.id = l.partner_id
    JOIN first_won f ON f.company_id = p.commercial_partner_id
                    AND f.lead_id <> l.id
"""

# One meeting held: an occurrence of an event (its event and start), whoever
# and however many took part; {o} is the alias of omnia_event_occurrence. A
# customer's count of events, a team's customer meetings (team targets and
# the scorecard) count these; a personal target counts the meetings the
# account manager took part in.
MEETING_KEY = "({o}.event_id, {o}.start)"

# The occurrence rows ({o}, omnia_event_occurrence) that count as account
# managers' hours: a participant in the Account Manager group (team leads
# are in it through their implied group; the group is found by its XML id
# when the query runs) and a work type that counts as work. The weekly
# hours report and the customer's hours read them through this one join.
COUNTED_HOURS_JOIN = """
    JOIN res_groups_users_rel am ON am.uid = {o}.user_id AND am.gid = (
        SELECT res_id FROM ir_model_data
         WHERE module = 'omnia_customer' AND name = 'group_account_manager'
           AND model = 'res.groups')
    LEFT JOIN omnia_work_type wt ON wt.id = {o}.work_type_id
"""
COUNTED_HOURS_WHERE = "wt.counts_as_work IS NOT FALSE"


def add_working_days(start, days):
    """The date ``days`` working days after ``start``. Working days are
    Monday to Friday; public holidays are not taken into account."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


def omnia_today(record):
    """Today in the user's time zone, for the figures read as of a day; the
    context key ``omnia_today`` fixes it (tests, reports as of a date). A
    date that measures people uses :func:`system_today`."""
    return (record.env.context.get("omnia_today")
            or fields.Date.context_today(record))


def system_today(record):
    """Today in the user's own time zone (of the user record, not of the
    context a client sends). The superuser's context key ``omnia_today``
    fixes it, for tests."""
    if is_superuser(record.env) and record.env.context.get("omnia_today"):
        return record.env.context["omnia_today"]
    tz_name = record.env.user.tz or "UTC"
    try:
        tz = pytz.timezone(tz_name)
    except pytz.UnknownTimeZoneError:
        tz = pytz.UTC
    return fields.Date.to_string(datetime.now(tz))
