# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2.extensions import AsIs

from odoo import SUPERUSER_ID, api

from .models.res_partner import TRIGRAM_COLUMNS, trigram_index
from .models.rules import ADDON_MODEL_PREFIX


def post_init_hook(cr, registry):
    """With the demo data: its chatter in Finnish, now that the addon's
    translations are loaded (they are loaded after the demo data)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    if env["ir.module.module"].search([("name", "=", "omnia_customer")]).demo:
        env["res.company"]._omnia_demo_chatter_in_finnish()


def uninstall_hook(cr, registry):
    """Remove the messages, to-dos and attachments of the addon's records,
    the care model's to-dos on customers, the feedback report's median
    aggregate and the trigram indexes of the customer searches.

    The uninstall drops the addon's tables; without this, their chatter
    would stay in the database attached to nothing, and the to-dos would
    keep the addon's demo users from being removed.
    """
    env = api.Environment(cr, SUPERUSER_ID, {})
    domain = [("res_model", "=like", ADDON_MODEL_PREFIX + "%")]
    env["mail.activity"].search(domain).unlink()
    # The care model's reminders on customers go with the care model.
    env["mail.activity"].search([("omnia_care_kind", "!=", False)]).unlink()
    env["ir.attachment"].search(domain).unlink()
    env["mail.message"].search(
        [("model", "=like", ADDON_MODEL_PREFIX + "%")]).unlink()
    # Raw SQL: the median aggregate of the feedback report is no model's
    # table or view, which the uninstall drops by itself.
    cr.execute("DROP AGGREGATE IF EXISTS omnia_median(numeric)")
    cr.execute("DROP FUNCTION IF EXISTS omnia_median_final(numeric[])")
    # Raw SQL: the trigram indexes of the customer searches are on Odoo's own
    # table, which stays; the extension stays too (other code may use it).
    for column in TRIGRAM_COLUMNS:
        cr.execute("DROP INDEX IF EXISTS %s", (AsIs(trigram_index(column)),))
