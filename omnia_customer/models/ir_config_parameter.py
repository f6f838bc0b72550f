# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import ValidationError

from .calendar_event import ALLDAY_HOURS_PARAM


class IrConfigParameter(models.Model):
    """The hours of an all-day event are stored on the occurrence rows of
    the weekly hours report: they follow the parameter however it is
    changed, from Settings or in the technical list of system parameters."""

    _inherit = "ir.config_parameter"

    @api.constrains("key", "value")
    def _check_omnia_allday_hours(self):
        for param in self.filtered(lambda p: p.key == ALLDAY_HOURS_PARAM):
            try:
                hours = float(param.value)
            except ValueError:
                hours = None
            if hours is None or not 0 < hours <= 24:
                raise ValidationError(_(
                    "Value: the hours of an all-day event (%s) must be a "
                    "number above 0 and at most 24.") % ALLDAY_HOURS_PARAM)

    @api.model
    def create(self, vals):
        param = super().create(vals)
        if param.key == ALLDAY_HOURS_PARAM:
            self._omnia_allday_hours_changed()
        return param

    @api.multi
    def write(self, vals):
        keys = set(self.mapped("key"))
        result = super().write(vals)
        if ALLDAY_HOURS_PARAM in keys | set(self.mapped("key")):
            self._omnia_allday_hours_changed()
        return result

    @api.multi
    def unlink(self):
        changed = ALLDAY_HOURS_PARAM in self.mapped("key")
        result = super().unlink()
        if changed:
            self._omnia_allday_hours_changed()
        return result

    @api.model
    def _omnia_allday_hours_changed(self):
        hours = self.env["calendar.event"]._get_allday_hours()
        self.env["omnia.event.occurrence"]._set_allday_hours(hours)
