# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

# The logins (res.users.log) kept for the usage follow-up: a half-year and
# the time to freeze its figures (omnia.usage.review), with a margin.
KEEP_LOGIN_DAYS = 400


class IrAutovacuum(models.AbstractModel):
    """Odoo 11's daily clean-up keeps only each user's last row of
    res.users.log, one row per login: the usage report counts those rows
    per user and week (R24), so the logins of the last KEEP_LOGIN_DAYS days
    are kept too."""

    _inherit = "ir.autovacuum"

    @api.model
    def _gc_user_logs(self):
        # Replaces Odoo's statement (not called): the same deletion, less
        # the recent logins. Raw SQL as Odoo's own, one statement.
        self.env.cr.execute("""
            DELETE FROM res_users_log log1
             WHERE log1.create_date < (now() AT TIME ZONE 'UTC') - %s * INTERVAL '1 day'
               AND EXISTS (
                   SELECT 1 FROM res_users_log log2
                    WHERE log1.create_uid = log2.create_uid
                      AND log1.create_date < log2.create_date)
        """, (KEEP_LOGIN_DAYS,))
        return True
