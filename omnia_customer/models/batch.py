# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Batches of the nightly jobs that go past a bad record."""
from psycopg2.extensions import TransactionRollbackError


def run_or_retry_each(cr, items, run_batch, run_one, logger, what):
    """Run ``run_batch()`` in a savepoint; when it fails, run ``run_one(item)``
    for each item in a savepoint of its own, so that one bad record does not
    stop the others. A conflict with a concurrent transaction (another run
    at the same time) is no bad record: it is raised, for Odoo to retry the
    whole job or roll it back, never to commit from an old snapshot.

    :param what: the work, for the log (e.g. "refreshing the figures")
    :return: the items whose own run failed (each logged)
    """
    try:
        with cr.savepoint():
            run_batch()
        return []
    except TransactionRollbackError:
        raise
    except Exception:
        logger.exception("%s of %d records failed; retrying them one by one",
                         what, len(items))
    failed = []
    for item in items:
        try:
            with cr.savepoint():
                run_one(item)
        except TransactionRollbackError:
            raise
        except Exception:
            logger.exception("%s failed for %s", what, item)
            failed.append(item)
    return failed
