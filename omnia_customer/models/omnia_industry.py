# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class OmniaIndustry(models.Model):
    """A field of training (toimiala) that account managers work in and
    customer companies buy from."""

    _name = "omnia.industry"
    _inherit = "omnia.model.mixin"
    _description = "Industry"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Code: another industry already has this code."),
    ]
