# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class OmniaSegment(models.Model):
    """A segment class (segmenttiluokka) of customer companies, with the care
    model that says how often its customers are met and their plans reviewed."""

    _name = "omnia.segment"
    _description = "Segment Class"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(
        default=10,
        help="Rule priority: the first active segment whose criteria all hold "
             "is suggested for a customer.",
    )
    active = fields.Boolean(default=True)
    is_key_account = fields.Boolean(
        string="Key Account",
        help="Care plans of key accounts are reviewed in management meetings.",
    )
    # Care model
    meeting_interval_days = fields.Integer(
        string="Meeting Interval (days)",
        required=True,
        default=90,
        help="How often customers of this class are met.",
    )
    review_interval_days = fields.Integer(
        string="Review Interval (days)",
        required=True,
        default=365,
        help="How often the care plans of this class are reviewed.",
    )
    # Criteria; an empty (zero) criterion is not used.
    min_won_revenue_12m = fields.Float(string="Min. Won Revenue (12 months)")
    min_won_count_12m = fields.Integer(string="Min. Won Opportunities (12 months)")
    min_employee_count = fields.Integer(string="Min. Employees")
    min_training_potential = fields.Float(string="Min. Training Potential")

    _sql_constraints = [
        ("code_unique", "unique(code)", "Code: another segment class already has this code."),
    ]
