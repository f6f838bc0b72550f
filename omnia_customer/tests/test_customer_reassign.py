# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError

from .common import OmniaCustomerCase


class TestCustomerReassign(OmniaCustomerCase):
    """A new account manager takes the customer's open leads and open care
    plan with him; the change shows in the chatter."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.open_lead = cls._opportunity(cls.company1, 1000, probability=30)
        cls.contact_lead = cls._opportunity(cls.contact1, 2000, probability=10,
                                            user=cls.team_lead)
        cls.won_lead = cls._opportunity(cls.company1, 3000)
        cls.lost_lead = cls._opportunity(cls.company1, 4000, probability=30, lost=True)
        cls.other_lead = cls._opportunity(cls.company2, 5000, probability=30)
        Plan = cls.env["omnia.care.plan"]
        cls.old_plan = Plan.create({"partner_id": cls.company1.id, "year": 2025,
                                    "state": "closed"})
        cls.plan = Plan.create({"partner_id": cls.company1.id, "year": 2026,
                                "state": "active"})
        cls.company3 = cls._company("Kolmas Oy", cls.am1)
        cls.plan3 = Plan.create({"partner_id": cls.company3.id, "year": 2026})

    def _reassign(self, partners, user, as_user):
        wizard = self.env["omnia.customer.reassign"].sudo(as_user).with_context(
            active_model="res.partner", active_ids=partners.ids,
        ).create({"account_manager_id": user.id})
        wizard.action_reassign()
        return wizard

    def test_reassign_moves_open_work(self):
        self._reassign(self.company1, self.am2, self.team_lead)
        self.assertEqual(self.company1.account_manager_id, self.am2)
        self.assertEqual(self.company1.user_id, self.am2)
        self.assertEqual(self.contact1.account_manager_id, self.am2)
        self.assertEqual(self.open_lead.user_id, self.am2)
        self.assertEqual(self.contact_lead.user_id, self.am2)
        self.assertEqual(self.plan.account_manager_id, self.am2)
        # Closed work stays with whoever did it; other customers are untouched.
        self.assertEqual(self.won_lead.user_id, self.am1)
        self.assertEqual(self.lost_lead.with_context(active_test=False).user_id, self.am1)
        self.assertEqual(self.old_plan.account_manager_id, self.am1)
        self.assertEqual(self.other_lead.user_id, self.am2)
        self.assertEqual(self.company3.account_manager_id, self.am1)

    def test_reassign_tracked_in_chatter(self):
        self._reassign(self.company1, self.am2, self.team_lead)
        messages = self.company1.message_ids
        tracking = messages.mapped("tracking_value_ids").filtered(
            lambda value: value.field == "account_manager_id"
            and value.new_value_integer == self.am2.id)
        self.assertEqual(len(tracking), 1)
        self.assertEqual(tracking.old_value_char, self.am1.name)
        self.assertEqual(tracking.new_value_char, self.am2.name)
        note = messages.filtered(lambda message: "open leads" in (message.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn("2 open leads and 1 open care plans", note.body)
        self.assertIn(self.am1.name, note.body)
        self.assertEqual(note.author_id, self.team_lead.partner_id)

    def test_reassign_many_at_once(self):
        wizard = self._reassign(self.contact1 | self.company3, self.am2, self.team_lead)
        self.assertEqual(wizard.partner_ids, self.company1 | self.company3)
        self.assertEqual((self.company1 | self.company3).mapped("account_manager_id"), self.am2)
        self.assertEqual(self.plan3.account_manager_id, self.am2)
        self.assertEqual(self.plan.account_manager_id, self.am2)

    def test_reassign_by_writing_account_manager(self):
        # Writing the account manager on the form does the same.
        self.company1.sudo(self.am1).write({"account_manager_id": self.am2.id})
        self.assertEqual(self.company1.user_id, self.am2)
        self.assertEqual(self.open_lead.user_id, self.am2)
        self.assertEqual(self.plan.account_manager_id, self.am2)

    def test_account_manager_cannot_take_others_customers(self):
        with self.assertRaises(AccessError):
            self._reassign(self.company2, self.am1, self.am1)
        self.assertEqual(self.company2.account_manager_id, self.am2)
