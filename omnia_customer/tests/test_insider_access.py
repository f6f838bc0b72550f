# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What an insider with a staff login tries: moving records out of their
owner's reach, setting approvals directly, blanks that close feedback, a
survey response written by hand. Each attack is refused and changes
nothing."""
from odoo import fields
from odoo.exceptions import AccessError, ValidationError

from .common import NOW, OmniaCustomerCase, dt


class TestInsiderAccess(OmniaCustomerCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Plan = cls.env["omnia.care.plan"]
        cls.plan1 = Plan.create({"partner_id": cls.company1.id, "year": 2026})
        cls.plan2 = Plan.create({"partner_id": cls.company2.id, "year": 2026})
        cls.action1 = cls.env["omnia.care.plan.action"].create({
            "plan_id": cls.plan1.id, "name": "Koulutustarvekartoitus"})
        cls.feedback1 = cls.env["omnia.feedback"].create({
            "partner_id": cls.company1.id, "polarity": "negative",
            "date": "2026-03-02", "description": "Kurssipäivät liian pitkiä."})

    def _refused(self, call, error=AccessError, message=None):
        with self.assertRaises(error) as caught, self.cr.savepoint():
            call()
        if message:
            self.assertIn(message, caught.exception.name)

    # 1. Record rules that trust a field the user writes

    def test_plan_on_other_customer_refused_even_naming_oneself(self):
        Plan = self.env["omnia.care.plan"].sudo(self.am1)
        count = Plan.search_count([])
        self._refused(lambda: Plan.create({
            "partner_id": self.company2.id, "year": 2027,
            "account_manager_id": self.am1.id}), message="Customer:")
        self.assertEqual(Plan.search_count([]), count)

    def test_own_plan_not_moved_to_other_customer(self):
        self._refused(lambda: self.plan1.sudo(self.am1).write(
            {"partner_id": self.company2.id}))
        self.plan1.invalidate_cache()
        self.assertEqual((self.plan1.partner_id, self.plan1.account_manager_id),
                         (self.company1, self.am1))

    def test_own_plan_not_given_another_manager_by_hand(self):
        self._refused(lambda: self.plan1.sudo(self.am1).write(
            {"account_manager_id": self.am2.id}))
        self.plan1.invalidate_cache()
        self.assertEqual(self.plan1.account_manager_id, self.am1)

    def test_plan_account_manager_follows_customer(self):
        plan = self.env["omnia.care.plan"].sudo(self.team_lead).create({
            "partner_id": self.company2.id, "year": 2027,
            "account_manager_id": self.am1.id})
        self.assertEqual(plan.account_manager_id, self.am2)

    def test_action_not_moved_into_other_plan(self):
        self._refused(lambda: self.action1.sudo(self.am1).write(
            {"plan_id": self.plan2.id}), message="Care Plan:")
        self._refused(lambda: self.env["omnia.care.plan.action"].sudo(self.am1).create(
            {"plan_id": self.plan2.id, "name": "Soluttautuminen"}))
        self.action1.invalidate_cache()
        self.assertEqual(self.action1.plan_id, self.plan1)
        self.assertFalse(self.plan2.action_ids)

    def test_review_not_recorded_on_other_plan(self):
        self._refused(lambda: self.env["omnia.care.plan.review"].sudo(self.am1).create(
            {"plan_id": self.plan2.id, "date": "2026-03-01"}))
        self.assertFalse(self.plan2.review_ids)

    def test_address_not_created_under_other_company(self):
        Partner = self.env["res.partner"].sudo(self.am1)
        count = Partner.search_count([("parent_id", "=", self.company2.id)])
        for kind in ("invoice", "contact", "delivery"):
            self._refused(lambda kind=kind: Partner.create({
                "name": "Laskutus", "type": kind, "parent_id": self.company2.id}),
                message="Related Company:")
        self.assertEqual(Partner.search_count([("parent_id", "=", self.company2.id)]), count)
        # under his own company, as before
        own = Partner.create({"name": "Laskutus", "type": "invoice",
                              "parent_id": self.company1.id})
        self.assertEqual(own.user_id, self.am1)

    def test_contact_not_moved_under_other_company(self):
        self._refused(lambda: self.contact1.sudo(self.am1).write(
            {"parent_id": self.company2.id}))
        self.contact1.invalidate_cache()
        self.assertEqual((self.contact1.parent_id, self.contact1.user_id),
                         (self.company1, self.am1))

    def test_feedback_not_moved_to_other_customer(self):
        self._refused(lambda: self.feedback1.sudo(self.am1).write(
            {"partner_id": self.company2.id}))
        self.feedback1.invalidate_cache()
        self.assertEqual(self.feedback1.partner_id, self.company1)

    # 2. Workflow state and approval fields set directly

    def test_scorecard_not_created_approved(self):
        Scorecard = self.env["omnia.scorecard"].sudo(self.team_lead)
        for vals in ({"state": "approved"}, {"state": "closed"},
                     {"approved_by_id": self.director.id},
                     {"approved_date": "2026-01-05 10:00:00"}):
            self._refused(lambda vals=vals: Scorecard.create(
                dict(vals, name="Asiakkuusstrategia 2030", year=2030)))
        # nor by management: an approval is a decision made on the record
        self._refused(lambda: self.env["omnia.scorecard"].sudo(self.director).create(
            {"name": "Asiakkuusstrategia 2030", "year": 2030, "state": "approved"}))
        self.assertFalse(self.env["omnia.scorecard"].search([("year", "=", 2030)]))

    def test_scorecard_approver_not_rewritten(self):
        scorecard = self.env["omnia.scorecard"].sudo(self.team_lead).create(
            {"name": "Asiakkuusstrategia 2030", "year": 2030})
        scorecard.action_propose()
        scorecard.sudo(self.director).action_approve()
        self._refused(lambda: scorecard.write({"approved_by_id": self.team_lead.id}),
                      message="Approved By:")
        self._refused(lambda: scorecard.write({"approved_date": "2020-01-01 00:00:00"}))
        scorecard.invalidate_cache()
        self.assertEqual((scorecard.state, scorecard.approved_by_id, scorecard.proposed_by_id),
                         ("approved", self.director, self.team_lead))

    def test_target_approval_not_set_directly(self):
        Target = self.env["omnia.target"].sudo(self.team_lead)
        target = Target.create({"user_id": self.am1.id, "date_from": "2030-01-01"})
        self._refused(lambda: target.write({"approved_date": "2030-01-02 08:00:00"}))
        self._refused(lambda: Target.create({
            "user_id": self.am2.id, "date_from": "2030-01-01",
            "approved_by_id": self.director.id}))
        target.invalidate_cache()
        self.assertEqual((target.state, target.approved_by_id.id, target.approved_date),
                         ("draft", False, False))
        target.sudo(self.director).action_approve()
        self.assertEqual((target.state, target.approved_by_id), ("approved", self.director))

    def test_handled_date_set_by_the_system(self):
        feedback = self.feedback1.sudo(self.am1)
        self._refused(lambda: feedback.write({"done_date": "2026-03-03"}),
                      message="Handled On:")
        self._refused(lambda: feedback.write({"state": "done", "response": "Soitettu."}),
                      message="Status:")
        feedback.write({"response": "Soitettu asiakkaalle."})
        # a clock sent in the context by a client is not the system's
        feedback.with_context(omnia_today="2026-03-03").action_done()
        feedback.invalidate_cache()
        # system_today() is the real today in am1's time zone, UTC
        self.assertEqual((feedback.state, feedback.done_date), ("done", fields.Date.today()))

    def test_care_plan_state_through_its_buttons(self):
        plan = self.plan1.sudo(self.am1)
        self._refused(lambda: plan.write({"state": "active"}), message="Status:")
        self._refused(lambda: self.env["omnia.care.plan"].sudo(self.am1).create(
            {"partner_id": self.company1.id, "year": 2027, "state": "active"}))
        plan.action_activate()
        self.assertEqual(plan.state, "active")

    def test_handover_date_set_by_the_system(self):
        lead = self._opportunity(self.company1, 1000, probability=10)
        self._refused(lambda: lead.sudo(self.am1).write({"handover_date": "2026-01-01"}))
        self._refused(lambda: self.env["crm.lead"].sudo(self.am1).create(
            {"name": "Liidi", "handover_date": "2026-01-01"}))
        self._refused(lambda: self.env["crm.lead"].sudo(self.director).create(
            {"name": "Liidi", "price_approved_by_id": self.director.id}))

    # 3. Elevated code reached from records anyone can create

    def test_survey_response_by_hand_makes_no_feedback(self):
        survey = self.env["survey.survey"].create(
            {"title": "Kurssipalaute", "is_customer_feedback": True})
        page = self.env["survey.page"].create({"title": "Palaute", "survey_id": survey.id})
        question = self.env["survey.question"].create(
            {"page_id": page.id, "question": "Kommentit", "type": "free_text"})
        UserInput = self.env["survey.user_input"].sudo(self.am1)
        self._refused(lambda: UserInput.create({
            "survey_id": survey.id, "omnia_partner_id": self.company2.id,
            "state": "done"}), message="Customer:")
        self._refused(lambda: UserInput.create({
            "survey_id": survey.id, "partner_id": self.company2.id}))
        # his own customer: a response marked done by hand, without the
        # survey's submit page, makes no feedback
        user_input = UserInput.create({
            "survey_id": survey.id, "omnia_partner_id": self.company1.id})
        self.env["survey.user_input_line"].create({
            "user_input_id": user_input.id, "question_id": question.id,
            "answer_type": "free_text", "value_free_text": "Hyvä kurssi"})
        user_input.write({"state": "done"})
        self.assertFalse(user_input.feedback_id)
        self.assertEqual(self.env["omnia.feedback"].search_count(
            [("partner_id", "in", (self.company1 | self.company2).ids),
             ("source", "=", "survey")]), 0)

    # 7. Subscribing to what one cannot read

    def test_no_follower_row_on_unreadable_lead(self):
        lead = self._opportunity(self.company2, 1000, probability=10)
        Followers = self.env["mail.followers"].sudo(self.am1)
        self._refused(lambda: Followers.create({
            "res_model": "crm.lead", "res_id": lead.id,
            "partner_id": self.am1.partner_id.id}))
        self.assertNotIn(self.am1.partner_id, lead.message_partner_ids)
        own = self._opportunity(self.company1, 1000, probability=10)
        Followers.create({"res_model": "crm.lead", "res_id": own.id,
                          "partner_id": self.team_lead.partner_id.id})
        self.assertIn(self.team_lead.partner_id, own.message_partner_ids)

    # 8. Closing rules that a blank defeats

    def test_invisible_response_does_not_close(self):
        feedback = self.feedback1.sudo(self.am1)
        for blank in ("\u200b", " \u00a0\u2003\n", "\u200d\u2060\ufeff", "\t\u3000"):
            feedback.write({"response": blank})
            self._refused(feedback.action_done, ValidationError, "Response:")
        feedback.invalidate_cache()
        self.assertEqual((feedback.state, feedback.done_date), ("new", False))

    # The 12-month won figures have an upper bound

    def test_won_figures_leave_out_future_closing_dates(self):
        self._opportunity(self.company1, 5000, date_closed=self._days(10))
        self._opportunity(self.company1, 7000, date_closed=self._days(-10))
        self._refresh(self.company1)
        self.assertEqual((self.company1.won_count_12m, self.company1.won_revenue_12m),
                         (1, 5000.0))
        self.env["res.partner"]._refresh_all_won_figures(now=dt(NOW))
        self.company1.invalidate_cache()
        self.assertEqual((self.company1.won_count_12m, self.company1.won_revenue_12m),
                         (1, 5000.0))

    def test_customer_with_feedback_handed_over(self):
        """Handing a customer over rewrites its feedback's account manager in
        the giver's name; afterwards the feedback is the new manager's."""
        self.company1.sudo(self.am1).write({"user_id": self.am2.id})
        self.feedback1.invalidate_cache()
        self.assertEqual(self.feedback1.account_manager_id, self.am2)
        self._refused(lambda: self.feedback1.sudo(self.am1).write({"description": "Oma"}))
        self.feedback1.sudo(self.am2).write({"description": "Uuden vastaavan"})
        self.assertEqual(self.feedback1.description, "Uuden vastaavan")
