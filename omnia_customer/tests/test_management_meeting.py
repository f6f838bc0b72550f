# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.omnia_customer.models.access import workflow

from .common import TODAY, OmniaCase


def day(days):
    """TODAY moved by ``days``, as a string."""
    return fields.Date.to_string(fields.Date.from_string(TODAY) + timedelta(days=days))


class TestManagementMeeting(OmniaCase):
    """A management meeting reviews several care plans at once (R7): key
    accounts' plans reviewed every 90 days (reminded 10 days ahead), a
    standard class every 180 days."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, no_mail_to_attendees=True))
        team = cls.env["crm.team"].create({
            "name": "Test Meeting Team", "user_id": cls.team_lead.id})
        (cls.am1 | cls.am2 | cls.team_lead).write({"sale_team_id": team.id})
        Segment = cls.env["omnia.segment"]
        cls.seg_key = Segment.create({
            "name": "Test Key", "code": "T-MM-KEY", "is_key_account": True,
            "meeting_interval_days": 30, "review_interval_days": 90,
            "review_lead_days": 10,
        })
        cls.seg_std = Segment.create({
            "name": "Test Standard", "code": "T-MM-STD",
            "meeting_interval_days": 90, "review_interval_days": 180,
            "review_lead_days": 30,
        })
        cls.customer1 = cls._company("Kokous Yksi Oy", cls.am1, segment_id=cls.seg_key.id)
        cls.customer2 = cls._company("Kokous Kaksi Oy", cls.am2, segment_id=cls.seg_key.id)
        cls.customer3 = cls._company("Kokous Kolme Oy", cls.am1, segment_id=cls.seg_key.id)
        cls.customer4 = cls._company("Kokous Neljä Oy", cls.am1, segment_id=cls.seg_std.id)
        cls.Meeting = cls.env["omnia.management.meeting"]
        cls.Review = cls.env["omnia.care.plan.review"]

    # Helpers

    def _plan(self, customer, activation_date):
        plan = self.env["omnia.care.plan"].create({"partner_id": customer.id, "year": 2026})
        plan.action_activate()
        with workflow(self.env):
            plan.write({"activation_date": activation_date})
        return plan

    def _meeting(self, date=TODAY, plans=(), user=None, note="<p>Etenee.</p>"):
        return self.Meeting.sudo(user or self.director).create({
            "name": "Johtoryhmä 3/2026",
            "date": date,
            "participant_ids": [(6, 0, [self.director.id, self.team_lead.id])],
            "review_ids": [(0, 0, {"plan_id": plan.id, "notes": note}) for plan in plans],
        })

    def _activities(self, plan):
        """{kind: deadline} of the plan's care model activities."""
        activities = self.env["mail.activity"].search([
            ("res_model", "=", "omnia.care.plan"), ("res_id", "=", plan.id),
            ("omnia_care_kind", "!=", False)])
        return {activity.omnia_care_kind: activity.date_deadline for activity in activities}

    # Adding the plans due

    def test_add_the_plans_due(self):
        """The active plans of key accounts due for review (by the real
        clock, as the plans' lists), not those in a meeting still in draft."""
        due = self._plan(self.customer1, self._real_today(-85))       # in 5 days
        overdue = self._plan(self.customer2, self._real_today(-100))  # 10 days ago
        later = self._plan(self.customer3, self._real_today(-10))     # in 80 days
        standard = self._plan(self.customer4, self._real_today(-170))  # due, no key account
        self.assertEqual((due.review_due, overdue.review_due, later.review_due,
                          standard.review_due), (True, True, False, True))
        meeting = self._meeting(date=self._real_today())
        meeting.action_add_due_plans()
        # (the database's other plans due, if any, are added too)
        ours = meeting.review_ids.filtered(
            lambda review: review.plan_id in due | overdue | later | standard)
        self.assertEqual(ours.mapped("plan_id"), overdue | due)
        self.assertEqual(ours.mapped("meeting"), ["Johtoryhmä 3/2026"] * 2)
        # Not yet reviews: the plans' review dates stay as they were.
        self.assertEqual(ours.mapped("is_pending"), [True, True])
        self.assertEqual((due.last_review_date, due.next_review_date),
                         (False, self._real_today(5)))
        # Another draft meeting finds none left.
        other = self._meeting(date=self._real_today())
        with self.assertRaises(UserError):
            other.action_add_due_plans()
        self.assertFalse(other.review_ids)

    def test_a_plan_once_per_meeting(self):
        plan = self._plan(self.customer1, day(-85))
        with self.assertRaisesRegex(ValidationError, "Care Plan Reviews: each care plan"):
            self._meeting(plans=[plan, plan])

    # Marking as handled

    def test_handled_meeting_records_the_reviews(self):
        """As recording each review from its plan: dated on the meeting's
        day, in the plans' chatter, the review activities closed."""
        plan1 = self._plan(self.customer1, day(-85))
        plan2 = self._plan(self.customer2, day(-100))
        meeting = self._meeting(date=day(-1), plans=plan1 | plan2)
        self.assertEqual(self._activities(plan1), {"review": day(5), "review_lead": day(5)})
        self.assertEqual(self._activities(plan2), {"review": day(-10), "review_lead": day(-10)})
        meeting.write({"name": "Johtoryhmä 4/2026"})
        meeting.sudo(self.director).action_done()
        self.assertEqual(meeting.state, "done")
        self.assertEqual(meeting.review_ids.mapped("date"), [day(-1), day(-1)])
        self.assertEqual(meeting.review_ids.mapped("meeting"), ["Johtoryhmä 4/2026"] * 2)
        self.assertEqual(meeting.review_ids.mapped("is_pending"), [False, False])
        self.assertEqual((plan1.last_review_date, plan1.next_review_date), (day(-1), day(89)))
        self.assertEqual((plan2.last_review_date, plan2.next_review_date), (day(-1), day(89)))
        self.assertEqual(self._activities(plan1), {})
        self.assertEqual(self._activities(plan2), {})
        self.assertEqual(
            plan1.message_ids[0].body,
            "<p>Care plan reviewed on %s: Johtoryhmä 4/2026</p>" % day(-1))
        # The plans' reviews show the meeting.
        self.assertEqual(plan1.review_ids.meeting_id, meeting)

    def test_every_line_needs_a_note(self):
        plan1 = self._plan(self.customer1, day(-85))
        plan2 = self._plan(self.customer2, day(-100))
        meeting = self._meeting(date=day(-1), plans=plan1)
        meeting.write({"review_ids": [(0, 0, {"plan_id": plan2.id, "notes": "<p><br></p>"})]})
        with self.assertRaisesRegex(
                ValidationError, "Notes: write a note for the care plan Kokous Kaksi Oy 2026."):
            meeting.sudo(self.director).action_done()
        # Nothing half-saved.
        self.assertEqual(meeting.state, "draft")
        self.assertEqual((plan1.last_review_date, plan1.next_review_date), (False, day(5)))
        self.assertEqual(set(self._activities(plan1)), {"review", "review_lead"})

    def test_no_plans_or_a_future_day(self):
        empty = self._meeting(date=day(-1))
        with self.assertRaisesRegex(ValidationError, "Care Plan Reviews: add the care plans"):
            empty.sudo(self.director).action_done()
        plan = self._plan(self.customer1, day(-85))
        future = self._meeting(date=self._real_today(7), plans=plan)
        with self.assertRaisesRegex(ValidationError, "Date: a meeting cannot be marked"):
            future.sudo(self.director).action_done()
        self.assertEqual((empty.state, future.state), ("draft", "draft"))

    def test_handled_meeting_is_kept(self):
        plan = self._plan(self.customer1, day(-85))
        other_plan = self._plan(self.customer3, day(-85))
        meeting = self._meeting(date=day(-1), plans=plan)
        meeting.sudo(self.director).action_done()
        as_director = meeting.sudo(self.director)
        with self.assertRaises(UserError):
            as_director.write({"date": day(-2)})
        with self.assertRaises(UserError):
            as_director.unlink()
        with self.assertRaises(UserError):
            as_director.action_done()
        with self.assertRaisesRegex(ValidationError, "Management Meeting: "):
            self.Review.sudo(self.director).create({
                "plan_id": other_plan.id, "meeting_id": meeting.id, "notes": "<p>Myöhässä.</p>"})
        as_director.write({"notes": "<p>Pöytäkirja tarkastettu.</p>"})
        self.assertEqual(meeting.notes, "<p>Pöytäkirja tarkastettu.</p>")
        # A draft meeting is deleted with its lines.
        draft = self._meeting(plans=other_plan)
        lines = draft.review_ids
        draft.sudo(self.director).unlink()
        self.assertFalse(lines.exists())

    # Access

    def test_only_management_changes_meetings(self):
        plan = self._plan(self.customer1, day(-85))
        meeting = self._meeting(date=day(-1), plans=plan)
        line = meeting.review_ids
        for user in (self.am1, self.team_lead):
            self.assertEqual(meeting.sudo(user).read(["name"])[0]["name"], "Johtoryhmä 3/2026")
            with self.assertRaises(AccessError):
                self._meeting(user=user)
            with self.assertRaises(AccessError):
                meeting.sudo(user).write({"name": "Muutettu"})
            with self.assertRaises(AccessError):
                meeting.sudo(user).action_done()
            # The meeting's line of the account manager's own plan is management's.
            self.assertEqual(line.sudo(user).read(["notes"])[0]["notes"], "<p>Etenee.</p>")
            with self.assertRaises(AccessError):
                line.sudo(user).write({"notes": "<p>Muutettu.</p>"})
            with self.assertRaises(AccessError):
                line.sudo(user).unlink()
            with self.assertRaises(AccessError):
                self.Review.sudo(user).create({"plan_id": plan.id, "meeting_id": meeting.id})
        with self.assertRaises(AccessError):
            meeting.sudo(self.employee).read(["name"])
        self.assertEqual(meeting.state, "draft")
        self.assertEqual(line.notes, "<p>Etenee.</p>")

    def test_account_manager_reviews_his_plans_as_before(self):
        """An account manager records his own plan's review, but cannot
        move it into a meeting nor out of one."""
        plan = self._plan(self.customer1, day(-85))
        review = self.Review.sudo(self.am1).create({
            "plan_id": plan.id, "date": day(-2), "meeting": "Asiakastapaaminen",
            "notes": "<p>Hyvä tilanne.</p>"})
        self.assertEqual(plan.last_review_date, day(-2))
        self.assertEqual(self._activities(plan), {})
        meeting = self._meeting(date=day(-1))
        with self.assertRaises(AccessError):
            review.sudo(self.am1).write({"meeting_id": meeting.id})
        self.assertFalse(review.meeting_id)
        review.sudo(self.am1).write({"notes": "<p>Hyvä tilanne, jatketaan.</p>"})
        self.assertEqual(review.notes, "<p>Hyvä tilanne, jatketaan.</p>")
