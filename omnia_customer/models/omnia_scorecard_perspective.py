# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class OmniaScorecardPerspective(models.Model):
    """A perspective of the balanced scorecard (customers, processes, people
    and learning, finance, or the college's own)."""

    _name = "omnia.scorecard.perspective"
    _inherit = "omnia.model.mixin"
    _description = "Scorecard Perspective"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_unique", "unique(name)", "Name: another perspective already has this name."),
    ]
