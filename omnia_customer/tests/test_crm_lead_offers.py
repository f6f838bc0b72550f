# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError

from .common import OmniaCase


class TestCrmLeadOffers(OmniaCase):
    """Offers in one form: the menu's filter by role, the withdrawal of a
    price approval, and the leads handed to an account manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Lead = cls.env["crm.lead"]
        cls.offer = cls.Lead.sudo(cls.am1).create({
            "name": "Hitsauskoulutus", "type": "opportunity", "planned_revenue": 8000.0})

    def test_offers_action_by_role(self):
        form = self.env.ref("crm.crm_case_form_view_oppor")
        for user, assigned, open_ in ((self.am1, 1, None), (self.team_lead, None, 1),
                                      (self.director, None, 1)):
            action = self.Lead.sudo(user).action_omnia_offers()
            self.assertEqual(action["context"].get("search_default_assigned_to_me"),
                             assigned, user.login)
            self.assertEqual(action["context"].get("search_default_omnia_open"),
                             open_, user.login)
            self.assertEqual(action["context"]["default_user_id"], user.id)
            self.assertEqual(action["domain"], "[('type', '=', 'opportunity')]")
            self.assertIn((form.id, "form"), action["views"])

    def test_withdraw_price_approval(self):
        self.offer.sudo(self.director).action_approve_price()
        self.assertEqual(self.offer.price_approved_by_id, self.director)
        for user in (self.am1, self.am2, self.team_lead, self.employee):
            with self.assertRaises(AccessError, msg=user.login):
                self.offer.sudo(user).action_withdraw_price_approval()
        self.assertEqual(self.offer.price_approved_by_id, self.director)
        self.offer.sudo(self.director).action_withdraw_price_approval()
        self.assertEqual((self.offer.price_approved_by_id.id, self.offer.price_approval_date),
                         (False, False))
        # A new approval after the withdrawal.
        self.offer.sudo(self.director).action_approve_price()
        self.assertEqual(self.offer.price_approved_by_id, self.director)

    def _handed_to(self, user):
        return self.Lead.sudo(user).search(
            [("omnia_handover_unopened", "=", True), ("user_id", "=", user.id)])

    def test_handed_over_until_changed_by_the_salesperson(self):
        lead = self.Lead.sudo(self.team_lead).create({
            "name": "Logistiikan koulutus", "type": "lead", "user_id": self.am1.id})
        offer = self.Lead.sudo(self.team_lead).create({
            "name": "Oppisopimus", "type": "opportunity", "user_id": self.team_lead.id})
        self.assertEqual(self._handed_to(self.am1), lead)
        offer.sudo(self.team_lead).write({"user_id": self.am1.id})
        self.assertEqual(self._handed_to(self.am1), lead | offer)
        # Someone else's change leaves it unopened; the salesperson's opens it.
        lead.sudo(self.team_lead).write({"description": "Soita ensi viikolla"})
        self.assertTrue(lead.omnia_handover_unopened)
        lead.sudo(self.am1).write({"description": "Soitettu"})
        self.assertFalse(lead.omnia_handover_unopened)
        self.assertEqual(self._handed_to(self.am1), offer)
        # Handed on to another account manager: his to open.
        offer.sudo(self.team_lead).write({"user_id": self.am2.id})
        self.assertEqual(self._handed_to(self.am1), self.Lead)
        self.assertEqual(self._handed_to(self.am2), offer)

    def test_own_and_non_account_manager_leads_not_handed_over(self):
        own = self.Lead.sudo(self.am1).create({"name": "Oma", "type": "opportunity"})
        taken = self.Lead.sudo(self.team_lead).create({
            "name": "Otettu", "type": "lead", "user_id": False})
        taken.sudo(self.am2).write({"user_id": self.am2.id})
        to_employee = self.Lead.sudo(self.team_lead).create({
            "name": "Muu", "type": "lead", "user_id": self.employee.id})
        self.assertEqual(
            [own.omnia_handover_unopened, taken.omnia_handover_unopened,
             to_employee.omnia_handover_unopened], [False, False, False])
        self.assertEqual(self.offer.omnia_handover_unopened, False)

    def test_data_says_what_was_handed_over(self):
        """The superuser (data files, migrations) hands nothing over."""
        loaded = self.Lead.create({"name": "Ladattu", "type": "lead", "user_id": self.am1.id})
        handed = self.Lead.create({"name": "Luovutettu", "type": "lead", "user_id": self.am1.id,
                                   "omnia_handover_unopened": True})
        self.assertEqual([loaded.omnia_handover_unopened, handed.omnia_handover_unopened],
                         [False, True])
        handed.write({"user_id": self.am2.id})
        self.assertTrue(handed.omnia_handover_unopened)

    def test_handover_flag_is_the_systems(self):
        for user in (self.am1, self.team_lead):
            with self.assertRaises(AccessError, msg=user.login):
                self.offer.sudo(user).write({"omnia_handover_unopened": True})
            with self.assertRaises(AccessError, msg=user.login):
                self.Lead.sudo(user).create({
                    "name": "X", "type": "lead", "omnia_handover_unopened": True})

    def _xmlid(self, record, module):
        self.env["ir.model.data"].create({
            "module": module, "name": "test_%s_%d" % (record._table, record.id),
            "model": record._name, "res_id": record.id})
        return record

    def test_archive_odoo_demo(self):
        """Demo data only: leads of another module's demo data are deleted,
        its other records archived; the addon's stay."""
        company = self._xmlid(self._company("Agrolait Test"), "test_demo")
        contact = self._xmlid(self._contact(company, "Demo Contact"), "test_demo")
        lead = self._xmlid(self.Lead.create({
            "name": "Need a New Website", "type": "opportunity", "partner_id": company.id,
            "user_id": self.am1.id}), "test_demo")
        activity = self.env["mail.activity"].create({
            "res_id": lead.id, "res_model_id": self.env["ir.model"]._get("crm.lead").id,
            "summary": "Call", "user_id": self.am1.id})
        team = self._xmlid(self.env["crm.team"].create({"name": "Europe Test"}), "test_demo")
        omnia_lead = self._xmlid(self.Lead.create({
            "name": "Hitsaus", "type": "opportunity"}), "omnia_customer")
        user_partner = self._xmlid(self.am2.partner_id, "test_demo")
        self.Lead._omnia_archive_odoo_demo()
        self.assertFalse(lead.exists())
        self.assertEqual([record.active for record in (company, contact, team)],
                         [False, False, False])
        self.assertEqual([omnia_lead.active, self.offer.active, user_partner.active],
                         [True, True, True])
        self.assertFalse(activity.exists())
        demo_user = self.env.ref("base.user_demo", raise_if_not_found=False)
        if demo_user:
            self.assertFalse(demo_user.active)

    def test_keep_odoo_demo(self):
        """With omnia_customer.keep_odoo_demo (Odoo's own test suites), Odoo's
        demo records stay as Odoo made them, and so do the languages."""
        self.env["ir.config_parameter"].set_param("omnia_customer.keep_odoo_demo", "1")
        company = self._xmlid(self._company("Agrolait Test"), "test_demo")
        company.lang = "en_US"
        lead = self._xmlid(self.Lead.create({
            "name": "Need a New Website", "type": "opportunity"}), "test_demo")
        main_company = self.env.ref("base.main_company")
        main_company.omnia_user_lang = False
        admin_partner = self.env.ref("base.partner_root")
        admin_partner.lang = "en_US"
        self.Lead._omnia_archive_odoo_demo()
        self.env["res.company"]._omnia_demo_in_finnish()
        self.assertEqual([lead.exists() == lead, company.active, company.lang,
                          main_company.omnia_user_lang], [True, True, "en_US", False])
        self.env["ir.config_parameter"].set_param("omnia_customer.keep_odoo_demo", False)
        self.env["res.company"]._omnia_demo_in_finnish()
        self.assertEqual([company.lang, main_company.omnia_user_lang, admin_partner.lang],
                         ["fi_FI", "fi_FI", "en_US"])
