# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's own terms that the staff meet in their daily work are in Finnish:
Odoo 11 ships them untranslated, the addon ships them in i18n_extra/fi.po."""
from odoo.tests.common import SavepointCase
from odoo.tools.safe_eval import safe_eval

# Terms of the web client (JavaScript): the activities, the discard warning.
WEB_TERMS = {
    "Planned activities": "Suunnitellut toimenpiteet",
    "Mark Done": "Merkitse tehdyksi",
    "Due in %d days": "Erääntyy %d päivän kuluttua",
    "Done & Schedule Next": "Tehty, ajoita seuraava",
    "The record has been modified, your changes will be discarded. Do you want to proceed?":
        "Tietuetta on muutettu, muutoksesi hylätään. Haluatko jatkaa?",
}


class TestI18nCoreFi(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Finnish with this addon's translations, whether the database has it or not.
        cls.env["ir.translation"].load_module_terms(["omnia_customer"], ["fi_FI"])
        cls.env_fi = cls.env(context=dict(cls.env.context, lang="fi_FI"))

    def test_web_client_terms(self):
        # What /web/webclient/translations sends: the terms of installed
        # modules marked for the web client.
        installed = self.env["ir.module.module"].search(
            [("state", "=", "installed")]).mapped("name")
        messages = self.env["ir.translation"].search_read([
            ("module", "in", installed), ("lang", "=", "fi_FI"),
            ("comments", "like", "openerp-web"), ("src", "in", list(WEB_TERMS)),
            ("value", "!=", False), ("value", "!=", "")], ["src", "value"])
        self.assertEqual({message["src"]: message["value"] for message in messages}, WEB_TERMS)

    def test_code_terms(self):
        translation = self.env["ir.translation"]
        for source, finnish in WEB_TERMS.items():
            self.assertEqual(translation._get_source(None, ("code",), "fi_FI", source), finnish)

    def test_search_filters(self):
        arch = self.env_fi.ref("crm.view_crm_case_opportunities_filter").arch_db
        self.assertIn('string="Tekemättömät toimenpiteet"', arch)
        self.assertIn('string="Myöhässä olevat mahdollisuudet"', arch)
        self.assertNotIn("Activities Todo", arch)

    def test_action_menu(self):
        self.assertEqual(self.env_fi.ref("crm.action_mark_activities_done").name,
                         "Merkitse kaikki toimenpiteet tehdyiksi")
        self.assertEqual(self.env_fi.ref("crm.action_mark_late_activities_done").name,
                         "Merkitse myöhässä olevat toimenpiteet tehdyiksi")

    def test_assignment_mail(self):
        lead = self.env["crm.lead"].create({"name": "Hitsauskoulutus", "type": "opportunity"})
        body = self.env_fi.ref("mail.message_user_assigned").render(
            {"object": lead.with_context(lang="fi_FI")}, engine="ir.qweb").decode()
        self.assertIn("Sinut on nimetty vastuuhenkilöksi kohteelle liidi/mahdollisuus "
                      "Hitsauskoulutus.", " ".join(body.split()))
        self.assertNotIn("assigned", body)

    def test_scorecard_pdf_name(self):
        scorecard = self.env["omnia.scorecard"].create(
            {"name": "Tuloskortti 2031", "year": 2031})
        report = self.env.ref("omnia_customer.omnia_scorecard_report")
        # As the web client's /web/report/download names the file.
        name = safe_eval(report.print_report_name,
                         {"object": scorecard.with_context(lang="fi_FI")})
        self.assertEqual(name, "Tuloskortti 2031")
        self.assertEqual(safe_eval(report.print_report_name,
                                   {"object": scorecard.with_context(lang="en_US")}),
                         "Scorecard 2031")

    def test_demo_chatter_in_finnish(self):
        """The demo's chatter, written before Finnish was loaded, is put in
        Finnish after the install: the "created" line, the tracked field's
        name and its choices."""
        self.env["ir.translation"].load_module_terms(["mail"], ["fi_FI"])
        english = self.env(context=dict(self.env.context, lang="en_US"))
        scorecard = english["omnia.scorecard"].create({"name": "Tuloskortti 2031", "year": 2031})
        scorecard.action_propose()
        self.env["res.company"]._omnia_demo_chatter_in_finnish()
        messages = scorecard.message_ids.sorted("id")
        self.assertEqual(
            [(message.body, [(value.field_desc, value.old_value_char, value.new_value_char)
                             for value in message.tracking_value_ids.sorted("field_desc")])
             for message in messages],
            [("<p>Tuloskortti luotu</p>", []),
             ("", [("Nimi", False, "Tuloskortti 2031"), ("Tila", "", "Luonnos"),
                   ("Vuosi", False, False)]),
             ("", [("Tila", "Luonnos", "Ehdotettu")])])
