# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo 11's own mechanisms that the addon relies on, each behind one name
with its counterpart in newer Odoo, so that a port changes them here (the
porting table is in readme/ROADMAP.rst)."""
from odoo.addons.calendar.models.calendar import get_real_ids

# The domain with which Odoo 11's calendar (calendar.py,
# _get_recurrent_dates_by_event) looks up the detached occurrences of one
# recurring event, after the event's id.
_DETACHED_LOOKUP_TAIL = ["|", ("active", "=", False), ("active", "=", True)]


def real_event_ids(ids):
    """The real ids of calendar events given as Odoo 11's virtual occurrence
    ids ("42-20260105090000") or real ones. From 13.0 every occurrence is a
    real event of a calendar.recurrence: the ids are real already."""
    return get_real_ids(ids)


def is_detached_lookup(args):
    """Whether a calendar.event search is Odoo 11's look-up of the detached
    occurrences of one recurring event: its literal domain, word for word
    (the addon's most fragile line: it must equal core's). From 13.0 the
    occurrences are records of a calendar.recurrence and nothing is
    expanded in Python: drop the search override that uses this."""
    return (isinstance(args, list) and len(args) == 4
            and isinstance(args[0], (list, tuple)) and len(args[0]) == 3
            and tuple(args[0][:2]) == ("recurrent_id", "=")
            and args[1:] == _DETACHED_LOOKUP_TAIL)
