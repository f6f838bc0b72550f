# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import ValidationError

from ..models.rules import add_working_days
from .common import OmniaFeedbackCase


class TestFeedback(OmniaFeedbackCase):
    """Feedback handling: deadlines, activities, closing, response days."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.activity_type = cls.env.ref(
            "omnia_customer.mail_activity_type_feedback_response")

    def test_add_working_days(self):
        # 2026-03-06 is a Friday.
        self.assertEqual(add_working_days(date(2026, 3, 6), 5), date(2026, 3, 13))
        self.assertEqual(add_working_days(date(2026, 3, 6), 1), date(2026, 3, 9))
        self.assertEqual(add_working_days(date(2026, 3, 5), 5), date(2026, 3, 12))
        self.assertEqual(add_working_days(date(2026, 3, 7), 5), date(2026, 3, 13))
        self.assertEqual(add_working_days(date(2026, 3, 8), 1), date(2026, 3, 9))

    def test_negative_feedback_schedules_activity(self):
        feedback = self._feedback(polarity="negative")
        self.assertEqual(feedback.deadline, "2026-03-13")
        self.assertEqual(len(feedback.activity_ids), 1)
        activity = feedback.activity_ids
        self.assertEqual(activity.user_id, self.am1)
        self.assertEqual(activity.date_deadline, "2026-03-13")
        self.assertEqual(activity.activity_type_id, self.activity_type)

    def test_activity_for_account_manager_when_team_lead_records(self):
        feedback = self.Feedback.sudo(self.team_lead).create({
            "partner_id": self.customer_two.id,
            "date": "2026-03-05",
            "polarity": "negative",
        })
        self.assertEqual(feedback.account_manager_id, self.am2)
        self.assertEqual(feedback.activity_ids.user_id, self.am2)
        self.assertEqual(feedback.activity_ids.date_deadline, "2026-03-12")

    def test_deadline_from_settings(self):
        self.env["res.config.settings"].create({
            "omnia_feedback_deadline_days": 3,
        }).execute()
        feedback = self._feedback(polarity="negative")
        self.assertEqual(feedback.deadline, "2026-03-11")

    def test_settings_refuse_zero_days(self):
        with self.assertRaisesRegex(ValidationError, "Response Deadline"):
            self.env["res.config.settings"].create({
                "omnia_feedback_deadline_days": 0,
            })

    def test_positive_feedback_has_no_deadline(self):
        feedback = self._feedback()
        self.assertFalse(feedback.deadline)
        self.assertFalse(feedback.activity_ids)

    def test_becoming_negative_schedules_activity(self):
        feedback = self._feedback()
        feedback.polarity = "negative"
        self.assertEqual(feedback.deadline, "2026-03-13")
        self.assertEqual(feedback.activity_ids.date_deadline, "2026-03-13")

    def test_activity_follows_date_and_polarity(self):
        feedback = self._feedback(polarity="negative")
        activity = feedback.activity_ids
        feedback.date = "2026-03-09"
        self.assertEqual(feedback.deadline, "2026-03-16")
        self.assertEqual(feedback.activity_ids, activity)
        self.assertEqual(activity.date_deadline, "2026-03-16")
        feedback.polarity = "positive"
        self.assertFalse(feedback.deadline)
        self.assertFalse(feedback.activity_ids)

    def test_reopening_schedules_again(self):
        feedback = self._feedback(polarity="negative")
        feedback.write({"state": "done", "response": "Called back."})
        self.assertFalse(feedback.activity_ids)
        feedback.action_reopen()
        self.assertEqual(feedback.activity_ids.date_deadline, "2026-03-13")

    def test_closing_negative_needs_response(self):
        feedback = self._feedback(polarity="negative")
        with self.assertRaisesRegex(ValidationError, "Response:"), self.cr.savepoint():
            feedback.action_done()
        feedback.invalidate_cache()
        self.assertEqual(feedback.state, "new")
        self.assertFalse(feedback.done_date)
        feedback.response = "Called the customer; the trainer changes."
        feedback.action_done()
        self.assertEqual(feedback.state, "done")
        self.assertEqual(feedback.done_date, self.TODAY)
        self.assertEqual(feedback.response_days, 0)
        self.assertFalse(feedback.activity_ids)

    def test_positive_closes_without_response(self):
        feedback = self._feedback()
        feedback.action_done()
        self.assertEqual(feedback.state, "done")

    def test_response_days(self):
        feedback = self._feedback(polarity="negative", date="2026-03-02")
        feedback.write({
            "state": "done",
            "response": "Handled.",
            "done_date": "2026-03-12",
        })
        self.assertEqual(feedback.response_days, 10)
        feedback.action_reopen()
        self.assertEqual(feedback.state, "in_progress")
        self.assertFalse(feedback.done_date)
        self.assertEqual(feedback.response_days, 0)

    def test_done_date_before_date_refused(self):
        feedback = self._feedback()
        with self.assertRaisesRegex(ValidationError, "Handled On:"):
            feedback.write({"state": "done", "done_date": "2026-03-01"})

    def test_overdue(self):
        late = self._feedback(polarity="negative", date="2026-02-20")
        due_today = self._feedback(polarity="negative", date="2026-02-27")
        handled = self._feedback(
            polarity="negative", date="2026-02-20", state="done",
            response="Done.", done_date="2026-02-25")
        positive = self._feedback(date="2026-02-01")
        self.assertEqual(late.deadline, "2026-02-27")
        self.assertEqual(due_today.deadline, "2026-03-06")
        self.assertTrue(late.is_overdue)
        self.assertFalse(due_today.is_overdue)
        self.assertFalse(handled.is_overdue)
        self.assertFalse(positive.is_overdue)
        mine = [("id", "in", (late | due_today | handled | positive).ids)]
        self.assertEqual(self.Feedback.search(mine + [("is_overdue", "=", True)]), late)
        self.assertEqual(
            self.Feedback.search(mine + [("is_overdue", "=", False)]),
            due_today | handled | positive)
        self.assertFalse(
            late.with_context(omnia_today="2026-02-27").is_overdue)

    def test_missing_polarity_or_customer_refused(self):
        count = self.Feedback.search_count([])
        with self.assertRaisesRegex(ValidationError, "Polarity:"):
            self.Feedback.create({"partner_id": self.customer_one.id})
        with self.assertRaisesRegex(
                ValidationError, "Customer, Qualification or Training:"), self.cr.savepoint():
            self.Feedback.create({"polarity": "positive"})
        feedback = self._feedback()
        with self.assertRaisesRegex(ValidationError, "Polarity:"):
            feedback.write({"polarity": False})
        self.assertEqual(self.Feedback.search_count([]), count + 1)

    def test_action_without_responsible_refused(self):
        feedback = self._feedback(description="Original")
        with self.assertRaisesRegex(ValidationError, "Responsible:"), self.cr.savepoint():
            feedback.write({
                "description": "Changed",
                "action_ids": [(0, 0, {"name": "Call back", "deadline": "2026-03-10"})],
            })
        feedback.invalidate_cache()
        self.assertEqual(feedback.description, "Original")
        self.assertFalse(feedback.action_ids)

    def test_action_deadline_before_feedback_refused(self):
        feedback = self._feedback()
        with self.assertRaisesRegex(ValidationError, "Deadline:"):
            feedback.write({"action_ids": [(0, 0, {
                "name": "Call back",
                "responsible_id": self.am1.id,
                "deadline": "2026-03-05",
            })]})

    def test_feedback_date_after_action_deadline_refused(self):
        feedback = self._feedback(action_ids=[(0, 0, {
            "name": "Call back",
            "responsible_id": self.am1.id,
            "deadline": "2026-03-06",
        })])
        with self.assertRaisesRegex(ValidationError, "Deadline:"):
            feedback.date = "2026-03-09"

    def test_action_done_date(self):
        feedback = self._feedback(action_ids=[(0, 0, {
            "name": "Send the new course plan",
            "responsible_id": self.am1.id,
            "deadline": "2026-03-10",
        })])
        action = feedback.action_ids
        self.assertFalse(action.is_overdue)
        self.assertTrue(action.with_context(omnia_today="2026-03-11").is_overdue)
        action.action_mark_done()
        self.assertEqual(action.done_date, self.TODAY)
        self.assertEqual(action.partner_id, self.customer_one)
        self.assertEqual(action.origin_date, "2026-03-06")

    def test_record_from_customer(self):
        action = self.contact_one.action_record_omnia_feedback()
        self.assertEqual(action["res_model"], "omnia.feedback")
        self.assertEqual(action["context"]["default_partner_id"], self.customer_one.id)
        self.assertEqual(action["context"]["default_contact_id"], self.contact_one.id)
        action = self.customer_one.action_record_omnia_feedback()
        self.assertFalse(action["context"]["default_contact_id"])

    def test_record_from_opportunity(self):
        lead = self.env["crm.lead"].create({
            "name": "Welding course",
            "type": "opportunity",
            "partner_id": self.contact_one.id,
        })
        context = lead.action_record_omnia_feedback()["context"]
        self.assertEqual(context["default_partner_id"], self.customer_one.id)
        self.assertEqual(context["default_contact_id"], self.contact_one.id)
        self.assertEqual(context["default_lead_id"], lead.id)

    def test_record_from_event(self):
        event = self.env["calendar.event"].create({
            "name": "Customer visit",
            "start": "2026-03-04 09:00:00",
            "stop": "2026-03-04 10:00:00",
            "omnia_partner_id": self.customer_one.id,
            "partner_ids": [(6, 0, [self.contact_one.id])],
        })
        context = event.action_record_omnia_feedback()["context"]
        self.assertEqual(context["default_partner_id"], self.customer_one.id)
        self.assertEqual(context["default_contact_id"], self.contact_one.id)
        self.assertEqual(context["default_event_id"], event.id)
        self.assertEqual(context["default_date"], "2026-03-04")
        feedback = self.Feedback.with_context(**context).create({
            "polarity": "positive",
        })
        self.assertEqual(feedback.event_id, event)
        self.assertEqual(feedback.date, "2026-03-04")
        self.assertEqual(feedback.partner_id, self.customer_one)
