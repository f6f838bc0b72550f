# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class OmniaFundingSource(models.Model):
    """How an offered training is paid for (rahoituslähde): by the company,
    apprenticeship funding, the employment administration, a project…"""

    _name = "omnia.funding.source"
    _inherit = "omnia.model.mixin"
    _description = "Funding Source"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Code: another funding source already has this code."),
    ]
