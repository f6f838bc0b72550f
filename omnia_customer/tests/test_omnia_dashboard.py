# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from datetime import datetime, timedelta

from odoo.exceptions import UserError

from .common import GROUP_ACCOUNT_MANAGER, GROUP_MANAGEMENT, GROUP_TEAM_LEAD, \
    OmniaCustomerCase, dt

MANAGEMENT_COUNTS = (
    "key_account_no_plan_count", "key_review_due_count", "price_approval_count",
    "target_approval_count", "scorecard_approval_count",
)


class TestOmniaDashboard(OmniaCustomerCase):
    """Each role's home: the counts of its cards read as the user (his
    record rules applying), and the list each count opens."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(
            cls.env.context, tracking_disable=True, mail_notrack=True,
            no_mail_to_attendees=True))
        cls.Dashboard = cls.env["omnia.dashboard"]
        cls.my_work = cls.env.ref("omnia_customer.omnia_dashboard_my_work")
        cls.my_targets = cls.env.ref("omnia_customer.omnia_dashboard_my_targets")
        cls.team_work = cls.env.ref("omnia_customer.omnia_dashboard_team_work")
        cls.team_targets = cls.env.ref("omnia_customer.omnia_dashboard_team_targets")
        cls.management = cls.env.ref("omnia_customer.omnia_dashboard_management")
        cls.scorecard_card = cls.env.ref("omnia_customer.omnia_dashboard_scorecard")
        # Management's counts cover the whole database: what was there
        # before these fixtures.
        cls.baseline = {name: cls.management.sudo(cls.director)[name]
                        for name in MANAGEMENT_COUNTS}
        cls.team = cls.env["crm.team"].create({
            "name": "Test Customer Team", "user_id": cls.team_lead.id})
        (cls.am1 | cls.am2).write({"sale_team_id": cls.team.id})
        cls._customers()
        cls._activities()
        cls._care_plans()
        cls._feedback()
        cls._leads()
        cls._targets()
        scorecard = cls.env["omnia.scorecard"].create({"name": "Test 2031", "year": 2031})
        scorecard.action_propose()

    @classmethod
    def _real_now(cls, days):
        return dt(datetime.now().replace(microsecond=0) + timedelta(days=days))

    @classmethod
    def _meeting(cls, partner, days):
        """A customer visit of its account manager ``days`` days from the
        real now (negative: ago), 1 hour."""
        cls._event(partner.user_id, cls._real_now(days), cls._real_now(days + 1.0 / 24),
                   omnia_partner_id=partner.id, work_type_id=cls.visit.id)

    @classmethod
    def _customers(cls):
        cls.visit = cls.env.ref("omnia_customer.work_type_customer_visit")
        # company1 (am1) and company2 (am2), 365-day class: last met 400
        # days ago, overdue; am1's met 10 days ago and one without a class
        # are not.
        cls.met = cls._company("Tavattu Oy", cls.am1, segment_id=cls.seg_c.id)
        cls.no_class = cls._company("Luokaton Oy", cls.am1)
        cls._meeting(cls.company1, -400)
        cls._meeting(cls.company2, -400)
        cls._meeting(cls.met, -10)
        # Key accounts of am1, met 5 days ago: without a plan, with an
        # active plan, with a draft only.
        cls.key_no_plan = cls._company("Avain Yksi Oy", cls.am1, segment_id=cls.seg_a.id)
        cls.key_active = cls._company("Avain Kaksi Oy", cls.am1, segment_id=cls.seg_a.id)
        cls.key_draft = cls._company("Avain Kolme Oy", cls.am1, segment_id=cls.seg_a.id)
        for company in cls.key_no_plan | cls.key_active | cls.key_draft:
            cls._meeting(company, -5)

    @classmethod
    def _activities(cls):
        model_id = cls.env["ir.model"]._get_id("res.partner")
        todo = cls.env.ref("mail.mail_activity_data_todo")
        for user, partner, deadline in ((cls.am1, cls.company1, "2026-03-01"),
                                        (cls.am1, cls.company1, "2026-03-20"),
                                        (cls.am2, cls.company2, "2026-02-01")):
            cls.env["mail.activity"].create({
                "res_model_id": model_id, "res_id": partner.id,
                "activity_type_id": todo.id, "summary": "Soita",
                "date_deadline": deadline, "user_id": user.id})

    @classmethod
    def _care_plans(cls):
        Plan = cls.env["omnia.care.plan"]

        def plan(partner, activated_days_ago):
            care_plan = Plan.create({"partner_id": partner.id, "year": 2026})
            care_plan.action_activate()
            care_plan.write({"activation_date": cls._real_today(-activated_days_ago)})
            return care_plan

        # Reviews: company1's (365 days) in 15 days, due; the key account's
        # (90 days) 260 days ago, due; the met customer's not for 265 days.
        cls.plan_due = plan(cls.company1, 350)
        cls.plan_key_due = plan(cls.key_active, 350)
        cls.plan_later = plan(cls.met, 100)
        Plan.create({"partner_id": cls.key_draft.id, "year": 2026})

    @classmethod
    def _feedback(cls):
        Feedback = cls.env["omnia.feedback"]
        values = {"partner_id": cls.company1.id, "source": "visit", "description": "Palaute"}
        # Negative, 5 working days to respond: deadlines 2026-03-06 (today),
        # 2026-02-27 (past) and 2026-03-12 (not near); one handled, one
        # positive. The open negative ones give am1 response activities.
        cls.feedback_today = Feedback.create(dict(values, date="2026-02-27", polarity="negative"))
        cls.feedback_late = Feedback.create(dict(values, date="2026-02-20", polarity="negative"))
        Feedback.create(dict(values, date="2026-03-05", polarity="negative"))
        done = Feedback.create(dict(values, date="2026-02-26", polarity="negative",
                                    response="Korjattu"))
        done.action_done()
        Feedback.create(dict(values, date="2026-03-04", polarity="positive"))

    @classmethod
    def _leads(cls):
        Lead = cls.env["crm.lead"]
        stages = cls.env["crm.stage"].search([], limit=2)
        # Handed over by the team lead: one am1 has not opened yet, one he
        # moved on; am1's own lead; one the team lead has not handed over.
        cls.lead_unopened = Lead.sudo(cls.team_lead).create({
            "name": "Hitsauskoulutus", "type": "lead", "user_id": cls.am1.id,
            "stage_id": stages[0].id})
        Lead.sudo(cls.team_lead).create({
            "name": "Trukkikoulutus", "type": "opportunity", "user_id": cls.am1.id,
            "stage_id": stages[0].id}).sudo(cls.am1).write({"stage_id": stages[1].id})
        Lead.sudo(cls.am1).create({
            "name": "Oma liidi", "type": "lead", "stage_id": stages[0].id})
        cls.lead_to_hand_over = Lead.sudo(cls.team_lead).create({
            "name": "Luovutettava", "type": "lead", "user_id": cls.team_lead.id})
        # Prices: one open offer unapproved, one approved, one won (am1's
        # own, not handed over).
        cls.offer_open = cls._opportunity(
            cls.company1, 10000, probability=50, opened_by_id=cls.am1.id)
        approved = cls._opportunity(
            cls.company1, 12000, probability=50, opened_by_id=cls.am1.id)
        approved.sudo(cls.director).action_approve_price()
        cls._opportunity(cls.company1, 25000, date_closed="2026-02-01 10:00:00",
                         opened_by_id=cls.am1.id)

    @classmethod
    def _targets(cls):
        Target = cls.env["omnia.target"]
        cls.target_year = Target.create({
            "user_id": cls.am1.id, "period_type": "year", "date_from": "2026-01-01",
            "target_revenue": 20000, "target_meetings": 10, "target_week_hours": 30,
            "state": "approved"})
        cls.target_quarter = Target.create({
            "user_id": cls.am1.id, "period_type": "quarter", "date_from": "2026-01-01",
            "target_revenue": 10000, "target_week_hours": 20})
        cls.team_target = Target.create({
            "team_id": cls.team.id, "period_type": "year", "date_from": "2026-01-01",
            "target_revenue": 100000, "state": "approved"})
        # Hours in the week of 2026-03-06: am1 2:30, am2 1:00; am1's next
        # week's do not count.
        cls._event(cls.am1, "2026-03-04 09:00:00", "2026-03-04 11:30:00")
        cls._event(cls.am1, "2026-03-09 09:00:00", "2026-03-09 11:00:00")
        cls._event(cls.am2, "2026-03-02 08:00:00", "2026-03-02 09:00:00")

    # Helpers

    def _counts(self, card, user, names):
        card = card.sudo(user)
        return {name: card[name] for name in names}

    def _listed(self, card, user, name):
        """The records the count's button opens, as the user sees them."""
        action = card.sudo(user).with_context(omnia_count=name).action_open_count()
        return self.env[action["res_model"]].sudo(user).search(action["domain"])

    def _assert_lists_match(self, card, user, names):
        card = card.sudo(user)
        for name in names:
            self.assertEqual(len(self._listed(card, user, name)), card[name], name)

    # The account manager's home

    def test_account_manager_counts(self):
        names = ("activity_today_count", "activity_overdue_count",
                 "meeting_overdue_count", "review_due_count", "feedback_due_count",
                 "lead_unopened_count")
        self.assertEqual(self._counts(self.my_work, self.am1, names), {
            # the response to feedback_today; the care model's "without a
            # care plan" of key_no_plan and key_draft (class given today)
            "activity_today_count": 3,
            "activity_overdue_count": 2,    # feedback_late's and 2026-03-01
            "meeting_overdue_count": 1,     # company1
            "review_due_count": 2,          # company1's and the key account's plan
            "feedback_due_count": 2,
            "lead_unopened_count": 1,
        })
        self.assertEqual(self._counts(self.my_work, self.am2, names), {
            "activity_today_count": 0, "activity_overdue_count": 1,
            "meeting_overdue_count": 1, "review_due_count": 0,
            "feedback_due_count": 0, "lead_unopened_count": 0,
        })
        self._assert_lists_match(self.my_work, self.am1, names)
        self._assert_lists_match(self.my_work, self.am2, names)
        # A card counts only what it shows.
        self.assertEqual(self.my_work.sudo(self.am1).lead_to_hand_over_count, 0)

    def test_queries_do_not_grow_with_customers(self):
        """All counts of a home in the same number of queries, however many
        customers, plans and feedback the account manager has."""
        def queries():
            card = self.my_work.sudo(self.am1)
            card.invalidate_cache()
            card.read(["activity_today_count"])  # rules and access checks, once
            card.invalidate_cache()
            before = self.cr.sql_log_count
            card.read(["activity_today_count"])
            return self.cr.sql_log_count - before

        first = queries()
        for index in range(10):
            company = self._company("Lisäasiakas %d Oy" % index, self.am1,
                                    segment_id=self.seg_c.id)
            self.env["omnia.feedback"].create({
                "partner_id": company.id, "date": "2026-03-02", "polarity": "negative",
                "source": "visit"})
        self.assertEqual(queries(), first)

    def test_account_manager_lists(self):
        self.assertEqual(self._listed(self.my_work, self.am1, "meeting_overdue_count"),
                         self.company1)
        self.assertEqual(self._listed(self.my_work, self.am1, "review_due_count"),
                         self.plan_due | self.plan_key_due)
        self.assertEqual(self._listed(self.my_work, self.am1, "feedback_due_count"),
                         self.feedback_today | self.feedback_late)
        self.assertEqual(self._listed(self.my_work, self.am1, "lead_unopened_count"),
                         self.lead_unopened)
        action = self.my_work.sudo(self.am1).with_context(
            omnia_count="review_due_count").action_open_count()
        self.assertEqual((action["res_model"], action["name"]),
                         ("omnia.care.plan", "Care Plans to Review"))

    def test_account_manager_week_and_target(self):
        card = self.my_targets.sudo(self.am1)
        # The year's target rather than the quarter's.
        self.assertEqual(card.target_id, self.target_year)
        self.assertEqual((card.week_hours, card.week_hours_target), (2.5, 30.0))
        self.assertEqual((card.actual_revenue, card.target_revenue), (25000.0, 20000.0))
        self.assertEqual((card.revenue_progress, card.revenue_gauge_max), (125.0, 125.0))
        # The visits of the real this year (made 10 and 5 days ago).
        self.assertEqual((card.actual_meetings, card.target_meetings), (4, 10))
        self.assertEqual(card.meetings_gauge_max, 100.0)
        card_am2 = self.my_targets.sudo(self.am2)
        self.assertFalse(card_am2.target_id)
        self.assertEqual((card_am2.week_hours, card_am2.week_hours_target), (1.0, 0.0))
        action = card.action_open_target()
        self.assertEqual((action["res_model"], action["res_id"]),
                         ("omnia.target", self.target_year.id))

    # The team lead's home

    def test_team_lead_counts(self):
        card = self.team_work.sudo(self.team_lead)
        names = ("activity_today_count", "activity_overdue_count",
                 "meeting_overdue_count", "review_due_count", "feedback_due_count",
                 "lead_unopened_count")
        self.assertEqual(self._counts(card, self.team_lead, names), {
            "activity_today_count": 3, "activity_overdue_count": 3,
            "meeting_overdue_count": 2, "review_due_count": 2,
            "feedback_due_count": 2, "lead_unopened_count": 1,
        })
        self.assertIn(self.lead_to_hand_over,
                      self._listed(card, self.team_lead, "lead_to_hand_over_count"))
        self.assertEqual(
            card.lead_to_hand_over_count,
            self.env["crm.lead"].search_count([("to_hand_over", "=", True)]))
        self._assert_lists_match(card, self.team_lead, names + (
            "lead_to_hand_over_count", "escalation_count"))
        self.assertEqual(self._listed(card, self.team_lead, "meeting_overdue_count"),
                         self.company1 | self.company2)
        # The team's lists open grouped by account manager.
        action = card.with_context(omnia_count="review_due_count").action_open_count()
        self.assertEqual(action["context"], {"group_by": "account_manager_id"})

    def test_team_lead_escalations(self):
        card = self.team_work.sudo(self.team_lead)
        escalation = self.env.ref(
            "omnia_customer.mail_activity_type_meeting_escalation", raise_if_not_found=False)
        if not escalation:
            escalation = self.env["mail.activity.type"].create({"name": "Test escalation"})
            self.env["ir.model.data"].create({
                "module": "omnia_customer", "name": "mail_activity_type_meeting_escalation",
                "model": "mail.activity.type", "res_id": escalation.id})
        before = card.escalation_count
        model_id = self.env["ir.model"]._get_id("res.partner")
        for deadline in ("2026-03-05", "2026-03-06", "2026-03-07"):
            self.env["mail.activity"].create({
                "res_model_id": model_id, "res_id": self.company1.id,
                "activity_type_id": escalation.id, "date_deadline": deadline,
                "user_id": self.team_lead.id})
        card.invalidate_cache()
        self.assertEqual(card.escalation_count, before + 2)
        self._assert_lists_match(card, self.team_lead, ("escalation_count",))

    def test_team_week_and_target(self):
        card = self.team_targets.sudo(self.team_lead)
        self.assertEqual(card.target_id, self.team_target)
        # am1 2:30 and am2 1:00; the weekly target of am1's year target
        # (am2 has none).
        self.assertEqual((card.week_hours, card.week_hours_target), (3.5, 30.0))
        # Shown per member, not summed.
        self.assertEqual(json.loads(card.week_hours_lines), [
            {"name": "Test AM One", "hours": "02:30", "target": "30:00"},
            {"name": "Test AM Two", "hours": "01:00", "target": ""},
            {"name": "Test Team Lead", "hours": "00:00", "target": ""},
        ])
        self.assertFalse(self.my_targets.sudo(self.am1).week_hours_lines)
        self.assertEqual((card.actual_revenue, card.revenue_progress), (25000.0, 25.0))

    # Management's home

    def test_management_counts(self):
        counts = self._counts(self.management, self.director, MANAGEMENT_COUNTS)
        added = {name: counts[name] - self.baseline[name] for name in MANAGEMENT_COUNTS}
        self.assertEqual(added, {
            "key_account_no_plan_count": 2,   # no plan, a draft only
            "key_review_due_count": 1,
            "price_approval_count": 1,
            "target_approval_count": 1,       # the quarter's
            "scorecard_approval_count": 1,
        })
        listed = self._listed(self.management, self.director, "key_account_no_plan_count")
        self.assertIn(self.key_no_plan, listed)
        self.assertIn(self.key_draft, listed)
        self.assertNotIn(self.key_active, listed)
        self.assertIn(self.plan_key_due,
                      self._listed(self.management, self.director, "key_review_due_count"))
        self.assertIn(self.offer_open,
                      self._listed(self.management, self.director, "price_approval_count"))
        self._assert_lists_match(self.management, self.director, MANAGEMENT_COUNTS)

    def test_scorecard_card(self):
        card = self.scorecard_card.sudo(self.director)
        scorecard = self.env["omnia.scorecard"].search([("year", "=", 2026)])
        self.assertEqual(card.scorecard_id, scorecard)
        self.assertEqual(card.scorecard_state, scorecard.state)

    # Who sees which cards

    def test_cards_by_role(self):
        def kinds(user):
            return set(self.Dashboard.sudo(user).search([]).mapped("kind"))

        self.assertEqual(kinds(self.am1), {"my_work", "my_targets"})
        self.assertEqual(kinds(self.team_lead),
                         {"my_work", "my_targets", "team_work", "team_targets"})
        self.assertEqual(kinds(self.director), {
            "my_work", "my_targets", "team_work", "team_targets", "management",
            "scorecard"})
        with self.assertRaises(UserError):
            self.my_work.sudo(self.am1).with_context(
                omnia_count="price_approval_count").action_open_count()


