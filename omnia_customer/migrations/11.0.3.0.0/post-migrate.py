# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""11.0.3.0.0: the account manager's workplace. The migration steps of this
release, each in its own function."""
from odoo import SUPERUSER_ID, api


def fill_segment_dates_and_sync_care_activities(env):
    """The care model acts: every customer with a segment class gets the day
    it got the class (the last change of the class logged in its chatter,
    or else the day the customer was created), from which a customer never
    met is due for a meeting; then the care model's activities are made."""
    # Raw SQL: one statement for all customers; the chatter's tracking
    # values say when the current class was set.
    env.cr.execute("""
        UPDATE res_partner p
           SET segment_date = COALESCE(t.changed, p.create_date)::date
          FROM res_partner p2
          LEFT JOIN LATERAL (
              SELECT MAX(m.date) AS changed
                FROM mail_message m
                JOIN mail_tracking_value tv ON tv.mail_message_id = m.id
               WHERE m.model = 'res.partner' AND m.res_id = p2.id
                 AND tv.field = 'segment_id'
                 AND tv.new_value_integer = p2.segment_id
          ) t ON TRUE
         WHERE p2.id = p.id AND p.segment_id IS NOT NULL AND p.segment_date IS NULL
    """)
    env["omnia.care.activity"]._sync()


def set_role_home_actions(env):
    """Every user opens the home of his role at login (a home action an
    administrator set by hand is kept)."""
    env["res.users"].with_context(active_test=False).search([])._set_role_home_action()


def reset_default_user_groups(env):
    """New users get the employee's rights only (data/res_users_data.xml
    does it at installation)."""
    env["res.users"]._omnia_reset_default_user_groups()


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    fill_segment_dates_and_sync_care_activities(env)
    set_role_home_actions(env)
    reset_default_user_groups(env)
