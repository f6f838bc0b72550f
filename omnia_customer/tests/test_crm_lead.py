# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, ValidationError

from .common import OmniaCalendarCase


class TestCrmLead(OmniaCalendarCase):
    """Leads recorded by the team lead, taken over by account managers, and
    the director's pricing approval."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Lead = cls.env["crm.lead"]
        cls.funding = cls.env["omnia.funding.source"].create({
            "name": "Test Funding", "code": "T-FUND"})

    def test_opener_defaults_to_creator_and_handover(self):
        lead = self.Lead.sudo(self.team_lead).create({
            "name": "Welding training", "type": "lead", "user_id": self.team_lead.id})
        self.assertEqual(lead.opened_by_id, self.team_lead)
        self.assertFalse(lead.handover_date)
        self.assertTrue(lead.to_hand_over)
        lead.write({"user_id": self.am1.id})
        self.assertFalse(lead.to_hand_over)
        today = self._real_today()
        self.assertEqual(lead.handover_date, today)
        # Passing it on later keeps the first handover.
        lead.sudo().write({"handover_date": "2030-01-01"})
        lead.sudo(self.team_lead).write({"user_id": self.am2.id})
        self.assertEqual(lead.handover_date, "2030-01-01")

    def test_no_handover_to_opener_or_non_account_manager(self):
        lead = self.Lead.sudo(self.am1).create({"name": "Own offer", "type": "opportunity"})
        self.assertEqual((lead.opened_by_id, lead.user_id), (self.am1, self.am1))
        self.assertFalse(lead.handover_date)
        # An account manager's own offer is nobody's to hand over.
        self.assertFalse(lead.to_hand_over)
        lead.sudo(self.team_lead).write({"user_id": self.employee.id})
        self.assertFalse(lead.handover_date)

    def test_opportunity_gets_customer_account_manager(self):
        lead = self.Lead.sudo(self.team_lead).create({
            "name": "Staff training", "type": "opportunity", "partner_id": self.contact.id})
        self.assertEqual(lead.user_id, self.am1)
        self.assertEqual(lead.segment_id, self.segment)
        self.assertEqual(lead.handover_date, self._real_today())
        new = self.Lead.new({"partner_id": self.customer.id, "user_id": self.team_lead.id})
        new._onchange_partner_id_account_manager()
        self.assertEqual(new.user_id, self.am1)

    def test_segment_follows_customer(self):
        lead = self.Lead.create({
            "name": "Offer", "type": "opportunity", "partner_id": self.customer.id})
        other = self.env["omnia.segment"].create({"name": "Test C", "code": "TEST-C"})
        self.customer.segment_id = other
        self.assertEqual(lead.segment_id, other)

    def test_management_approves_price(self):
        lead = self.Lead.sudo(self.am1).create({
            "name": "Offer", "type": "opportunity", "planned_revenue": 12000.0,
            "offer_type": "staff_training", "funding_source_id": self.funding.id})
        lead.sudo(self.director).action_approve_price()
        self.assertEqual(lead.price_approved_by_id, self.director)
        self.assertEqual(lead.price_approval_date, self._real_today())

    def test_price_change_clears_approval(self):
        lead = self.Lead.sudo(self.am1).create({
            "name": "Priced offer", "type": "opportunity", "planned_revenue": 12000.0})
        lead.sudo(self.director).action_approve_price()
        # Saving the same price keeps the approval; the account manager's
        # new price needs a new one.
        lead.sudo(self.am1).write({"planned_revenue": 12000.0, "name": "Priced offer 2"})
        self.assertEqual(lead.price_approved_by_id, self.director)
        lead.sudo(self.am1).write({"planned_revenue": 13500.0})
        self.assertEqual(
            (lead.planned_revenue, lead.price_approved_by_id.id, lead.price_approval_date),
            (13500.0, False, False))
        # Management setting a price and approving it at once keeps both.
        lead.sudo(self.director).write({
            "planned_revenue": 14000.0, "price_approved_by_id": self.director.id,
            "price_approval_date": "2030-01-02"})
        self.assertEqual((lead.price_approved_by_id, lead.price_approval_date),
                         (self.director, "2030-01-02"))

    def test_others_cannot_approve_price(self):
        lead = self.Lead.sudo(self.am1).create({"name": "Offer", "type": "opportunity"})
        for user in (self.am1, self.team_lead):
            with self.assertRaises(AccessError):
                lead.sudo(user).action_approve_price()
            with self.assertRaises(AccessError):
                lead.sudo(user).write({"price_approved_by_id": self.director.id})
        with self.assertRaises(AccessError):
            self.Lead.sudo(self.am1).create({
                "name": "Offer", "type": "opportunity",
                "price_approved_by_id": self.am1.id})
        self.assertFalse(lead.price_approved_by_id)

    def test_price_approver_must_be_management(self):
        lead = self.Lead.create({"name": "Offer", "type": "opportunity"})
        with self.assertRaises(ValidationError) as error, self.cr.savepoint():
            lead.write({"price_approved_by_id": self.am1.id, "price_approval_date": "2030-01-01"})
        self.assertTrue(error.exception.name.startswith("Price Approved By:"))

    def test_offer_report(self):
        Lead = self.Lead.sudo(self.am1)
        values = {"type": "opportunity", "partner_id": self.customer.id,
                  "offer_type": "apprenticeship"}
        Lead.create(dict(values, name="Open", planned_revenue=1000.0, probability=50.0))
        # won as crm wins it (stage, probability and closing date)
        Lead.create(dict(values, name="Won", planned_revenue=2000.0)).action_set_won()
        lost = Lead.create(dict(values, name="Lost", planned_revenue=4000.0))
        lost.action_set_lost()
        groups = self.env["omnia.offer.report"].sudo(self.am2).read_group(
            [("partner_id", "=", self.customer.id)],
            ["offer_count", "planned_revenue", "expected_revenue", "offer_type", "state"],
            ["offer_type", "state"], lazy=False)
        result = {
            (group["offer_type"], group["state"]):
                (group["offer_count"], group["planned_revenue"], group["expected_revenue"])
            for group in groups
        }
        self.assertEqual(result, {
            ("apprenticeship", "open"): (1, 1000.0, 500.0),
            ("apprenticeship", "won"): (1, 2000.0, 2000.0),
            ("apprenticeship", "lost"): (1, 4000.0, 0.0),
        })

    def test_offer_report_groups_in_account_manager_name_order(self):
        self.am1.name = "Östman Veera"
        self.am2.name = "Aalto Aino"
        for user in (self.am1, self.am2):
            self.Lead.sudo(user).create({
                "name": "Offer", "type": "opportunity", "partner_id": self.customer.id,
                "user_id": user.id})
        groups = self.env["omnia.offer.report"].read_group(
            [("partner_id", "=", self.customer.id)], ["user_id"], ["user_id"])
        self.assertEqual([group["user_id"][0] for group in groups],
                         [self.am2.id, self.am1.id])
