# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The weeks logged under the threshold, flagged to their account manager
by the nightly job."""
import logging
from datetime import timedelta

from odoo import _, api, fields, models

from .rules import omnia_today

_logger = logging.getLogger(__name__)

# The completed weeks the nightly job looks back on: a week missed by a job
# that did not run is flagged the next night, an older one is not.
FLAG_WEEKS = 4
ACTIVITY_TYPE = "mail_activity_type_week_under_target"

# The completed weeks under the threshold, from the weekly resource report,
# recorded once per account manager and week (the unique key: a second or
# concurrent run inserts nothing); the new rows are returned.
FLAG_SQL = """
    INSERT INTO omnia_resource_flag
        (user_id, week, week_start, allocated_hours, logged_hours,
         utilisation, create_uid, create_date, write_uid, write_date)
    SELECT r.user_id, r.week, r.week_start, r.allocated_hours, r.logged_hours,
           r.utilisation, %(uid)s, %(now)s, %(uid)s, %(now)s
      FROM omnia_resource_week_report r
     WHERE r.under_threshold
       AND r.week_start >= %(first)s AND r.week_start < %(monday)s
    ON CONFLICT (user_id, week) DO NOTHING
    RETURNING id, user_id, week, allocated_hours, logged_hours, utilisation
"""

# One activity per new flag, on the flag, for its account manager, due
# today; without a summary, so that he reads its type's name in his own
# language; the note in his language.
ACTIVITY_SQL = """
    INSERT INTO mail_activity
        (res_model_id, res_model, res_id, res_name, activity_type_id,
         user_id, date_deadline, note,
         create_uid, create_date, write_uid, write_date)
    SELECT im.id, 'omnia.resource.flag', f.id, rp.name || ', ' || f.week,
           %(type_id)s, f.user_id, %(today)s, v.note,
           %(uid)s, %(now)s, %(uid)s, %(now)s
      FROM unnest(%(flag_ids)s::integer[], %(notes)s::text[]) AS v(flag_id, note)
      JOIN omnia_resource_flag f ON f.id = v.flag_id
      JOIN res_users u ON u.id = f.user_id
      JOIN res_partner rp ON rp.id = u.partner_id
      JOIN ir_model im ON im.model = 'omnia.resource.flag'
"""


class OmniaResourceFlag(models.Model):
    """A completed week an account manager logged under the threshold of
    his allocation, as the nightly job found it: the record of the week's
    activity for him, made once per account manager and week. The activity
    done or cancelled, the week stays flagged and no activity is made
    again."""

    _name = "omnia.resource.flag"
    _inherit = ["omnia.model.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Week under Target"
    _order = "week_start desc, user_id"
    _rec_name = "week"
    # The account manager marks the week's activity done, which posts on
    # the week: reading it is enough.
    _mail_post_access = "read"

    user_id = fields.Many2one(
        comodel_name="res.users", string="Account Manager", readonly=True,
        required=True, index=True, ondelete="cascade")
    week = fields.Char(readonly=True, required=True,
                       help="ISO year and week, e.g. 2026-W05.")
    week_start = fields.Date(readonly=True, required=True)
    allocated_hours = fields.Float(readonly=True)
    logged_hours = fields.Float(readonly=True)
    utilisation = fields.Float(string="Utilisation (%)", readonly=True)

    _sql_constraints = [
        ("user_week_uniq", "UNIQUE(user_id, week)",
         "Week: flagged once per account manager."),
    ]

    @api.model
    def _flag_weeks(self):
        """Flag the completed weeks of the last FLAG_WEEKS weeks logged
        under the threshold that are not flagged yet, each with an activity
        for its account manager.

        :return: the number of weeks flagged
        """
        today = fields.Date.from_string(omnia_today(self))
        monday = today - timedelta(days=today.weekday())
        now = fields.Datetime.now()
        # Raw SQL: one statement finds and records the weeks of every
        # account manager, set-based and idempotent (see FLAG_SQL).
        self.env.cr.execute(FLAG_SQL, {
            "uid": self.env.uid, "now": now,
            "first": fields.Date.to_string(monday - timedelta(weeks=FLAG_WEEKS)),
            "monday": fields.Date.to_string(monday),
        })
        rows = self.env.cr.dictfetchall()
        if not rows:
            return 0
        threshold = self.env["omnia.resource.allocation"]._threshold()
        users = self.env["res.users"].browse({row["user_id"] for row in rows})
        langs = {user.id: user.lang or "en_US" for user in users}
        formats = {code: self.env["res.lang"]._lang_get(code)
                   for code in set(langs.values())}
        notes = [self.with_context(lang=langs[row["user_id"]])._flag_note(
            row, threshold, formats[langs[row["user_id"]]]) for row in rows]
        activity_type = self.env.ref("omnia_customer.%s" % ACTIVITY_TYPE)
        # Raw SQL: the activities of the new weeks in one insert, without
        # notifying each user by mail from a nightly job (as the care
        # model's activities).
        self.env.cr.execute(ACTIVITY_SQL, {
            "flag_ids": [row["id"] for row in rows], "notes": notes,
            "type_id": activity_type.id, "today": fields.Date.to_string(today),
            "uid": self.env.uid, "now": now,
        })
        self.env["mail.activity"].invalidate_cache()
        return len(rows)

    @api.model
    def _flag_note(self, row, threshold, lang):
        """The note of a week's activity, in the language of the context,
        its figures in the format of ``lang`` (a res.lang)."""
        def number(value):
            return lang.format("%.1f", value, grouping=True) if lang else "%.1f" % value
        return "<p>%s</p>" % (_(
            "Week %(week)s: %(logged)s h logged of %(allocated)s h allocated "
            "(%(utilisation)s %%), under the threshold of %(threshold)s %%.") % {
                "week": row["week"],
                "logged": number(row["logged_hours"]),
                "allocated": number(row["allocated_hours"]),
                "utilisation": number(row["utilisation"]),
                "threshold": threshold,
            })

    @api.model
    def _cron_flag_weeks(self):
        """Nightly: the weeks logged under the threshold."""
        count = self._flag_weeks()
        _logger.info("Weeks under target: %d flagged", count)
        return True