class TestRoleHome(OmniaCustomerCase):
    """The home action at login follows the user's role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.home_am = cls.env.ref("omnia_customer.omnia_dashboard_action_account_manager")
        cls.home_lead = cls.env.ref("omnia_customer.omnia_dashboard_action_team_lead")
        cls.home_management = cls.env.ref("omnia_customer.omnia_dashboard_action_management")

    def test_home_by_role_on_create(self):
        self.assertEqual(self.am1.action_id.id, self.home_am.id)
        self.assertEqual(self.team_lead.action_id.id, self.home_lead.id)
        self.assertEqual(self.director.action_id.id, self.home_management.id)
        self.assertFalse(self.employee.action_id)

    def test_home_follows_group_changes(self):
        user = self._user("test.newcomer", "base.group_user")
        self.assertFalse(user.action_id)
        user.write({"groups_id": [(4, self.env.ref(GROUP_ACCOUNT_MANAGER).id)]})
        self.assertEqual(user.action_id.id, self.home_am.id)
        # Through the group (Settings, the group form).
        self.env.ref(GROUP_TEAM_LEAD).write({"users": [(4, user.id)]})
        self.assertEqual(user.action_id.id, self.home_lead.id)
        # One role at a time: from team lead to management.
        user.write({"groups_id": [(3, self.env.ref(GROUP_TEAM_LEAD).id),
                                  (3, self.env.ref(GROUP_ACCOUNT_MANAGER).id),
                                  (4, self.env.ref(GROUP_MANAGEMENT).id)]})
        self.assertEqual(user.action_id.id, self.home_management.id)
        self.env.ref(GROUP_MANAGEMENT).write({"users": [(3, user.id)]})
        self.assertFalse(user.action_id)

    def test_home_set_by_admin_is_kept(self):
        other = self.env.ref("omnia_customer.omnia_target_action_dashboard")
        self.am1.write({"action_id": other.id})
        self.am1.write({"groups_id": [(3, self.env.ref(GROUP_ACCOUNT_MANAGER).id),
                                      (4, self.env.ref(GROUP_MANAGEMENT).id)]})
        self.assertEqual(self.am1.action_id.id, other.id)
        user = self._user("test.other.home", GROUP_ACCOUNT_MANAGER, action_id=other.id)
        self.assertEqual(user.action_id.id, other.id)

    def test_migration_sets_homes(self):
        (self.am1 | self.director).write({"action_id": False})
        self.env["res.users"].search([])._set_role_home_action()
        self.assertEqual(self.am1.action_id.id, self.home_am.id)
        self.assertEqual(self.director.action_id.id, self.home_management.id)
