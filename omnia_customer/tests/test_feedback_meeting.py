# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import ValidationError

from .common import OmniaFeedbackCase


class TestFeedbackMeeting(OmniaFeedbackCase):
    """Steering groups and student forums follow up their items."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Meeting = cls.env["omnia.feedback.meeting"]
        Training = cls.env["omnia.training"]
        cls.training_one = Training.create({
            "name": "Welding staff training", "partner_id": cls.customer_one.id})
        cls.training_two = Training.create({
            "name": "Care staff training", "partner_id": cls.customer_two.id})
        cls.autumn = cls.Meeting.create({
            "type": "steering_group",
            "name": "Welding staff training, steering group",
            "date": "2025-10-15",
            "training_id": cls.training_one.id,
            "user_id": cls.am1.id,
            "participant_ids": [
                (0, 0, {"name": "Liisa Testinen", "role": "employer",
                        "partner_id": cls.contact_one.id}),
                (0, 0, {"name": "Pekka Opiskelija", "role": "student"}),
                (0, 0, {"name": "Test AM One", "role": "school"}),
            ],
            "action_ids": [
                (0, 0, {"name": "More practice hours", "responsible_id": cls.am1.id,
                        "deadline": "2025-12-31"}),
                (0, 0, {"name": "New welding simulator", "responsible_id": cls.am2.id,
                        "deadline": "2026-02-28"}),
            ],
        })

    def test_next_meeting_lists_previous_actions(self):
        done, open_item = self.autumn.action_ids.sorted("deadline")
        done.write({"done": True, "done_date": "2025-12-15", "note": "Two extra days"})
        spring = self.Meeting.create({
            "type": "steering_group",
            "name": "Welding staff training, steering group",
            "date": "2026-03-06",
            "training_id": self.training_one.id,
        })
        self.assertEqual(spring.previous_meeting_id, self.autumn)
        self.assertEqual(spring.previous_action_ids, done | open_item)
        self.assertEqual(spring.previous_action_ids.mapped("done"), [True, False])
        self.assertTrue(open_item.is_overdue)
        self.assertEqual(self.autumn.open_action_count, 1)

    def test_other_employer_is_not_the_previous_meeting(self):
        other = self.Meeting.create({
            "type": "steering_group",
            "name": "Care staff training, steering group",
            "date": "2026-03-06",
            "training_id": self.training_two.id,
        })
        self.assertFalse(other.previous_meeting_id)

    def test_forum_follows_its_qualification(self):
        Qualification = self.env["omnia.qualification"]
        business = Qualification.create({"name": "Business Vocational Qualification"})
        welding = Qualification.create({"name": "Further Qualification in Welding"})
        first = self.Meeting.create({
            "type": "student_forum",
            "name": "Student forum",
            "date": "2026-01-20",
            "qualification_id": business.id,
            "participant_ids": [
                (0, 0, {"name": "Aino Opiskelija", "role": "student"}),
                (0, 0, {"name": "Eero Varajäsen", "role": "student", "deputy": True}),
            ],
        })
        second = self.Meeting.create({
            "type": "student_forum",
            "name": "Student forum",
            "date": "2026-03-06",
            "qualification_id": business.id,
        })
        other = self.Meeting.create({
            "type": "student_forum",
            "name": "Student forum",
            "date": "2026-03-06",
            "qualification_id": welding.id,
        })
        self.assertEqual(second.previous_meeting_id, first)
        self.assertFalse(other.previous_meeting_id)
        self.assertEqual(first.participant_ids.filtered("deputy").name, "Eero Varajäsen")

    def test_previous_meeting_must_be_earlier(self):
        with self.assertRaisesRegex(ValidationError, "Previous Meeting:"):
            self.Meeting.create({
                "type": "steering_group",
                "name": "Earlier",
                "date": "2025-09-01",
                "training_id": self.training_one.id,
                "previous_meeting_id": self.autumn.id,
            })

    def test_item_deadline_before_meeting_refused(self):
        with self.assertRaisesRegex(ValidationError, "Deadline:"):
            self.autumn.write({"action_ids": [(0, 0, {
                "name": "Too late", "responsible_id": self.am1.id,
                "deadline": "2025-10-14"})]})

    def test_open_actions_across_feedback_and_meetings(self):
        feedback = self._feedback(polarity="negative", action_ids=[(0, 0, {
            "name": "Call the customer", "responsible_id": self.am1.id,
            "deadline": "2026-03-09"})])
        Action = self.env["omnia.feedback.action"]
        scope = [("partner_id", "=", self.customer_one.id)]
        open_actions = Action.search(scope + [("done", "=", False)])
        self.assertEqual(open_actions, self.autumn.action_ids | feedback.action_ids)
        overdue = Action.search(scope + [("is_overdue", "=", True)])
        self.assertEqual(overdue, self.autumn.action_ids)
        self.autumn.action_ids.action_mark_done()
        self.assertEqual(Action.search(scope + [("is_overdue", "=", True)]), Action)
        self.assertEqual(Action.search(scope + [("is_overdue", "=", False)]),
                         self.autumn.action_ids | feedback.action_ids)
