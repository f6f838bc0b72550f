# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

# The care model's kinds of activity (omnia.care.activity), each with its
# activity type (XML id in this addon).
KIND_MEETING = "meeting"
KIND_ESCALATION = "escalation"
KIND_PLAN_MISSING = "plan_missing"
KIND_REVIEW = "review"
KIND_REVIEW_LEAD = "review_lead"
KIND_FORUM = "forum"
CARE_KINDS = [
    (KIND_MEETING, "Customer meeting due"),
    (KIND_ESCALATION, "Meeting overdue: escalation"),
    (KIND_PLAN_MISSING, "Customer without a care plan"),
    (KIND_REVIEW, "Care plan review due"),
    (KIND_REVIEW_LEAD, "Care plan review due (team lead)"),
    (KIND_FORUM, "Student forum due"),
]


class MailActivity(models.Model):
    """The care model's activities carry their kind: the care-model job
    keeps one open activity per record and kind, which a unique index holds
    under concurrent runs too."""

    _inherit = "mail.activity"

    omnia_care_kind = fields.Selection(
        selection=CARE_KINDS,
        string="Care Model",
        readonly=True,
        copy=False,
        help="Set on the activities that the care model makes and closes by "
             "itself; empty on the activities people schedule.",
    )

    @api.model_cr
    def init(self):
        # The one open activity per record and kind: a second concurrent run
        # of the job waits on this index and inserts nothing
        # (omnia.care.activity inserts with ON CONFLICT DO NOTHING).
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS mail_activity_omnia_care_kind_uniq
            ON mail_activity (res_model, res_id, omnia_care_kind)
            WHERE omnia_care_kind IS NOT NULL
        """)

    @api.model
    def create(self, vals):
        self._check_omnia_care_kind(vals)
        return super().create(vals)

    @api.multi
    def write(self, vals):
        self._check_omnia_care_kind(vals)
        return super().write(vals)

    @api.model
    def _check_omnia_care_kind(self, vals):
        # Only the care model's job (in SQL) marks an activity as its own.
        if vals.get("omnia_care_kind"):
            raise UserError(_("Care Model: set by the care model only."))
