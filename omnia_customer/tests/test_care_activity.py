# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The care model acts: the activities of the segment classes' care model,
made, re-dated and closed by the care-model job and the writes that change
them."""
import threading
import time
from datetime import timedelta

from psycopg2.extensions import TransactionRollbackError

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import TransactionCase, at_install, post_install

from odoo.addons.omnia_customer.models.access import workflow
from odoo.addons.omnia_customer.models.omnia_care_activity import (
    PARAM_ESCALATION_DAYS, PARAM_MEETING_LEAD_DAYS, PARAM_REVIEW_LEAD_DAYS)

from .common import NOW, TODAY, OmniaCase, dt, load_migration


def day(days):
    """TODAY moved by ``days``, as a string."""
    return fields.Date.to_string(fields.Date.from_string(TODAY) + timedelta(days=days))


class TestCareActivity(OmniaCase):
    """Account managers am1 and am2 in the sales team of the team lead; a key
    account class (meeting every 30 days, reminded 7 days ahead, plans
    reviewed every 90 days, reminded 10 days ahead) and a standard class
    (90 days, 14 days ahead; 180, 30); escalation after 14 days."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(
            cls.env.context, tracking_disable=True, no_mail_to_attendees=True))
        params = cls.env["ir.config_parameter"]
        params.set_param(PARAM_MEETING_LEAD_DAYS, "14")
        params.set_param(PARAM_REVIEW_LEAD_DAYS, "30")
        params.set_param(PARAM_ESCALATION_DAYS, "14")
        team = cls.env["crm.team"].create({
            "name": "Test Care Team", "user_id": cls.team_lead.id})
        (cls.am1 | cls.am2 | cls.team_lead).write({"sale_team_id": team.id})
        Segment = cls.env["omnia.segment"]
        cls.seg_key = Segment.create({
            "name": "Test Key", "code": "T-CARE-KEY", "is_key_account": True,
            "meeting_interval_days": 30, "meeting_lead_days": 7,
            "review_interval_days": 90, "review_lead_days": 10,
        })
        cls.seg_std = Segment.create({
            "name": "Test Standard", "code": "T-CARE-STD",
            "meeting_interval_days": 90, "meeting_lead_days": 14,
            "review_interval_days": 180, "review_lead_days": 30,
        })
        cls.seg_short = Segment.create({
            "name": "Test Short", "code": "T-CARE-SHORT",
            "meeting_interval_days": 20, "meeting_lead_days": 14,
        })
        WorkType = cls.env["omnia.work.type"]
        cls.wt_visit = WorkType.create({
            "name": "Test Visit", "code": "T-CARE-VISIT", "is_customer_meeting": True})
        cls.wt_internal = WorkType.create({"name": "Test Office", "code": "T-CARE-OFFICE"})
        cls.Care = cls.env["omnia.care.activity"]
        cls.type_meeting = cls.env.ref("omnia_customer.mail_activity_type_customer_meeting")
        cls.type_review = cls.env.ref("omnia_customer.mail_activity_type_care_plan_review")
        cls.type_missing = cls.env.ref("omnia_customer.mail_activity_type_care_plan_missing")
        cls.type_escalation = cls.env.ref(
            "omnia_customer.mail_activity_type_meeting_escalation")

    # Helpers

    def _customer(self, name, segment, since, user=None):
        """A customer of ``user`` (am1) in ``segment`` since TODAY + ``since``
        days (negative: in the past)."""
        return self._company(name, user or self.am1, segment_id=segment.id,
                             segment_date=day(since))

    def _meeting(self, customer, days_ago, work_type=None):
        """A one-hour customer visit of am1 at ``customer``, ``days_ago``
        days before NOW."""
        start = NOW - timedelta(days=days_ago)
        return self._event(self.am1, dt(start), dt(start + timedelta(hours=1)),
                           omnia_partner_id=customer.id,
                           work_type_id=(work_type or self.wt_visit).id)

    def _activities(self, record):
        """{kind: (deadline, user login, activity type)} of the record's
        care model activities."""
        activities = self.env["mail.activity"].search([
            ("res_model", "=", record._name), ("res_id", "=", record.id),
            ("omnia_care_kind", "!=", False)])
        return {
            activity.omnia_care_kind: (
                activity.date_deadline, activity.user_id.login, activity.activity_type_id)
            for activity in activities
        }

    def _plan(self, customer, activated_days_ago):
        plan = self.env["omnia.care.plan"].create({"partner_id": customer.id, "year": 2026})
        plan.action_activate()
        with workflow(self.env):
            plan.write({"activation_date": day(-activated_days_ago)})
        return plan

    # Customer meeting due

    def test_first_activity_of_a_customer_never_met(self):
        """Never met: due one interval after the day it got its class, shown
        from the lead time before; not before."""
        due_soon = self._customer("Pian Oy", self.seg_std, -80)
        not_yet = self._customer("Myöhemmin Oy", self.seg_std, -75)
        self.assertEqual(self._activities(due_soon), {
            "meeting": (day(10), "test.am1", self.type_meeting)})
        self.assertEqual(self._activities(not_yet), {})
        # due - lead = TODAY + 1: one day later it appears
        self.Care.with_context(omnia_today=day(1))._sync()
        self.assertEqual(self._activities(not_yet), {
            "meeting": (day(15), "test.am1", self.type_meeting)})
        activity = self.env["mail.activity"].search([
            ("res_model", "=", "res.partner"), ("res_id", "=", due_soon.id)])
        self.assertEqual(activity.res_name, "Pian Oy")
        self.assertEqual(activity.res_model_id.model, "res.partner")
        self.assertFalse(activity.summary)
        self.assertEqual(due_soon.activity_ids, activity)

    def test_next_meeting_due_of_a_customer_never_met(self):
        """The bug: a class with a meeting interval and no meeting gave
        'overdue' and no due date."""
        today = self._real_today()
        overdue = self._company("Unohdettu Oy", self.am1, segment_id=self.seg_key.id,
                                segment_date=self._real_today(-31))
        fresh = self._company("Uusi Oy", self.am1, segment_id=self.seg_key.id)
        self.assertEqual(overdue.next_meeting_due, self._real_today(-1))
        self.assertTrue(overdue.meeting_overdue)
        self.assertEqual(fresh.segment_date, TODAY)
        fresh.segment_date = today
        self.assertEqual(fresh.next_meeting_due, self._real_today(30))
        self.assertFalse(fresh.meeting_overdue)
        Partner = self.env["res.partner"]
        self.assertEqual(
            Partner.search([("id", "in", (overdue | fresh).ids),
                            ("meeting_overdue", "=", True)]), overdue)
        no_class = self._company("Luokaton Oy", self.am1)
        self.assertFalse(no_class.next_meeting_due)
        self.assertFalse(no_class.meeting_overdue)

    def test_segment_date_follows_the_class(self):
        customer = self._customer("Luokka Oy", self.seg_std, -200)
        customer.write({"name": "Luokka Oyj"})
        self.assertEqual(customer.segment_date, day(-200))
        customer.write({"segment_id": self.seg_std.id})
        self.assertEqual(customer.segment_date, day(-200))
        customer.write({"segment_id": self.seg_key.id})
        self.assertEqual(customer.segment_date, TODAY)
        customer.write({"segment_id": False})
        self.assertFalse(customer.segment_date)

    def test_redated_when_the_class_changes(self):
        customer = self._customer("Vaihtaja Oy", self.seg_key, -300)
        self._meeting(customer, 25)
        self.assertEqual(self._activities(customer), {
            "meeting": (day(5), "test.am1", self.type_meeting),
            "plan_missing": (day(-300), "test.am1", self.type_missing)})
        activity = customer.activity_ids.filtered(lambda a: a.omnia_care_kind == "meeting")
        customer.write({"segment_id": self.seg_short.id})
        # the last meeting + 20 days; the same activity, re-dated
        self.assertEqual(self._activities(customer), {
            "meeting": (day(-5), "test.am1", self.type_meeting)})
        self.assertTrue(activity.exists())
        self.assertEqual(activity.date_deadline, day(-5))
        # a class without a meeting due within its lead time: none
        customer.write({"segment_id": self.seg_std.id})
        self.assertEqual(self._activities(customer), {})

    def test_redated_when_the_interval_changes(self):
        customer = self._customer("Väli Oy", self.seg_std, -300)
        self._meeting(customer, 80)
        activity = customer.activity_ids
        self.assertEqual(activity.date_deadline, day(10))
        self.seg_std.write({"meeting_interval_days": 85})
        self.assertEqual(activity.date_deadline, day(5))
        self.seg_std.write({"meeting_lead_days": 4})
        self.assertEqual(self._activities(customer), {})

    def test_reassigned_with_the_customer(self):
        customer = self._customer("Siirto Oy", self.seg_std, -100)
        activity = customer.activity_ids
        customer.write({"user_id": self.am2.id})
        self.assertEqual(self._activities(customer), {
            "meeting": (day(-10), "test.am2", self.type_meeting)})
        self.assertEqual(customer.activity_ids, activity)

    def test_closed_by_a_logged_meeting(self):
        customer = self._customer("Käyty Oy", self.seg_std, -100)
        self.assertEqual(self._activities(customer), {
            "meeting": (day(-10), "test.am1", self.type_meeting)})
        # an internal event at the customer is no customer meeting
        self._meeting(customer, 1, work_type=self.wt_internal)
        self.assertEqual(len(self._activities(customer)), 1)
        event = self._meeting(customer, 1)
        self.assertEqual(self._activities(customer), {})
        self.assertEqual(customer.next_meeting_due, day(89))
        # the meeting deleted: due again
        event.unlink()
        self.assertEqual(self._activities(customer), {
            "meeting": (day(-10), "test.am1", self.type_meeting)})
        # moved to another work type: due again too
        event = self._meeting(customer, 1)
        self.assertEqual(self._activities(customer), {})
        event.write({"work_type_id": self.wt_internal.id})
        self.assertEqual(len(self._activities(customer)), 1)

    def test_closed_by_a_planned_meeting(self):
        """A customer meeting in the calendar ahead is the meeting due
        arranged: no reminder while it is planned."""
        customer = self._customer("Tuleva Oy", self.seg_std, -100)
        start = fields.Datetime.from_string(self._real_today(7) + " 09:00:00")
        self._event(self.am1, dt(start), dt(start + timedelta(hours=1)),
                    omnia_partner_id=customer.id, work_type_id=self.wt_visit.id)
        self.assertEqual(self._activities(customer), {})

    def test_logging_a_meeting_closes_in_few_queries(self):
        customer = self._customer("Nopea Oy", self.seg_std, -100)
        other = self._customer("Toinen Oy", self.seg_std, -100)
        self._meeting(other, 3, work_type=self.wt_internal)
        cr = self.env.cr
        before = cr.sql_log_count
        self._meeting(other, 2, work_type=self.wt_internal)
        without_care = cr.sql_log_count - before
        before = cr.sql_log_count
        self._meeting(customer, 2)
        with_care = cr.sql_log_count - before
        self.assertEqual(self._activities(customer), {})
        self.assertLess(with_care - without_care, 15)
        before = cr.sql_log_count
        self.Care._sync(customer.ids)
        self.assertEqual(cr.sql_log_count - before, 1)

    # Escalation

    def test_escalation_once(self):
        customer = self._customer("Myöhässä Oy", self.seg_std, -110)
        # due TODAY - 20, escalated 14 days after
        expected = {
            "meeting": (day(-20), "test.am1", self.type_meeting),
            "escalation": (day(-6), "test.lead", self.type_escalation),
        }
        self.assertEqual(self._activities(customer), expected)
        escalation = customer.activity_ids.filtered(
            lambda a: a.omnia_care_kind == "escalation")
        for days in (1, 2, 3):
            counts = self.Care.with_context(omnia_today=day(days))._sync(customer.ids)
            self.assertEqual(counts, (0, 0, 0))
            self.assertEqual(self._activities(customer), expected)
        self.assertTrue(escalation.exists())
        self._meeting(customer, 1)
        self.assertEqual(self._activities(customer), {})
        self.assertFalse(escalation.exists())

    def test_escalation_not_before_its_delay(self):
        customer = self._customer("Melkein Oy", self.seg_std, -103)
        self.assertEqual(set(self._activities(customer)), {"meeting"})
        self.Care.with_context(omnia_today=day(1))._sync()
        self.assertEqual(self._activities(customer)["escalation"],
                         (day(1), "test.lead", self.type_escalation))

    def test_escalation_follows_the_setting(self):
        customer = self._customer("Asetus Oy", self.seg_std, -110)
        settings = self.env["res.config.settings"].sudo(self.admin).create({
            "omnia_meeting_escalation_days": 30})
        settings.execute()
        self.assertEqual(set(self._activities(customer)), {"meeting"})
        settings = self.env["res.config.settings"].sudo(self.admin).create({
            "omnia_meeting_escalation_days": 5})
        settings.execute()
        self.assertEqual(self._activities(customer)["escalation"][0], day(-15))

    # Care plans

    def test_missing_plan_created_and_closed(self):
        customer = self._customer("Avain Oy", self.seg_key, -3)
        self.assertEqual(self._activities(customer), {
            "plan_missing": (day(-3), "test.am1", self.type_missing)})
        plan = self.env["omnia.care.plan"].create({"partner_id": customer.id, "year": 2026})
        # a draft is no plan yet
        self.assertEqual(set(self._activities(customer)), {"plan_missing"})
        plan.action_activate()
        self.assertEqual(self._activities(customer), {})
        plan.action_close()
        self.assertEqual(set(self._activities(customer)), {"plan_missing"})
        # a class that is no key account needs no plan
        customer.write({"segment_id": self.seg_std.id})
        self.assertEqual(self._activities(customer), {})

    def test_key_account_flag_of_the_class(self):
        customer = self._customer("Lippu Oy", self.seg_std, -3)
        self.assertEqual(self._activities(customer), {})
        self.seg_std.write({"is_key_account": True})
        self.assertEqual(set(self._activities(customer)), {"plan_missing"})

    def test_review_due_and_closed_by_a_review(self):
        customer = self._customer("Katselmus Oy", self.seg_key, -3)
        plan = self._plan(customer, 85)
        # next review TODAY + 5, reminded 10 days ahead
        self.assertEqual(self._activities(plan), {
            "review": (day(5), "test.am1", self.type_review),
            "review_lead": (day(5), "test.lead", self.type_review)})
        self.assertEqual(self._activities(customer), {})
        self.env["omnia.care.plan.review"].create({
            "plan_id": plan.id, "date": TODAY, "meeting": "Johtoryhmä"})
        self.assertEqual(plan.next_review_date, day(90))
        self.assertEqual(self._activities(plan), {})

    def test_review_not_yet_and_closed_plan(self):
        customer = self._customer("Aikaa Oy", self.seg_key, -3)
        plan = self._plan(customer, 79)
        self.assertEqual(self._activities(plan), {})
        with workflow(self.env):
            plan.write({"activation_date": day(-81)})
        self.assertEqual(set(self._activities(plan)), {"review", "review_lead"})
        plan.action_close()
        self.assertEqual(self._activities(plan), {})

    # Customers that leave

    def test_archived_customer(self):
        customer = self._customer("Arkisto Oy", self.seg_key, -200)
        plan = self._plan(customer, 85)
        self.assertEqual(set(self._activities(customer)), {"meeting", "escalation"})
        self.assertEqual(set(self._activities(plan)), {"review", "review_lead"})
        customer.write({"active": False})
        self.assertEqual(self._activities(customer), {})
        self.assertEqual(self._activities(plan), {})
        customer.write({"active": True})
        self.assertEqual(set(self._activities(customer)), {"meeting", "escalation"})

    def test_customer_without_class(self):
        customer = self._customer("Pois Oy", self.seg_std, -100)
        customer.write({"segment_id": False})
        self.assertEqual(self._activities(customer), {})

    # The job

    def test_idempotent(self):
        customer = self._customer("Sama Oy", self.seg_key, -200)
        self._plan(customer, 85)
        self.assertEqual(self.Care._sync(customer.ids), (0, 0, 0))
        # the whole job twice: the second run changes nothing
        self.Care._sync()
        self.assertEqual(self.Care._sync(), (0, 0, 0))
        # a deadline moved by hand is put back, a deleted activity made anew
        activities = customer.activity_ids
        activities.filtered(lambda a: a.omnia_care_kind == "meeting").write(
            {"date_deadline": day(40)})
        activities.filtered(lambda a: a.omnia_care_kind == "escalation").unlink()
        self.assertEqual(self.Care._sync(), (0, 1, 1))
        self.assertEqual(self.Care._sync(customer.ids), (0, 0, 0))
        self.assertEqual(self._activities(customer)["meeting"][0], day(-170))

    def test_people_cannot_mark_their_own(self):
        activity = self.env["mail.activity"].sudo(self.am1).create({
            "res_model_id": self.env.ref("base.model_res_partner").id,
            "res_id": self._customer("Käsin Oy", self.seg_std, -3).id,
            "activity_type_id": self.type_meeting.id,
            "date_deadline": TODAY,
            "user_id": self.am1.id,
        })
        self.assertFalse(activity.omnia_care_kind)
        with self.assertRaises(UserError):
            activity.write({"omnia_care_kind": "meeting"})

    def test_query_count_independent_of_customers(self):
        def job_queries():
            before = self.env.cr.sql_log_count
            self.Care._sync()
            return self.env.cr.sql_log_count - before

        for index in range(3):
            self._customer("Määrä %d Oy" % index, self.seg_key, -200)
        small = job_queries()
        for index in range(9):
            customer = self._customer("Lisää %d Oy" % index, self.seg_key, -200)
            self._plan(customer, 85)
        self.assertEqual(job_queries(), small)
        self.assertEqual(small, 1)

    # Security

    def test_account_manager_sees_his_own(self):
        mine = self._customer("Oma Oy", self.seg_std, -110)
        theirs = self._customer("Muiden Oy", self.seg_std, -110, user=self.am2)
        Activity = self.env["mail.activity"]
        domain = [("res_model", "=", "res.partner"), ("res_id", "in", (mine | theirs).ids)]
        seen = Activity.sudo(self.am1).search(domain)
        self.assertEqual(seen.mapped(lambda a: (a.res_id, a.omnia_care_kind)),
                         [(mine.id, "meeting")])
        self.assertEqual(Activity.sudo(self.am2).search(domain).mapped("res_id"), [theirs.id])
        self.assertEqual(len(Activity.sudo(self.team_lead).search(domain)), 4)
        self.assertEqual(len(Activity.sudo(self.director).search(domain)), 4)
        self.assertEqual(mine.sudo(self.am2).activity_ids, Activity)
        escalation = Activity.search(domain + [
            ("res_id", "=", mine.id), ("omnia_care_kind", "=", "escalation")])
        with self.assertRaises(AccessError):
            escalation.sudo(self.am1).read(["date_deadline"])


