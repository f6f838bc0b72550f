# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""11.0.3.0.0: the changes of an installed database that its data files,
loaded once at installation, do not make."""
from odoo import SUPERUSER_ID, api


def reset_default_user_groups(env):
    """New users get the employee's rights only (data/res_users_data.xml
    does it at installation)."""
    env["res.users"]._omnia_reset_default_user_groups()


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    reset_default_user_groups(env)
