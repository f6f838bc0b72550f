# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""11.0.2.0.0 stores every occurrence of a recurring event (up to ten
years), where earlier releases stored two years ahead: complete the series
stored then, so that a customer's count of calendar work matches the list
of its events from the first day."""
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["omnia.event.occurrence"]._cron_extend_horizon()
