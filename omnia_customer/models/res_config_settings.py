# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .omnia_feedback import DEADLINE_PARAM, DEFAULT_DEADLINE_DAYS


class ResConfigSettings(models.TransientModel):
    """Settings of the customer team, shown in their own section of Settings
    (admins only)."""

    _inherit = "res.config.settings"

    omnia_feedback_deadline_days = fields.Integer(
        string="Response Deadline for Negative Feedback",
        default=DEFAULT_DEADLINE_DAYS,
        help="Working days (Monday to Friday, no public holidays) within "
             "which negative feedback must be handled.",
    )

    @api.constrains("omnia_feedback_deadline_days")
    def _check_omnia_feedback_deadline_days(self):
        for settings in self:
            if settings.omnia_feedback_deadline_days < 1:
                raise ValidationError(_(
                    "Response Deadline for Negative Feedback: must be at "
                    "least 1 working day."))

    @api.model
    def get_values(self):
        res = super().get_values()
        res["omnia_feedback_deadline_days"] = (
            self.env["omnia.feedback"]._deadline_days())
        return res

    @api.multi
    def set_values(self):
        res = super().set_values()
        # sudo: system parameters are technical records; Settings are for
        # administrators only.
        self.env["ir.config_parameter"].sudo().set_param(
            DEADLINE_PARAM, str(self.omnia_feedback_deadline_days))
        return res