class TestCareSettings(OmniaCase):
    """The care model's settings refuse nonsense, naming the field, and
    save nothing then."""

    def _settings(self, **values):
        return self.env["res.config.settings"].sudo(self.admin).create(values)

    def test_saved(self):
        self._settings(omnia_default_meeting_lead_days=0, omnia_default_review_lead_days=21,
                       omnia_meeting_escalation_days=1).execute()
        get_param = self.env["ir.config_parameter"].get_param
        self.assertEqual(get_param(PARAM_MEETING_LEAD_DAYS), "0")
        self.assertEqual(get_param(PARAM_REVIEW_LEAD_DAYS), "21")
        self.assertEqual(get_param(PARAM_ESCALATION_DAYS), "1")
        names = ["omnia_default_meeting_lead_days", "omnia_default_review_lead_days",
                 "omnia_meeting_escalation_days"]
        values = self.env["res.config.settings"].sudo(self.admin).default_get(names)
        self.assertEqual([values[name] for name in names], [0, 21, 1])
        # new classes start from the defaults
        segment = self.env["omnia.segment"].create({"name": "Uusi", "code": "T-CARE-NEW"})
        self.assertEqual((segment.meeting_lead_days, segment.review_lead_days), (0, 21))

    def test_refused(self):
        get_param = self.env["ir.config_parameter"].get_param
        before = {param: get_param(param) for param in (
            PARAM_MEETING_LEAD_DAYS, PARAM_REVIEW_LEAD_DAYS, PARAM_ESCALATION_DAYS)}
        cases = [
            ({"omnia_default_meeting_lead_days": -1},
             "Default Meeting Reminder (days ahead): must not be negative."),
            ({"omnia_default_review_lead_days": -5, "omnia_meeting_escalation_days": 3},
             "Default Review Reminder (days ahead): must not be negative."),
            ({"omnia_meeting_escalation_days": 0, "omnia_default_meeting_lead_days": 3},
             "Escalate Overdue Meetings After (days): must be at least 1 day."),
        ]
        for values, message in cases:
            with self.assertRaises(ValidationError) as caught:
                with self.env.cr.savepoint():
                    self._settings(**values).execute()
            self.assertEqual(caught.exception.name, message)
        self.assertEqual({param: get_param(param) for param in before}, before)

    def test_segment_lead_days_refused(self):
        Segment = self.env["omnia.segment"]
        with self.assertRaises(ValidationError) as caught:
            with self.env.cr.savepoint():
                Segment.create({"name": "Väärä", "code": "T-CARE-BAD",
                                "meeting_lead_days": -1})
        self.assertEqual(caught.exception.name,
                         "Meeting Reminder (days ahead): must not be negative.")
        segment = Segment.create({"name": "Oikea", "code": "T-CARE-OK"})
        with self.assertRaises(ValidationError) as caught:
            with self.env.cr.savepoint():
                segment.write({"review_lead_days": -2})
        self.assertEqual(caught.exception.name,
                         "Review Reminder (days ahead): must not be negative.")


