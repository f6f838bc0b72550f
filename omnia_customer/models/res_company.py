# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.addons.base.res.res_partner import _lang_get, _tz_get

DEFAULT_USER_LANG = "fi_FI"
DEFAULT_USER_TZ = "Europe/Helsinki"


class ResCompany(models.Model):
    """The language and time zone new users of the company start with (the
    college works in Finnish, in Finland)."""

    _inherit = "res.company"

    omnia_user_lang = fields.Selection(
        selection=_lang_get,
        string="Language of New Users",
        default=lambda self: self._default_omnia_user_lang(),
    )
    omnia_user_tz = fields.Selection(
        selection=_tz_get,
        string="Time Zone of New Users",
        default=DEFAULT_USER_TZ,
    )

    @api.model
    def _default_omnia_user_lang(self):
        """Finnish when it is installed (it is loaded with the addon's demo
        data; a production database loads it from Settings)."""
        installed = dict(self.env["res.lang"].get_installed())
        return DEFAULT_USER_LANG if DEFAULT_USER_LANG in installed else False

    @api.model
    def _omnia_keep_odoo_demo(self):
        """Demo data only: the system parameter omnia_customer.keep_odoo_demo
        leaves Odoo's own demo data as Odoo made it (its records, its users
        in English), which Odoo's own test suites read (make test-odoo)."""
        return bool(self.env["ir.config_parameter"].sudo().get_param(
            "omnia_customer.keep_odoo_demo"))

    @api.model
    def _omnia_demo_in_finnish(self):
        """Demo data only (demo/res_lang_demo.xml): the college's customers
        and their contacts are written to in Finnish (they were made before
        Finnish was loaded) and new users start in Finnish; the
        administrator and the company keep English."""
        if self._omnia_keep_odoo_demo():
            return
        partners = self.env["res.partner"].search([
            ("lang", "=", "en_US"),
            ("id", "not in", [self.env.ref("base.partner_root").id,
                              self.env.ref("base.main_partner").id])])
        partners.write({"lang": DEFAULT_USER_LANG})
        self.env.ref("base.main_company").omnia_user_lang = DEFAULT_USER_LANG
