# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import OmniaCalendarCase


class TestCustomerGlance(OmniaCalendarCase):
    """The customer form's badges and smart-button counts: each count is
    the length of the list its button opens, for every role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls._company("Testin Toinen Oy", cls.am2)
        # Offers: two of the customer (one through its contact, one lost and
        # so archived), one of another company.
        cls._opportunity(cls.customer, 10000, probability=50)
        cls._opportunity(cls.contact, 20000)
        cls._opportunity(cls.customer, 5000, probability=0, lost=True)
        cls._opportunity(cls.other, 7000)
        # Projects: one with both companies, one with the other only.
        Project = cls.env["omnia.project"]
        Project.create({"name": "TYKE 2026",
                        "partner_ids": [(6, 0, (cls.customer | cls.other).ids)]})
        Project.create({"name": "Kehitys", "partner_ids": [(6, 0, cls.other.ids)]})
        # Steering group meetings: two of the customer; a student forum is
        # no steering group.
        Meeting = cls.env["omnia.feedback.meeting"]
        training = cls.env["omnia.training"].create(
            {"name": "Hitsaus", "partner_id": cls.customer.id})
        for date in ("2026-01-15", "2026-02-15"):
            Meeting.create({"name": "Hitsaus, ohjausryhmä", "date": date,
                            "training_id": training.id})
        qualification = cls.env["omnia.qualification"].create(
            {"name": "Kone- ja tuotantotekniikan perustutkinto"})
        Meeting.create({"name": "Hitsaus, foorumi", "date": "2026-02-20",
                        "type": "student_forum", "partner_id": cls.customer.id,
                        "qualification_id": qualification.id})
        # Events: a single one, a weekly series of three, am2's private one.
        cls._event(cls.am1, "2026-02-02 08:00:00", "2026-02-02 09:00:00",
                   omnia_partner_id=cls.customer.id)
        cls._event(cls.am1, "2026-02-09 08:00:00", "2026-02-09 09:00:00",
                   omnia_partner_id=cls.customer.id, recurrency=True,
                   rrule_type="weekly", interval=1, end_type="count", count=3,
                   mo=True)
        cls._event(cls.am2, "2026-02-03 08:00:00", "2026-02-03 09:00:00",
                   omnia_partner_id=cls.customer.id, privacy="private")

    def _list_length(self, action, user):
        return self.env[action["res_model"]].sudo(user).search_count(action["domain"])

    def test_counts_match_their_lists_for_every_role(self):
        for user in (self.am1, self.team_lead, self.director):
            partner = self.customer.sudo(user)
            for count, method in (
                    ("omnia_offer_count", "action_view_omnia_offers"),
                    ("omnia_project_count", "action_view_omnia_projects"),
                    ("steering_group_count", "action_view_steering_groups"),
                    ("care_plan_count", "action_view_care_plans")):
                action = getattr(partner, method)()
                self.assertEqual(partner[count], self._list_length(action, user),
                                 "%s as %s" % (count, user.login))

    def test_meetings_count_matches_the_list_for_every_role(self):
        for user in (self.am1, self.team_lead, self.director):
            partner = self.customer.sudo(user)
            action = partner.action_view_omnia_events()
            # The list shows each occurrence of a series (virtual ids).
            events = self.env["calendar.event"].sudo(user).search(action["domain"])
            self.assertEqual(partner.omnia_event_count, len(events), user.login)

    def test_counts_exact(self):
        partner = self.customer.sudo(self.am1)
        self.assertEqual(partner.omnia_offer_count, 2)
        self.assertEqual(partner.omnia_project_count, 1)
        self.assertEqual(partner.steering_group_count, 2)
        # The contact shows its company's counts.
        contact = self.contact.sudo(self.am1)
        self.assertEqual(
            (contact.omnia_offer_count, contact.omnia_project_count,
             contact.steering_group_count), (2, 1, 2))
        # am1 sees the other's projects, not am2's offer (crm's own rule).
        other = self.other.sudo(self.am1)
        self.assertEqual(
            (other.omnia_offer_count, other.omnia_project_count,
             other.steering_group_count), (0, 2, 0))
        self.assertEqual(self.other.sudo(self.am2).omnia_offer_count, 1)

    def test_counts_are_set_based(self):
        # The same number of queries for two customers as for six.
        extra = self.env["res.partner"]
        for index in range(4):
            company = self._company("Testin Lisä %d Oy" % index, self.am1)
            self._opportunity(company, 1000)
            extra |= company

        def queries(partners):
            partners = partners.sudo(self.am1)
            partners.invalidate_cache()
            before = self.env.cr.sql_log_count
            partners.mapped("omnia_offer_count")
            return self.env.cr.sql_log_count - before

        queries(self.customer)     # the record rules and caches read once
        self.assertEqual(queries(self.customer | self.other),
                         queries(self.customer | self.other | extra))

    def test_care_plan_state_and_badge_fields(self):
        partner = self.customer.sudo(self.am1)
        self.assertFalse(partner.care_plan_state)
        self.assertEqual(partner.segment_label, self.segment.display_name)
        self.assertEqual(partner.account_manager_name, "Test AM One")
        self.env["omnia.care.plan"].sudo(self.am1).create({
            "partner_id": self.customer.id, "year": 2026})
        partner.invalidate_cache()
        self.assertEqual(partner.care_plan_state, "draft")

    def test_offers_action_lists_the_company_and_its_contacts(self):
        action = self.contact.action_view_omnia_offers()
        self.assertEqual(action["domain"], [
            ("partner_id.commercial_partner_id", "in", [self.customer.id]),
            ("type", "=", "opportunity")])
        self.assertEqual(action["context"]["default_partner_id"], self.customer.id)