@at_install(False)
@post_install(True)
class TestCareConcurrency(TransactionCase):
    """Two runs of the job at the same time, in two transactions of their
    own (committed data: each transaction must see the customer)."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partner = env["res.partner"].create({
                "name": "Rinnakkainen Hoito Oy", "is_company": True,
                "user_id": SUPERUSER_ID,
                "segment_id": env.ref("omnia_customer.segment_c").id,
                "segment_date": "2000-01-01",
            })
            # Raw SQL: the customer starts without its activity, which its
            # creation made.
            cr.execute("DELETE FROM mail_activity WHERE res_model = 'res.partner' "
                       "AND res_id = %s", (partner.id,))
            self.partner_id = partner.id
        self.addCleanup(self._remove_partner)

    def _remove_partner(self):
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM mail_activity WHERE res_model = 'res.partner' "
                       "AND res_id = %s", (self.partner_id,))
            api.Environment(cr, SUPERUSER_ID, {})["res.partner"].browse(
                self.partner_id).unlink()

    def _meeting_activities(self):
        with self.registry.cursor() as cr:
            cr.execute("""
                SELECT COUNT(*) FROM mail_activity
                 WHERE res_model = 'res.partner' AND res_id = %s
                   AND omnia_care_kind = 'meeting'
            """, (self.partner_id,))
            return cr.fetchone()[0]

    def test_two_concurrent_runs_make_one_activity(self):
        outcome = {}
        cr_a = self.registry.cursor()
        cr_b = self.registry.cursor()
        try:
            api.Environment(cr_a, SUPERUSER_ID, {})["omnia.care.activity"]._sync()

            def run_b():
                with api.Environment.manage():
                    try:
                        outcome["counts"] = api.Environment(
                            cr_b, SUPERUSER_ID, {})["omnia.care.activity"]._sync()
                    except TransactionRollbackError as error:
                        outcome["error"] = error

            second = threading.Thread(target=run_b)
            second.start()
            # The second run waits for the first one's new row
            cr_a.execute("SELECT pg_backend_pid()")
            pid_a = cr_a.fetchone()[0]
            waiting = False
            for _attempt in range(200):
                cr_a.execute("""
                    SELECT COUNT(*) FROM pg_locks
                     WHERE NOT granted AND pid != %s
                       AND pid IN (SELECT pid FROM pg_stat_activity
                                    WHERE datname = current_database())
                """, (pid_a,))
                if cr_a.fetchone()[0]:
                    waiting = True
                    break
                time.sleep(0.05)
            self.assertTrue(waiting)
            cr_a.commit()
            second.join()
            if "counts" in outcome:
                self.assertEqual(outcome["counts"][2], 0)
                cr_b.commit()
            else:
                # Odoo retries a transaction that fails to serialize.
                self.assertIsInstance(outcome["error"], TransactionRollbackError)
                cr_b.rollback()
        finally:
            cr_a.close()
            cr_b.close()
        self.assertEqual(self._meeting_activities(), 1)
        # and a third run, later, changes nothing
        with self.registry.cursor() as cr:
            counts = api.Environment(cr, SUPERUSER_ID, {})["omnia.care.activity"]._sync(
                [self.partner_id])
        self.assertEqual(counts, (0, 0, 0))
        self.assertEqual(self._meeting_activities(), 1)


class TestCareMigration(OmniaCase):
    """11.0.3.0.0 gives the customers of earlier releases the day they got
    their class: the last change of the class in the chatter, or else the
    day the customer was created."""

    def test_segment_dates_filled(self):
        segment = self.env["omnia.segment"].create({"name": "Vanha", "code": "T-CARE-OLD"})
        tracked = self._company("Seurattu Oy", self.am1)
        tracked.write({"segment_id": segment.id})
        # imported without the chatter
        untracked = self.env["res.partner"].with_context(tracking_disable=True).create({
            "name": "Hiljainen Oy", "is_company": True, "user_id": self.am1.id,
            "segment_id": segment.id})
        unclassed = self._company("Luokaton Oy", self.am1)
        # Raw SQL: the rows as the earlier release left them.
        self.env.cr.execute("""
            UPDATE res_partner SET segment_date = NULL, create_date = '2024-06-01 08:00:00'
             WHERE id IN %s
        """, (tuple((tracked | untracked | unclassed).ids),))
        self.env.cr.execute("""
            UPDATE mail_message SET date = '2025-01-15 10:00:00'
             WHERE model = 'res.partner' AND res_id = %s AND id IN (
                   SELECT mail_message_id FROM mail_tracking_value
                    WHERE field = 'segment_id')
        """, (tracked.id,))
        self.assertEqual(self.env.cr.rowcount, 1)
        migration = load_migration("11.0.3.0.0", "post-migrate.py")
        migration.fill_segment_dates_and_sync_care_activities(self.env)
        (tracked | untracked | unclassed).invalidate_cache()
        self.assertEqual(tracked.segment_date, "2025-01-15")
        self.assertEqual(untracked.segment_date, "2024-06-01")
        self.assertFalse(unclassed.segment_date)
        # and their activities made: never met since then, 90 days on
        meeting = tracked.activity_ids.filtered(lambda a: a.omnia_care_kind == "meeting")
        self.assertEqual(meeting.date_deadline, "2025-04-15")
