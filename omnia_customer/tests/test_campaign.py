# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Targeted campaigns: the recipients' domain built from the criteria, the
contacts it reaches, the refusal of a campaign reaching nobody, the leads
and offers counted back on the campaign, and who may make and send one."""
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.safe_eval import safe_eval

from .common import OmniaCustomerCase


class TestCampaign(OmniaCustomerCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.Mailing = cls.env["mail.mass_mailing"]
        Industry = cls.env["omnia.industry"]
        cls.metal = Industry.create({"name": "Testimetalli", "code": "T-MET"})
        cls.care = Industry.create({"name": "Testihoiva", "code": "T-CARE"})
        cls.cluster = cls.env["omnia.cluster"].create(
            {"name": "Testiklusteri", "field": "technology"})
        # class B, metal, am1, in the cluster: one contact of four is reached
        cls.metal_b = cls._company(
            "Testimetalli B Oy", cls.am1, segment_id=cls.seg_b.id,
            industry_ids=[(6, 0, cls.metal.ids)], cluster_ids=[(6, 0, cls.cluster.ids)])
        cls.reached = cls._contact(cls.metal_b, "Saara Saaja", email="saara@metalli-b.example")
        cls.opted_out = cls._contact(cls.metal_b, "Kalle Kieltäytyjä",
                                     email="kalle@metalli-b.example", opt_out=True)
        cls.no_email = cls._contact(cls.metal_b, "Eino Eiosoitetta")
        cls.archived = cls._contact(cls.metal_b, "Aino Arkistoitu",
                                    email="aino@metalli-b.example", active=False)
        # class B, care, am2
        cls.care_b = cls._company("Testihoiva B Oy", cls.am2, segment_id=cls.seg_b.id,
                                  industry_ids=[(6, 0, cls.care.ids)])
        cls.care_contact = cls._contact(cls.care_b, "Hilma Hoitaja",
                                        email="hilma@hoiva-b.example")
        # class C, metal, am1
        cls.metal_c = cls._company("Testimetalli C Oy", cls.am1, segment_id=cls.seg_c.id,
                                   industry_ids=[(6, 0, cls.metal.ids)])
        cls.metal_c_contact = cls._contact(cls.metal_c, "Cecilia Ceeluokka",
                                           email="cecilia@metalli-c.example")
        # class B, metal, but archived, and a supplier (no customer)
        cls.archived_b = cls._company("Testimetalli Arkisto Oy", cls.am1,
                                      segment_id=cls.seg_b.id,
                                      industry_ids=[(6, 0, cls.metal.ids)])
        cls.archived_b_contact = cls._contact(cls.archived_b, "Arvo Arkisto",
                                              email="arvo@arkisto.example")
        cls.archived_b.active = False
        cls.supplier = cls._company("Testitoimittaja Oy", segment_id=cls.seg_b.id,
                                    customer=False, supplier=True,
                                    industry_ids=[(6, 0, cls.metal.ids)])
        cls._contact(cls.supplier, "Tuomas Toimittaja", email="tuomas@toimittaja.example")

    def _mailing(self, user=None, **values):
        vals = {"name": "Kevään koulutukset", "body_html": "<p>Tervetuloa</p>"}
        vals.update(values)
        return self.Mailing.sudo(user or self.team_lead).create(vals)

    def _recipients(self, mailing):
        return self.env["res.partner"].search(safe_eval(mailing.mailing_domain))

    # The recipients' domain

    def test_class_and_industry_reach_their_contacts_only(self):
        mailing = self._mailing(omnia_segment_ids=[(6, 0, self.seg_b.ids)],
                                omnia_industry_ids=[(6, 0, self.metal.ids)])
        self.assertEqual(mailing.mailing_model_name, "res.partner")
        self.assertEqual(safe_eval(mailing.mailing_domain), [
            ("is_company", "=", False), ("email", "!=", False), ("opt_out", "=", False),
            ("commercial_partner_id.is_company", "=", True),
            ("commercial_partner_id.customer", "=", True),
            ("commercial_partner_id.active", "=", True),
            ("commercial_partner_id.segment_id", "in", self.seg_b.ids),
            ("commercial_partner_id.industry_ids", "in", self.metal.ids),
        ])
        self.assertEqual(self._recipients(mailing), self.reached)
        self.assertEqual(mailing.omnia_recipient_count, 1)
        # Odoo's own sending reads the same domain
        self.assertEqual(mailing.get_remaining_recipients(), self.reached.ids)

    def test_any_value_within_one_criterion(self):
        mailing = self._mailing(omnia_segment_ids=[(6, 0, (self.seg_b | self.seg_c).ids)],
                                omnia_industry_ids=[(6, 0, self.metal.ids)])
        self.assertEqual(self._recipients(mailing), self.reached | self.metal_c_contact)
        mailing.sudo(self.team_lead).write(
            {"omnia_industry_ids": [(6, 0, (self.metal | self.care).ids)]})
        self.assertEqual(self._recipients(mailing),
                         self.reached | self.metal_c_contact | self.care_contact)
        self.assertEqual(mailing.omnia_recipient_count, 3)

    def test_cluster_and_account_manager(self):
        mailing = self._mailing(omnia_cluster_ids=[(6, 0, self.cluster.ids)])
        self.assertEqual(self._recipients(mailing), self.reached)
        mailing.sudo(self.team_lead).write({
            "omnia_cluster_ids": [(5, 0, 0)],
            "omnia_account_manager_ids": [(6, 0, self.am2.ids)]})
        self.assertEqual(self._recipients(mailing), self.care_contact)

    def test_onchange_gives_the_form_the_same_domain(self):
        mailing = self.Mailing.sudo(self.team_lead).new({
            "name": "Luonnos",
            "mailing_model_id": self.env["ir.model"]._get("res.partner").id,
            "omnia_segment_ids": [(6, 0, self.seg_b.ids)],
            "omnia_industry_ids": [(6, 0, self.care.ids)],
        })
        with mailing.env.do_in_onchange():
            mailing._onchange_omnia_criteria()
        self.assertEqual(mailing.omnia_recipient_count, 1)
        saved = self._mailing(omnia_segment_ids=[(6, 0, self.seg_b.ids)],
                              omnia_industry_ids=[(6, 0, self.care.ids)])
        self.assertEqual(mailing.mailing_domain, saved.mailing_domain)

    def test_a_written_domain_is_made_again_from_the_criteria(self):
        mailing = self._mailing(omnia_segment_ids=[(6, 0, self.seg_b.ids)],
                                omnia_industry_ids=[(6, 0, self.metal.ids)])
        domain = mailing.mailing_domain
        mailing.sudo(self.team_lead).write({"mailing_domain": "[]"})
        self.assertEqual(mailing.mailing_domain, domain)

    def test_mailing_list_mailings_keep_their_domain(self):
        mailing_list = self.env["mail.mass_mailing.list"].create({"name": "Testilista"})
        mailing = self._mailing(
            mailing_model_id=self.env.ref("mass_mailing.model_mail_mass_mailing_list").id,
            contact_list_ids=[(6, 0, mailing_list.ids)],
            mailing_domain="[('list_ids', 'in', [%d])]" % mailing_list.id)
        self.assertEqual(mailing.mailing_domain, "[('list_ids', 'in', [%d])]" % mailing_list.id)
        self.assertEqual(mailing.omnia_recipient_count, 0)

    # Opt-out, no e-mail, archived

    def test_opted_out_archived_and_without_email_skipped(self):
        mailing = self._mailing(omnia_account_manager_ids=[(6, 0, self.am1.ids)])
        recipients = self._recipients(mailing)
        self.assertEqual(recipients, self.reached | self.metal_c_contact)
        for skipped in (self.opted_out, self.no_email, self.archived,
                        self.archived_b_contact):
            self.assertNotIn(skipped, recipients)
        # a contact opting out later is left out of the send
        self.metal_c_contact.opt_out = True
        self.assertEqual(mailing.get_remaining_recipients(), self.reached.ids)

    # Bad input

    def test_no_recipients_refused_nothing_saved(self):
        count = self.Mailing.search_count([])
        with self.assertRaises(ValidationError) as error, self.cr.savepoint():
            self._mailing(omnia_segment_ids=[(6, 0, self.seg_a.ids)])
        self.assertEqual(
            error.exception.name,
            "Recipients: no contact person of a customer company meets the criteria "
            "(active, with an e-mail address, not opted out).")
        self.assertEqual(self.Mailing.search_count([]), count)
        mailing = self._mailing(omnia_segment_ids=[(6, 0, self.seg_b.ids)],
                                omnia_industry_ids=[(6, 0, self.care.ids)])
        with self.assertRaises(ValidationError), self.cr.savepoint():
            mailing.sudo(self.team_lead).write({"omnia_segment_ids": [(6, 0, self.seg_c.ids)]})
        self.assertEqual(mailing.omnia_segment_ids, self.seg_b)
        # the only recipient opts out after the save: the send is refused
        self.care_contact.opt_out = True
        with self.assertRaises(UserError) as error:
            mailing.sudo(self.team_lead).put_in_queue()
        self.assertTrue(error.exception.name.startswith("Recipients:"))
        self.assertEqual(mailing.state, "draft")

    # Counted back on the campaign

    def test_replies_leads_and_won_offers_counted_on_the_campaign(self):
        campaign = self.env["mail.mass_mailing.campaign"].sudo(self.team_lead).create(
            {"name": "Testikampanja"})
        mailing = self._mailing(mass_mailing_campaign_id=campaign.id,
                                campaign_id=campaign.campaign_id.id,
                                omnia_segment_ids=[(6, 0, self.seg_b.ids)])
        mailing.sudo(self.team_lead).send_mail()
        stats = self.env["mail.mail.statistics"].search([("mass_mailing_id", "=", mailing.id)])
        self.assertEqual(sorted(stats.mapped("res_id")),
                         sorted((self.reached | self.care_contact).ids))
        stats.filtered(lambda s: s.res_id == self.reached.id).set_replied(
            mail_mail_ids=stats.filtered(lambda s: s.res_id == self.reached.id)
            .mapped("mail_mail_id_int"))
        utm = {"campaign_id": campaign.campaign_id.id}
        won = self._days(5)
        self._opportunity(self.metal_b, 12000.0, date_closed=won, **utm)
        self._opportunity(self.care_b, 8000.0, date_closed=won, **utm)
        self._opportunity(self.care_b, 5000.0, probability=40, **utm)
        self._opportunity(self.metal_b, 3000.0, lost=True, probability=10, **utm)
        self.env["crm.lead"].sudo(self.am1).create(
            {"name": "Vastaus kampanjaan", "partner_id": self.reached.id, **utm})
        self._opportunity(self.metal_b, 99000.0, date_closed=won)  # no campaign
        for user in (self.am1, self.team_lead, self.director):
            campaign_read = campaign.sudo(user)
            self.assertEqual(
                (campaign_read.replied, campaign_read.omnia_lead_count,
                 campaign_read.omnia_won_count, campaign_read.omnia_won_revenue),
                (1, 4, 2, 20000.0), user.login)
        action = campaign.action_omnia_view_won()
        self.assertEqual(sorted(self.env["crm.lead"].search(action["domain"])
                                .mapped("planned_revenue")), [8000.0, 12000.0])
        self.assertEqual(self.env["crm.lead"].search_count(
            campaign.action_omnia_view_leads()["domain"]), 4)

    # Who may make and send a campaign

    def test_team_lead_and_management_make_and_send(self):
        for user in (self.team_lead, self.director):
            mailing = self._mailing(user, omnia_segment_ids=[(6, 0, self.seg_b.ids)])
            mailing.sudo(user).put_in_queue()
            self.assertEqual(mailing.state, "in_queue")
            self.env["mail.mass_mailing.campaign"].sudo(user).create({"name": "K %s" % user.login})

    def test_account_manager_reads_but_cannot_make_or_send(self):
        mailing = self._mailing(omnia_segment_ids=[(6, 0, self.seg_b.ids)])
        campaign = self.env["mail.mass_mailing.campaign"].create({"name": "Luettava"})
        self.assertEqual(mailing.sudo(self.am1).omnia_recipient_count, 2)
        self.assertEqual(campaign.sudo(self.am1).read(["name"])[0]["name"], "Luettava")
        with self.assertRaises(AccessError), self.cr.savepoint():
            self._mailing(self.am1, omnia_segment_ids=[(6, 0, self.seg_b.ids)])
        with self.assertRaises(AccessError), self.cr.savepoint():
            mailing.sudo(self.am1).put_in_queue()
        with self.assertRaises(AccessError), self.cr.savepoint():
            mailing.sudo(self.am1).send_mail()
        with self.assertRaises(AccessError), self.cr.savepoint():
            mailing.sudo(self.am1).write({"omnia_segment_ids": [(6, 0, self.seg_c.ids)]})
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.env["mail.mass_mailing.campaign"].sudo(self.am1).create({"name": "Oma"})
        self.assertEqual(mailing.state, "draft")
        self.assertFalse(self.env["mail.mail.statistics"].search(
            [("mass_mailing_id", "=", mailing.id)]))

    def test_employee_outside_the_team_reads_no_campaign(self):
        mailing = self._mailing(omnia_segment_ids=[(6, 0, self.seg_b.ids)])
        with self.assertRaises(AccessError):
            mailing.sudo(self.employee).read(["name"])

    def test_new_users_get_no_email_marketing(self):
        """mass_mailing's installation gives the template of new users its
        user group; the addon's data takes it away (on every update)."""
        template = self.env.ref("base.default_user")
        self.assertFalse(template.groups_id & (
            self.env.ref("mass_mailing.group_mass_mailing_user")
            | self.env.ref("mass_mailing.group_mass_mailing_campaign")))
        user = self.env["res.users"].with_context(no_reset_password=True).create(
            {"name": "Uusi Käyttäjä", "login": "test.uusi.kampanja"})
        self.assertFalse(user.has_group("mass_mailing.group_mass_mailing_user"))
        with self.assertRaises(AccessError):
            self._mailing(user, omnia_segment_ids=[(6, 0, self.seg_b.ids)])

    def test_lead_from_a_reply_carries_the_campaign(self):
        """A contact answers a campaign's mail; the mail gateway makes a lead
        of the answer (as an alias making leads does): the lead has the
        campaign, and the campaign counts the reply and the lead."""
        campaign = self.env["mail.mass_mailing.campaign"].create({"name": "Vastauskampanja"})
        mailing = self._mailing(mass_mailing_campaign_id=campaign.id,
                                omnia_segment_ids=[(6, 0, self.seg_b.ids)],
                                omnia_industry_ids=[(6, 0, self.metal.ids)])
        self.env["mail.mail.statistics"].create({
            "mass_mailing_id": mailing.id, "model": "res.partner", "res_id": self.reached.id,
            "message_id": "<kampanja-vastaus-1@omnia.example.com>",
            "sent": "2026-03-02 08:00:00"})
        reply = (
            "From: Saara Saaja <saara@metalli-b.example>\n"
            "To: myynti@omnia.example.com\n"
            "Subject: Re: Kevään koulutukset\n"
            "Message-Id: <vastaus-1@metalli-b.example>\n"
            "In-Reply-To: <kampanja-vastaus-1@omnia.example.com>\n"
            "References: <kampanja-vastaus-1@omnia.example.com>\n"
            "MIME-Version: 1.0\n"
            "Content-Type: text/plain; charset=\"utf-8\"\n\n"
            "Kuusi esimiestämme olisi kiinnostunut.\n")
        lead = self.env["crm.lead"].browse(
            self.env["mail.thread"].message_process("crm.lead", reply))
        self.assertEqual((lead.partner_id, lead.campaign_id, lead.source_id, lead.medium_id),
                         (self.reached, campaign.campaign_id, campaign.source_id,
                          campaign.medium_id))
        campaign.invalidate_cache()
        self.assertEqual((campaign.replied, campaign.omnia_lead_count), (1, 1))
        # an e-mail of the same contact a day later is no answer to the campaign
        self.env["mail.mail.statistics"].search(
            [("mass_mailing_id", "=", mailing.id)]).write({"replied": "2026-03-01 08:00:00"})
        other = self.env["crm.lead"].browse(self.env["mail.thread"].message_process(
            "crm.lead", reply.replace("vastaus-1@metalli-b", "vastaus-2@metalli-b")
            .replace("References: <kampanja-vastaus-1@omnia.example.com>\n", "")
            .replace("In-Reply-To: <kampanja-vastaus-1@omnia.example.com>\n", "")))
        self.assertFalse(other.campaign_id)
