# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

import psycopg2

from odoo.tests.common import TransactionCase

from ..models.res_partner import TRIGRAM_COLUMNS


class TestCustomerSearchIndex(TransactionCase):
    """The customer searches by ``ilike '%text%'`` have a trigram index
    each; without the right to create pg_trgm the addon still installs."""

    def _indexes(self):
        self.env.cr.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'res_partner' "
            "AND indexname LIKE 'res_partner_%%_trgm_idx'")
        return {row[0] for row in self.env.cr.fetchall()}

    def test_indexes_made(self):
        self.assertEqual(self._indexes(),
                         {"res_partner_%s_trgm_idx" % c for c in TRIGRAM_COLUMNS})
        # Made again after being dropped (as an update does).
        self.env.cr.execute("DROP INDEX res_partner_name_trgm_idx")
        self.env["res.partner"]._create_trigram_indexes()
        self.assertIn("res_partner_name_trgm_idx", self._indexes())

    def test_search_uses_the_index(self):
        # Without sequential scans the planner must take the index (the table
        # of a test database is too small for it to prefer it by itself).
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        self.env.cr.execute(
            "EXPLAIN SELECT id FROM res_partner WHERE name::text ILIKE '%%oy tes%%'")
        plan = "\n".join(row[0] for row in self.env.cr.fetchall())
        self.assertIn("res_partner_name_trgm_idx", plan)

    def test_without_the_extension_right(self):
        """A database user who may not create pg_trgm: a warning, no index,
        no error (the searches work as before)."""
        self.env.cr.execute("DROP INDEX IF EXISTS res_partner_name_trgm_idx")
        cursor_class = type(self.env.cr)
        execute = cursor_class.execute

        def refusing(cr, query, params=None, log_exceptions=None):
            if "FROM pg_extension" in query:
                query, params = "SELECT 1 WHERE false", None
            elif "CREATE EXTENSION" in query:
                raise psycopg2.ProgrammingError("permission denied to create extension")
            return execute(cr, query, params)

        with patch.object(cursor_class, "execute", refusing), \
                self.assertLogs("odoo.addons.omnia_customer.models.res_partner",
                                level="WARNING") as logs:
            self.env["res.partner"]._create_trigram_indexes()
        self.assertIn("pg_trgm", logs.output[0])
        self.assertNotIn("res_partner_name_trgm_idx", self._indexes())
