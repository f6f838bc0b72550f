# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""11.0.2.0.0 adds database constraints for "one active care plan per
customer" and "no overlapping targets". Before them only Python checks held
these, which concurrent saves could pass; rows that break them would keep
the constraints from being created.

- A customer with several active care plans keeps the newest active; the
  others are closed (the history stays in their chatter and reviews).
- Overlapping targets cannot be merged without a person's decision: they are
  listed in the log, and the constraint is added once they are fixed.
"""
import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    # Raw SQL: a migration runs before the models of the new version.
    cr.execute("""
        WITH ranked AS (
            SELECT id, partner_id,
                   row_number() OVER (PARTITION BY partner_id
                                      ORDER BY year DESC, id DESC) AS rank
              FROM omnia_care_plan WHERE state = 'active'
        )
        UPDATE omnia_care_plan p SET state = 'closed'
          FROM ranked r
         WHERE r.id = p.id AND r.rank > 1
        RETURNING p.id, p.partner_id
    """)
    for plan_id, partner_id in cr.fetchall():
        _logger.warning("Care plan %d closed: customer %d had another, newer active "
                        "plan", plan_id, partner_id)
    cr.execute("""
        SELECT a.id, b.id
          FROM omnia_target a
          JOIN omnia_target b ON b.id > a.id
           AND COALESCE(a.user_id, 0) = COALESCE(b.user_id, 0)
           AND COALESCE(a.team_id, 0) = COALESCE(b.team_id, 0)
           AND a.period_type = b.period_type
           AND a.date_from <= b.date_to AND b.date_from <= a.date_to
    """)
    for first, second in cr.fetchall():
        _logger.warning("Targets %d and %d overlap: fix one of them for the "
                        "constraint omnia_target_period_no_overlap", first, second)
