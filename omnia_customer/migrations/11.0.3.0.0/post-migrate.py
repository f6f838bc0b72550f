# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""11.0.3.0.0: the migration steps of this release, each in its own
function."""
from odoo import SUPERUSER_ID, api


def set_role_home_actions(env):
    """Every user opens the home of his role at login (a home action an
    administrator set by hand is kept)."""
    env["res.users"].with_context(active_test=False).search([])._set_role_home_action()


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    set_role_home_actions(env)
