# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..report.omnia_usage_report import USER_GROUPS

# The usage report's measures frozen in the half-yearly report, each a
# field of omnia.usage.report summed over the half-year.
MEASURES = [
    ("logins", "Logins"),
    ("users_logged_in", "Weeks with a Login (users)"),
    ("total_actions", "Total Actions"),
    ("events_logged", "Calendar Events Logged"),
    ("leads_created", "Leads Created"),
    ("leads_handed_over", "Leads Handed Over"),
    ("feedback_recorded", "Feedback Recorded"),
    ("care_plan_updates", "Care Plan Updates"),
    ("care_plan_reviews", "Care Plan Reviews"),
    ("messages_logged", "Messages Logged"),
]


class OmniaUsageReviewLine(models.Model):
    """A figure of the key user's half-yearly report: one measure of the
    usage report for one user group, as it was when the figures were
    frozen. Written by the report's "Freeze Figures" button only."""

    _name = "omnia.usage.review.line"
    _description = "Half-Yearly Report Figure"
    _inherit = "omnia.model.mixin"
    _order = "review_id, id"

    review_id = fields.Many2one(
        comodel_name="omnia.usage.review",
        string="Report",
        required=True,
        index=True,
        ondelete="cascade",
    )
    user_group = fields.Selection(
        selection=USER_GROUPS,
        required=True,
    )
    measure = fields.Selection(
        selection=MEASURES,
        required=True,
    )
    value = fields.Integer(required=True)
