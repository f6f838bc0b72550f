# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import OmniaCase, load_migration

PARAM = "omnia_customer.price_approval_required_%s"


class OfferDocumentCase(OmniaCase):
    """A catalogue of two trainings, a customer of each account manager and
    an open staff training offer of the first."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, mail_notrack=False))
        cls.Lead = cls.env["crm.lead"]
        cls.Line = cls.env["omnia.offer.line"]
        cls.qualification = cls.env["omnia.qualification"].create({
            "name": "Testijohtamisen erikoisammattitutkinto", "has_forums": False})
        Template = cls.env["product.template"]
        cls.training_jet = Template.create({
            "name": "Testijohtamisen koulutus", "omnia_is_training": True,
            "type": "service", "list_price": 4900.0, "omnia_duration_days": 20.0,
            "omnia_qualification_id": cls.qualification.id}).product_variant_id
        cls.training_card = Template.create({
            "name": "Testiturvallisuuskortti", "omnia_is_training": True,
            "type": "service", "list_price": 115.0,
            "omnia_duration_days": 1.0}).product_variant_id
        cls.customer1 = cls._company("Tarjoustesti Oy", cls.am1, street="Testikatu 1",
                                     zip="02600", city="Espoo")
        cls.contact1 = cls._contact(cls.customer1, "Tiina Tilaaja",
                                    email="tiina.tilaaja@example.com")
        cls.customer2 = cls._company("Toisen Tarjous Oy", cls.am2)
        cls.offer = cls.Lead.sudo(cls.am1).create({
            "name": "Johtamiskoulutus", "type": "opportunity",
            "partner_id": cls.contact1.id, "offer_type": "staff_training",
            "planned_revenue": 1000.0})
        cls.other_offer = cls.Lead.sudo(cls.am2).create({
            "name": "Toisen tarjous", "type": "opportunity",
            "partner_id": cls.customer2.id, "offer_type": "staff_training"})

    def _line(self, lead, product, quantity, user=None, **values):
        vals = dict(values, lead_id=lead.id, product_id=product.id, quantity=quantity)
        return self.Line.sudo(user or self.am1).create(vals)


class TestOfferLines(OfferDocumentCase):

    def test_lines_total_is_expected_revenue(self):
        jet = self._line(self.offer, self.training_jet, 3)
        card = self._line(self.offer, self.training_card, 12, price_unit=100.0)
        # defaults of the catalogue when not given
        self.assertEqual(jet.name, "Testijohtamisen koulutus")
        self.assertEqual(jet.price_unit, 4900.0)
        self.assertEqual(jet.qualification_id, self.qualification)
        self.assertEqual((jet.price_subtotal, card.price_subtotal), (14700.0, 1200.0))
        self.assertEqual(self.offer.offer_amount_total, 15900.0)
        self.assertEqual(self.offer.planned_revenue, 15900.0)
        card.sudo(self.am1).write({"quantity": 10})
        self.assertEqual(self.offer.offer_amount_total, 15700.0)
        self.assertEqual(self.offer.planned_revenue, 15700.0)
        jet.sudo(self.am1).unlink()
        self.assertEqual(self.offer.planned_revenue, 1000.0)
        # the expected revenue of an offer with lines is the lines' total
        self.offer.sudo(self.am1).write({"planned_revenue": 99.0})
        self.assertEqual(self.offer.planned_revenue, 1000.0)

    def test_lines_through_the_offer_form(self):
        self.offer.sudo(self.am1).write({"offer_line_ids": [
            (0, 0, {"product_id": self.training_card.id, "name": "Kortti",
                    "quantity": 20, "price_unit": 115.0}),
            (0, 0, {"product_id": self.training_jet.id, "name": "JET",
                    "quantity": 1, "price_unit": 4500.0}),
        ]})
        self.assertEqual(self.offer.offer_amount_total, 6800.0)
        self.assertEqual(self.offer.planned_revenue, 6800.0)
        self.assertEqual(self.offer.offer_line_ids.mapped("name"), ["Kortti", "JET"])

    def test_onchange_product(self):
        line = self.Line.new({"lead_id": self.offer.id})
        line.product_id = self.training_card
        line._onchange_product_id()
        self.assertEqual((line.name, line.price_unit), ("Testiturvallisuuskortti", 115.0))

    def test_form_shows_the_lines_total(self):
        offer = self.Lead.new({"planned_revenue": 1000.0, "offer_line_ids": [
            (0, 0, {"name": "Kortti", "quantity": 20, "price_unit": 115.0}),
            (0, 0, {"name": "Passi", "quantity": 10, "price_unit": 95.0})]})
        offer._onchange_offer_line_ids()
        self.assertEqual(offer.planned_revenue, 3250.0)

    def test_bad_line_values_refused(self):
        for values, message in (({"quantity": 0}, "Quantity: "),
                                ({"price_unit": -1.0}, "Unit Price: "),
                                ({"name": "  "}, "Description: ")):
            with self.assertRaises(ValidationError) as error, self.cr.savepoint():
                self._line(self.offer, self.training_card, values.pop("quantity", 1),
                           **values)
            self.assertTrue(error.exception.name.startswith(message))
        self.assertFalse(self.offer.offer_line_ids)
        self.assertEqual(self.offer.planned_revenue, 1000.0)

    def test_account_manager_lines_of_own_offers_only(self):
        with self.assertRaises(AccessError), self.cr.savepoint():
            self._line(self.other_offer, self.training_card, 5)
        self.assertFalse(self.other_offer.offer_line_ids)
        others = self._line(self.other_offer, self.training_card, 5, user=self.am2)
        self.assertFalse(self.Line.sudo(self.am1).search([("id", "=", others.id)]))
        with self.assertRaises(AccessError), self.cr.savepoint():
            others.sudo(self.am1).write({"quantity": 50})
        with self.assertRaises(AccessError), self.cr.savepoint():
            others.sudo(self.am1).unlink()
        # nor moved onto another account manager's offer
        own = self._line(self.offer, self.training_card, 5)
        with self.assertRaises(AccessError), self.cr.savepoint():
            own.sudo(self.am1).write({"lead_id": self.other_offer.id})
        self.assertEqual(own.lead_id, self.offer)
        self.assertEqual(self.other_offer.offer_amount_total, 575.0)
        # the team lead and management edit all lines
        others.sudo(self.team_lead).write({"quantity": 6})
        others.sudo(self.director).write({"quantity": 7})
        self.assertEqual(self.other_offer.planned_revenue, 805.0)
        with self.assertRaises(AccessError):
            self.Line.sudo(self.employee).search([])

    def test_odoo_salesperson_saves_offers(self):
        """Odoo's salespeople outside the Omnia roles still save leads and
        offers: the lines' total is the offer's own figure, though the
        lines themselves are not theirs to read."""
        salesman = self.env["res.users"].create({
            "name": "Odoon Myyjä", "login": "odoo.salesman.offers",
            "email": "odoo.salesman@example.com",
            "groups_id": [(6, 0, [self.env.ref("sales_team.group_sale_salesman_all_leads").id])]})
        lead = self.Lead.sudo(salesman).create({
            "name": "Odoon tarjous", "type": "opportunity", "planned_revenue": 500.0})
        self.assertEqual(lead.offer_amount_total, 0.0)
        self._line(self.offer, self.training_card, 4)
        self.offer.sudo(salesman).write({"planned_revenue": 999.0, "priority": "2"})
        self.assertEqual(self.offer.planned_revenue, 460.0)
        self.assertEqual(self.offer.offer_amount_total, 460.0)
        with self.assertRaises(AccessError):
            self.Line.sudo(salesman).search([])


class TestCatalogue(OfferDocumentCase):

    def test_catalogue_rights(self):
        Template = self.env["product.template"]
        values = {"name": "Testitrukkikoulutus", "omnia_is_training": True,
                  "type": "service", "list_price": 600.0, "omnia_duration_days": 3.0}
        for user in (self.team_lead, self.director):
            training = Template.sudo(user).create(dict(values))
            training.sudo(user).write({"list_price": 650.0})
            self.assertEqual(training.list_price, 650.0)
        with self.assertRaises(AccessError):
            Template.sudo(self.am1).create(dict(values))
        with self.assertRaises(AccessError):
            self.training_card.product_tmpl_id.sudo(self.am1).write({"list_price": 1.0})
        self.assertEqual(self.training_card.sudo(self.am1).omnia_duration_days, 1.0)

    def test_catalogue_bad_values(self):
        with self.assertRaises(ValidationError) as error, self.cr.savepoint():
            self.training_card.product_tmpl_id.write({"omnia_duration_days": -1.0})
        self.assertTrue(error.exception.name.startswith("Duration (days): "))


class TestOfferApproval(OfferDocumentCase):

    def test_approved_price_held_against_lines(self):
        self._line(self.offer, self.training_jet, 2)
        self.offer.sudo(self.director).action_approve_price()
        self.assertEqual(self.offer.price_approved_by_id, self.director)
        self.assertEqual(self.offer.approved_price, 9800.0)
        self.assertEqual(self.offer.offer_price_difference, 0.0)
        # a changed line clears the approval; the approved price stays to
        # compare with
        self._line(self.offer, self.training_card, 4)
        self.assertEqual(self.offer.offer_amount_total, 10260.0)
        self.assertFalse(self.offer.price_approved_by_id)
        self.assertFalse(self.offer.price_approval_date)
        self.assertEqual(self.offer.approved_price, 9800.0)
        self.assertEqual(self.offer.offer_price_difference, 460.0)
        self.offer.sudo(self.director).action_approve_price()
        self.assertEqual(self.offer.approved_price, 10260.0)
        self.assertEqual(self.offer.offer_price_difference, 0.0)
        self.offer.sudo(self.director).action_withdraw_price_approval()
        self.assertEqual((self.offer.price_approved_by_id.id, self.offer.approved_price),
                         (False, 0.0))

    def test_unchanged_total_keeps_approval(self):
        line = self._line(self.offer, self.training_card, 10)
        self.offer.sudo(self.director).action_approve_price()
        line.sudo(self.am1).write({"name": "Kortti, kaksi ryhmää", "sequence": 5})
        self.assertEqual(self.offer.price_approved_by_id, self.director)

    def test_only_management_approves(self):
        for user in (self.am1, self.team_lead):
            with self.assertRaises(AccessError), self.cr.savepoint():
                self.offer.sudo(user).action_approve_price()
            with self.assertRaises(AccessError), self.cr.savepoint():
                self.offer.sudo(user).write({"approved_price": 1.0})
        self.assertEqual(self.offer.approved_price, 0.0)


class TestRunDecision(OfferDocumentCase):

    def test_management_decides(self):
        offer = self.offer.sudo(self.director)
        offer.action_decide_run()
        self.assertEqual(self.offer.run_decision, "run")
        self.assertEqual(self.offer.run_decided_by_id, self.director)
        self.assertEqual(self.offer.run_decision_date, self._real_today())
        tracked = self.offer.sudo().message_ids.mapped("tracking_value_ids").filtered(
            lambda value: value.field == "run_decision")
        self.assertEqual(tracked[:1].new_value_char, "Run")
        offer.action_decide_not_run()
        self.assertEqual(self.offer.run_decision, "not_run")
        offer.action_reset_run_decision()
        self.assertEqual((self.offer.run_decision, self.offer.run_decided_by_id.id,
                          self.offer.run_decision_date), ("undecided", False, False))

    def test_others_may_not_decide(self):
        for user in (self.am1, self.team_lead):
            offer = self.offer.sudo(user)
            for action in (offer.action_decide_run, offer.action_decide_not_run,
                           offer.action_reset_run_decision):
                with self.assertRaises(AccessError), self.cr.savepoint():
                    action()
            for values in ({"run_decision": "run"}, {"run_decided_by_id": self.director.id},
                           {"run_decision_date": "2026-03-06"}):
                with self.assertRaises(AccessError), self.cr.savepoint():
                    offer.write(values)
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.Lead.sudo(self.am1).create({
                "name": "Päätetty itse", "type": "opportunity", "run_decision": "run"})
        self.assertEqual(self.offer.run_decision, "undecided")

    def test_decider_must_be_management(self):
        with self.assertRaises(ValidationError) as error, self.cr.savepoint():
            self.offer.sudo().write({"run_decided_by_id": self.am1.id})
        self.assertTrue(error.exception.name.startswith("Decided By: "))


class TestWonNeedsApproval(OfferDocumentCase):

    def _state(self, lead):
        lead.invalidate_cache()
        return (lead.stage_id, lead.probability, lead.date_closed)

    def test_won_refused_without_approval(self):
        offer = self.offer.sudo(self.am1)
        before = self._state(self.offer)
        attempts = (
            offer.action_set_won,
            lambda: offer.write({"stage_id": self.won_stage.id}),
            lambda: offer.write({"probability": 100}),
        )
        for attempt in attempts:
            with self.assertRaises(ValidationError) as error, self.cr.savepoint():
                attempt()
            self.assertEqual(
                error.exception.name,
                "Price Approved By: the offer Johtamiskoulutus (Staff Training) is "
                "won only when management has approved its price.")
            self.assertEqual(self._state(self.offer), before)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.Lead.sudo(self.am1).create({
                "name": "Voitettu heti", "type": "opportunity", "partner_id": self.customer1.id,
                "offer_type": "labour_policy", "stage_id": self.won_stage.id,
                "probability": 100})
        self.assertFalse(self.Lead.search([("name", "=", "Voitettu heti")]))

    def test_won_with_approval(self):
        self.offer.sudo(self.director).action_approve_price()
        self.offer.sudo(self.am1).action_set_won()
        self.assertEqual(self.offer.probability, 100)
        self.assertEqual(self.offer.stage_id.probability, 100)
        # a change of price after the win clears the approval, the offer stays won
        self.offer.sudo(self.am1).write({"planned_revenue": 2000.0})
        self.assertFalse(self.offer.price_approved_by_id)
        self.assertEqual(self.offer.probability, 100)

    def test_types_without_requirement(self):
        self.offer.write({"offer_type": "apprenticeship"})
        self.offer.sudo(self.am1).action_set_won()
        self.assertEqual(self.offer.probability, 100)
        untyped = self.Lead.sudo(self.am1).create({
            "name": "Ilman tyyppiä", "type": "opportunity", "probability": 100,
            "stage_id": self.won_stage.id})
        self.assertEqual(untyped.probability, 100)

    def test_switches_of_settings(self):
        settings = self.env["res.config.settings"].sudo(self.admin)
        values = settings.default_get(list(settings._fields))
        self.assertEqual(
            [values["omnia_price_approval_%s" % key] for key in
             ("staff_training", "apprenticeship", "labour_policy", "other")],
            [True, False, True, False])
        # execute() calls set_values(), and installs the modules its values
        # name (none here), resetting the tests' environments
        settings.create(dict(values, omnia_price_approval_staff_training=False,
                             omnia_price_approval_apprenticeship=True)).set_values()
        params = self.env["ir.config_parameter"]
        self.assertEqual((params.get_param(PARAM % "staff_training"),
                          params.get_param(PARAM % "apprenticeship")), ("0", "1"))
        self.offer.sudo(self.am1).action_set_won()
        self.assertEqual(self.offer.probability, 100)
        self.other_offer.write({"offer_type": "apprenticeship"})
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.other_offer.sudo(self.am2).action_set_won()
        self.assertEqual(self._state(self.other_offer)[1], self.other_offer.probability)
        self.assertLess(self.other_offer.probability, 100)

    def test_settings_for_administrators_only(self):
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].sudo(self.director).create({})


class TestOfferDocument(OfferDocumentCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.user.company_id
        company.write({"name": "Testiopisto", "street": "Opistotie 3", "zip": "02650",
                       "city": "Espoo", "phone": "+358 9 123 4567",
                       "email": "asiakaspalvelu@example.com",
                       "website": "https://opisto.example.com"})
        company.partner_id.business_id = "0000000-0"
        cls.am1.partner_id.phone = "+358 40 111 2222"
        cls.offer.write({
            "offer_date": "2026-03-02", "offer_valid_until": "2026-03-31",
            "offer_terms": "Laskutus koulutuksen jälkeen, maksuehto 14 päivää."})
        cls.Line.create({"lead_id": cls.offer.id, "product_id": cls.training_jet.id,
                         "quantity": 2, "sequence": 1})
        cls.Line.create({"lead_id": cls.offer.id, "product_id": cls.training_card.id,
                         "name": "Työturvallisuuskortti, kaksi ryhmää",
                         "quantity": 40, "sequence": 2})

    def test_offer_pdf(self):
        report = self.env.ref("omnia_customer.crm_lead_offer_report")
        with self.real_pdf():
            pdf, report_format = report.sudo(self.am1).render_qweb_pdf(self.offer.ids)
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        html = report.sudo(self.am1).render_qweb_html(self.offer.ids)[0].decode()
        for text in ("Testiopisto", "Opistotie 3", "0000000-0", "+358 9 123 4567",
                     "asiakaspalvelu@example.com", "https://opisto.example.com",
                     "Tarjoustesti Oy", "Tiina Tilaaja", "Johtamiskoulutus",
                     "Testijohtamisen koulutus", "Testijohtamisen erikoisammattitutkinto",
                     "Työturvallisuuskortti, kaksi ryhmää",
                     "Laskutus koulutuksen jälkeen", "Test AM One", "+358 40 111 2222"):
            self.assertIn(text, html)
        if not self.env["res.lang"]._lang_get("fi_FI"):
            return
        for text in ("Tarjous", "Y-tunnus", "Voimassa", "Yhteyshenkilö", "Yhteensä",
                     "02.03.2026", "31.03.2026", "14\u00a0400,00", "4\u00a0600,00",
                     "9\u00a0800,00"):
            self.assertIn(text, html)
        # the PDF's own text, down to the letterhead's closing line
        text = self.pdf_text(pdf)
        for part in ("Testijohtamisen koulutus", "Tiina Tilaaja", "Tarjoustesti Oy",
                     "Laskutus koulutuksen jälkeen", "Y-tunnus: 0000000-0", "Yhteensä"):
            self.assertIn(part, text)
        self.assertRegex(text, r"Testiopisto\s+·\s+Y-tunnus:\s+0000000-0\s+·\s+https://opisto")

    def test_send_offer(self):
        action = self.offer.sudo(self.am1).action_send_offer()
        self.assertEqual(action["res_model"], "mail.compose.message")
        composer = self.env["mail.compose.message"].sudo(self.am1).with_context(
            action["context"], mail_notify_force_send=False).create({})
        with self.real_pdf():
            composer.onchange_template_id_wrapper()
        self.assertEqual(composer.partner_ids, self.contact1)
        self.assertEqual(composer.subject, "Tarjous: Johtamiskoulutus")
        self.assertEqual(composer.attachment_ids.mapped("name"),
                         ["Tarjous Johtamiskoulutus.pdf"])
        composer.send_mail()
        mail = self.env["mail.mail"].search([
            ("model", "=", "crm.lead"), ("res_id", "=", self.offer.id)])
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.contact1)
        self.assertTrue(base64.b64decode(mail.attachment_ids.datas).startswith(b"%PDF"))

    def test_send_offer_needs_lines_and_address(self):
        with self.assertRaisesRegex(UserError, "Offer Lines: add the trainings"):
            self.other_offer.sudo(self.am2).action_send_offer()
        self.contact1.email = False
        with self.assertRaisesRegex(UserError, "E-mail: the customer Tarjoustesti Oy, "
                                               "Tiina Tilaaja has no e-mail"):
            self.offer.sudo(self.am1).action_send_offer()


class TestApprovedPriceOfEarlierApprovals(OfferDocumentCase):
    """Offers approved before the approved price was stored (its column
    empty) get their expected revenue as the approved price from 11.0.5.0.0's
    migration. Run twice, the second run changes nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.migration = load_migration("11.0.5.0.0", "post-offer_approved_price.py")

    def test_approved_offers_get_their_price(self):
        self.offer.sudo(self.director).action_approve_price()
        self.env.cr.execute("UPDATE crm_lead SET approved_price = NULL WHERE id IN %s",
                            (tuple((self.offer | self.other_offer).ids),))
        for _run in range(2):
            self.migration.migrate(self.env.cr, "11.0.4.0.0")
            self.offer.invalidate_cache()
            self.assertEqual(self.offer.approved_price, 1000.0)
            self.assertEqual(self.other_offer.approved_price, 0.0)
