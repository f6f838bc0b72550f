# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from .access import is_superuser
from .rules import ADDON_MODEL_PREFIX

# The models whose followers are checked: the addon's and the leads.
CHECKED_MODELS = ("crm.lead",)


class MailFollowers(models.Model):
    _inherit = "mail.followers"

    # Odoo 11 lets any employee create a follower row on any record, and a
    # follower receives the record's later messages: on the addon's records
    # and on leads, only someone who may read the record follows it.
    # (Odoo's own subscription methods run as superuser after their checks.)

    @api.model
    def create(self, vals):
        self._check_record_readable(vals.get("res_model"), vals.get("res_id"))
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if "res_model" in vals or "res_id" in vals:
            for follower in self:
                self._check_record_readable(vals.get("res_model", follower.res_model),
                                            vals.get("res_id", follower.res_id))
        return super().write(vals)

    @api.model
    def _check_record_readable(self, res_model, res_id):
        if is_superuser(self.env) or not isinstance(res_model, str) or not (
                res_model in CHECKED_MODELS or res_model.startswith(ADDON_MODEL_PREFIX)):
            return
        if res_model not in self.env or not isinstance(res_id, int):
            return
        record = self.env[res_model].browse(res_id)
        record.check_access_rights("read")
        record.check_access_rule("read")
