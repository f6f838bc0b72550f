# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class SurveyUserInputLine(models.Model):
    _inherit = "survey.user_input_line"

    @api.multi
    def _feedback_answer_text(self):
        """The answer as text for the feedback summary."""
        self.ensure_one()
        if self.answer_type == "suggestion":
            return self.value_suggested.value or ""
        if self.answer_type == "number":
            return "%g" % self.value_number
        if self.answer_type == "date":
            return self.value_date or ""
        if self.answer_type == "free_text":
            return self.value_free_text or ""
        return self.value_text or ""
