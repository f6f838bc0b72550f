# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, ValidationError

from .common import GROUP_TEAM_LEAD, OmniaFeedbackCase

# A known contact (Liisa Testinen of Testilän Kone Oy), in a quoted-printable
# text body with Finnish letters, sent late on Thursday in UTC: Friday in
# Helsinki.
MAIL_KNOWN = """\
From: Liisa Testinen <Liisa.Testinen@Example.com>
To: palaute@omnia.example.com
Subject: Kiitos koulutuksesta
Message-Id: <known.1@testilankone.example.com>
Date: Thu, 05 Mar 2026 23:30:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

Hei,
kiitos hyv=C3=A4st=C3=A4 ty=C3=B6turvallisuuskoulutuksesta, jonka j=C3=A4rj=
estitte meille.
Terveisin Liisa
"""

# An unknown sender of a public mail service, in a base64 HTML body.
MAIL_UNKNOWN = """\
From: Matti Meikäläinen <matti.meikalainen@gmail.com>
To: palaute@omnia.example.com
Subject: =?utf-8?q?Ilmoittautumislomake_ei_toimi?=
Message-Id: <unknown.1@mail.gmail.com>
Date: Fri, 06 Mar 2026 09:15:00 +0200
MIME-Version: 1.0
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: base64

PHA+SHl2w6QgdmFzdGFhbm90dGFqYSw8L3A+PHA+aWxtb2l0dGF1dHVtaXNsb21ha2tlZW5uZSBl
aSB0b2ltaTogbMOkaGV0w6QtcGFpbmlrZSBlaSB0ZWUgbWl0w6TDpG4uPC9wPg==
"""

# Liisa's reply to the thread of her first mail.
MAIL_REPLY = """\
From: Liisa Testinen <liisa.testinen@example.com>
To: palaute@omnia.example.com
Subject: Re: Kiitos koulutuksesta
Message-Id: <known.2@testilankone.example.com>
In-Reply-To: <known.1@testilankone.example.com>
References: <known.1@testilankone.example.com>
Date: Fri, 06 Mar 2026 10:00:00 +0200
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Unohdin mainita: kouluttaja oli erinomainen.
"""

# A sender of the company's own domain, no contact of it.
MAIL_DOMAIN = """\
From: myynti@testilankone.fi
To: palaute@omnia.example.com
Subject: Palautetta
Message-Id: <domain.1@testilankone.fi>
Date: Fri, 06 Mar 2026 12:00:00 +0200
Content-Type: text/plain; charset="utf-8"

Laskutus on ollut hidasta.
"""


