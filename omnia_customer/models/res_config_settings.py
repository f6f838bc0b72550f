# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ResConfigSettings(models.TransientModel):
    """Settings of the customer team, shown in their own section of Settings
    (admins only)."""

    _inherit = "res.config.settings"
