# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import api, fields, models, tools
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

    @api.model
    def _omnia_demo_college(self):
        """Demo data only (demo/res_company_demo.xml): the company is the
        college, with its logo, address and business ID, as on its offers
        and minutes."""
        if self._omnia_keep_odoo_demo():
            return
        company = self.env.ref("base.main_company")
        with tools.file_open("omnia_customer/demo/omnia_college_logo.png", "rb") as logo:
            company.write({
                "name": "Omnian aikuisopisto",
                "logo": base64.b64encode(logo.read()),
                "street": "Kirkkokatu 16",
                "zip": "02770",
                "city": "Espoo",
                "country_id": self.env.ref("base.fi").id,
                "phone": "+358 9 8185 11",
                "email": "asiakkuudet@omnia.example",
                "website": "https://www.omnia.example",
                "report_header": "Osaamista työelämään",
            })
        company.partner_id.business_id = "0201256-6"
        # Odoo 11's campaign media are untranslatable names; the one the
        # demo campaigns use is written in Finnish.
        self.env.ref("utm.utm_medium_email").name = "Sähköposti"

    @api.model
    def _omnia_demo_chatter_in_finnish(self):
        """Demo data only (post_init_hook): the demo's chatter was written
        while Finnish was not loaded yet, so its "... created" lines and its
        tracked field names and choices are in English. Once the
        translations are in (after the install), write them in Finnish as a
        Finnish user's own changes would have been written."""
        if self._omnia_keep_odoo_demo() or DEFAULT_USER_LANG not in dict(
                self.env["res.lang"].get_installed()):
            return
        finnish = self.with_context(lang=DEFAULT_USER_LANG).env
        created = self.env["ir.translation"]._get_source(
            None, ("code",), DEFAULT_USER_LANG, "%s created")
        messages = self.env["mail.message"].search([("body", "like", "% created</p>")])
        for model in set(messages.mapped("model")) - {False}:
            body = "<p>%s created</p>" % self.env["ir.model"]._get(model).name
            name = finnish["ir.model"]._get(model).name
            messages.browse([message.id for message in messages
                             if message.model == model and message.body == body]).write(
                {"body": "<p>%s</p>" % (created % name)})
        groups = {}
        tracked = self.env["mail.tracking.value"].search([("mail_message_id.model", "!=", False)])
        for value in tracked:
            key = (value.mail_message_id.model, value.field)
            groups[key] = groups.get(key, value.browse()) | value
        for (model, field), group in groups.items():
            if model not in self.env or field not in self.env[model]._fields:
                continue
            description = finnish[model].fields_get([field], ["string", "selection"])[field]
            group.write({"field_desc": description["string"]})
            if group[0].field_type == "many2one":
                # the names of translated records (segment classes, stages)
                comodel = finnish[self.env[model]._fields[field].comodel_name]
                ids = set(group.mapped("old_value_integer") + group.mapped("new_value_integer"))
                names = dict(comodel.browse(ids - {0}).exists().name_get())
            elif group[0].field_type == "selection":
                english = self.env[model].fields_get([field], ["selection"])[field]["selection"]
                finnish_labels = dict(description["selection"])
                names = {label: finnish_labels[key] for key, label in english}
            else:
                continue
            self._omnia_rename_tracked_values(group, names, group[0].field_type == "many2one")

    @api.model
    def _omnia_rename_tracked_values(self, values, names, by_id):
        """Write the tracked values' old and new text anew from names, a dict
        by record id (by_id) or by the English text."""
        for column in ("old_value", "new_value"):
            key = column + ("_integer" if by_id else "_char")
            for old, name in names.items():
                values.browse([value.id for value in values if value[key] == old]).write(
                    {column + "_char": name})