class TestFeedbackMail(OmniaFeedbackCase):
    """Mails to the feedback address (the alias palaute@) through Odoo's
    mail gateway: one feedback to classify per mail, its customer matched
    by the sender, its classifiers told; replies stay in their thread."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_one.write({"website": "https://www.testilankone.fi/"})
        cls.classify_type = cls.env.ref(
            "omnia_customer.mail_activity_type_feedback_classify")
        cls.response_type = cls.env.ref(
            "omnia_customer.mail_activity_type_feedback_response")
        cls.team_leads = cls.env.ref(GROUP_TEAM_LEAD).users.filtered(
            lambda user: not user.share)

    def _receive(self, raw):
        """The feedback of mail ``raw``, routed by Odoo's gateway (no model
        given: by the alias)."""
        feedback_id = self.env["mail.thread"].message_process(None, raw)
        return self.Feedback.browse(feedback_id)

    def _activities(self, feedback, activity_type):
        return self.env["mail.activity"].search([
            ("res_model", "=", "omnia.feedback"), ("res_id", "=", feedback.id),
            ("activity_type_id", "=", activity_type.id)])

    def test_alias(self):
        alias = self.env.ref("omnia_customer.mail_alias_feedback")
        self.assertEqual(alias.alias_name, "palaute")
        self.assertEqual(alias.alias_model_id.model, "omnia.feedback")
        self.assertEqual(alias.alias_contact, "everyone")

    def test_known_contact(self):
        count = self.Feedback.search_count([])
        feedback = self._receive(MAIL_KNOWN)
        self.assertEqual(self.Feedback.search_count([]), count + 1)
        self.assertEqual(feedback.partner_id, self.customer_one)
        self.assertEqual(feedback.contact_id, self.contact_one)
        self.assertEqual(feedback.account_manager_id, self.am1)
        self.assertEqual(feedback.state, "to_classify")
        self.assertFalse(feedback.polarity)
        self.assertEqual(feedback.source, "email")
        self.assertEqual(feedback.email_from, "liisa.testinen@example.com")
        self.assertEqual(feedback.date, "2026-03-06")
        self.assertEqual(
            feedback.description,
            "Hei,\nkiitos hyvästä työturvallisuuskoulutuksesta, jonka "
            "järjestitte meille.\nTerveisin Liisa")
        self.assertFalse(feedback.deadline)
        activities = self._activities(feedback, self.classify_type)
        self.assertEqual(activities.mapped("user_id"), self.am1)
        self.assertEqual(activities.date_deadline, "2026-03-09")
        self.assertFalse(self._activities(feedback, self.response_type))
        self.assertIn(self.am1.partner_id, feedback.message_partner_ids)
        message = feedback.message_ids.filtered(
            lambda m: m.message_id == "<known.1@testilankone.example.com>")
        self.assertEqual(message.subject, "Kiitos koulutuksesta")

    def test_unknown_sender(self):
        feedback = self._receive(MAIL_UNKNOWN)
        self.assertFalse(feedback.partner_id)
        self.assertFalse(feedback.contact_id)
        self.assertFalse(feedback.account_manager_id)
        self.assertEqual(feedback.state, "to_classify")
        self.assertFalse(feedback.polarity)
        self.assertEqual(feedback.email_from, "matti.meikalainen@gmail.com")
        self.assertEqual(feedback.date, "2026-03-06")
        self.assertEqual(
            feedback.description,
            "Hyvä vastaanottaja,\nilmoittautumislomakkeenne ei toimi: "
            "lähetä-painike ei tee mitään.")
        self.assertIn(self.team_lead, self.team_leads)
        activities = self._activities(feedback, self.classify_type)
        self.assertEqual(activities.mapped("user_id"), self.team_leads)
        self.assertEqual(len(activities), len(self.team_leads))
        self.assertEqual(
            feedback.message_partner_ids & self.team_leads.mapped("partner_id"),
            self.team_leads.mapped("partner_id"))
        self.assertEqual(feedback.display_name,
                         "matti.meikalainen@gmail.com, 2026-03-06")

    def test_company_domain(self):
        feedback = self._receive(MAIL_DOMAIN)
        self.assertEqual(feedback.partner_id, self.customer_one)
        self.assertFalse(feedback.contact_id)
        self.assertEqual(
            self._activities(feedback, self.classify_type).mapped("user_id"),
            self.am1)

    def test_public_domain_not_matched(self):
        self._company("Gmail-asiakas Oy", self.am2, email="info@gmail.com")
        feedback = self._receive(MAIL_UNKNOWN)
        self.assertFalse(feedback.partner_id)

    def test_ambiguous_contact_not_matched(self):
        self._contact(self.customer_two, "Liisa Testinen",
                      email="liisa.testinen@example.com")
        feedback = self._receive(MAIL_KNOWN)
        self.assertFalse(feedback.partner_id)
        self.assertFalse(feedback.contact_id)

    def test_reply_goes_to_thread(self):
        feedback = self._receive(MAIL_KNOWN)
        count = self.Feedback.search_count([])
        messages = len(feedback.message_ids)
        replied = self._receive(MAIL_REPLY)
        self.assertEqual(replied, feedback)
        self.assertEqual(self.Feedback.search_count([]), count)
        self.assertEqual(len(feedback.message_ids), messages + 1)
        reply = feedback.message_ids.filtered(
            lambda m: m.message_id == "<known.2@testilankone.example.com>")
        self.assertEqual(reply.subject, "Re: Kiitos koulutuksesta")
        self.assertIn("kouluttaja oli erinomainen", reply.body)
        self.assertEqual(
            len(self._activities(feedback, self.classify_type)), 1)

    def test_same_mail_twice_one_feedback(self):
        self._receive(MAIL_KNOWN)
        count = self.Feedback.search_count([])
        self.assertFalse(self.env["mail.thread"].message_process(None, MAIL_KNOWN))
        self.assertEqual(self.Feedback.search_count([]), count)

    def test_sender_suggested_as_recipient(self):
        known = self._receive(MAIL_KNOWN)
        unknown = self._receive(MAIL_UNKNOWN)
        suggested = (known | unknown).sudo(self.team_lead) \
            .message_get_suggested_recipients()
        self.assertEqual(
            [(partner_id, email) for partner_id, email, _reason
             in suggested[known.id]],
            [(self.contact_one.id,
              "Liisa Testinen<liisa.testinen@example.com>")])
        self.assertEqual(
            [(partner_id, email) for partner_id, email, _reason
             in suggested[unknown.id]],
            [(False, "matti.meikalainen@gmail.com")])

    # Classifying

    def test_account_manager_classifies_negative(self):
        feedback = self._receive(MAIL_KNOWN).sudo(self.am1)
        feedback.write({"polarity": "negative"})
        self.assertEqual(feedback.state, "new")
        self.assertEqual(feedback.deadline, "2026-03-13")
        self.assertFalse(self._activities(feedback, self.classify_type))
        response = self._activities(feedback, self.response_type)
        self.assertEqual(response.user_id, self.am1)
        self.assertEqual(response.date_deadline, "2026-03-13")

    def test_classify_button_positive(self):
        feedback = self._receive(MAIL_KNOWN).sudo(self.am1)
        with self.assertRaisesRegex(ValidationError, "Polarity:"):
            feedback.action_classify()
        self.assertEqual(feedback.state, "to_classify")
        feedback.write({"polarity": "positive"})
        feedback.action_classify()
        self.assertEqual(feedback.state, "new")
        self.assertFalse(self._activities(feedback, self.classify_type))
        self.assertFalse(self._activities(feedback, self.response_type))

    def test_team_lead_classifies_unknown_sender(self):
        feedback = self._receive(MAIL_UNKNOWN).sudo(self.team_lead)
        with self.assertRaisesRegex(ValidationError, "Customer, Qualification or Training:"), \
                self.cr.savepoint():
            feedback.write({"polarity": "negative"})
        feedback.invalidate_cache()
        self.assertEqual(feedback.state, "to_classify")
        feedback.write({"partner_id": self.customer_two.id,
                        "polarity": "negative"})
        self.assertEqual(feedback.state, "new")
        self.assertEqual(feedback.account_manager_id, self.am2)
        self.assertEqual(
            self._activities(feedback, self.response_type).user_id, self.am2)
        self.assertFalse(self._activities(feedback, self.classify_type))

    # Access

    def test_account_managers_see_own_customers_feedback_to_classify(self):
        known = self._receive(MAIL_KNOWN)
        unknown = self._receive(MAIL_UNKNOWN)
        both = [("id", "in", (known | unknown).ids)]
        self.assertEqual(self.Feedback.sudo(self.am1).search(both), known)
        self.assertFalse(self.Feedback.sudo(self.am2).search(both))
        with self.assertRaises(AccessError):
            known.sudo(self.am2).read(["description"])
        with self.assertRaises(AccessError):
            unknown.sudo(self.am1).read(["description"])
        self.assertEqual(self.Feedback.sudo(self.team_lead).search(both),
                         known | unknown)
        self.assertEqual(self.Feedback.sudo(self.director).search(both),
                         known | unknown)
        # classified, it is read by the whole team again
        known.sudo(self.am1).write({"polarity": "positive"})
        self.assertEqual(self.Feedback.sudo(self.am2).search(both), known)

    def test_account_manager_cannot_move_or_take_feedback(self):
        known = self._receive(MAIL_KNOWN)
        unknown = self._receive(MAIL_UNKNOWN)
        with self.assertRaises(AccessError), self.cr.savepoint():
            known.sudo(self.am1).write({"partner_id": self.customer_two.id})
        self.Feedback.invalidate_cache()
        self.assertEqual(known.partner_id, self.customer_one)
        with self.assertRaises(AccessError), self.cr.savepoint():
            unknown.sudo(self.am1).write({"partner_id": self.customer_one.id})
        self.Feedback.invalidate_cache()
        self.assertFalse(unknown.partner_id)
        with self.assertRaises(AccessError), self.cr.savepoint():
            unknown.sudo(self.am2).write({"polarity": "negative"})
        self.Feedback.invalidate_cache()
        self.assertEqual(unknown.state, "to_classify")
        with self.assertRaises(AccessError):
            known.sudo(self.director).write({"polarity": "negative"})

    def test_to_classify_only_from_mail(self):
        with self.assertRaisesRegex(ValidationError, "Status:"):
            self._feedback(state="to_classify", polarity=False)
        with self.assertRaises(AccessError):
            self.Feedback.sudo(self.am1).create({
                "partner_id": self.customer_one.id, "state": "to_classify",
                "source": "email"})
        with self.assertRaisesRegex(ValidationError, "Customer, Qualification or Training:"):
            self.Feedback.sudo(self.am1).create({"polarity": "positive"})
