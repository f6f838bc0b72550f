# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""11.0.5.0.0: offers as documents. The offers approved before the approved
price was stored get their expected revenue as the approved price: an
approval is cleared when the price changes, so it approved that revenue.
Run again, it changes nothing."""


def migrate(cr, version):
    # Raw SQL: one statement for every approved offer, no ORM write (which
    # would track and recompute each lead for a value it only records).
    cr.execute("""
        UPDATE crm_lead SET approved_price = planned_revenue
         WHERE price_approved_by_id IS NOT NULL AND approved_price IS NULL
    """)
