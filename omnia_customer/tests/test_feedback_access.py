# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError

from .common import OmniaFeedbackCase


class TestFeedbackAccess(OmniaFeedbackCase):
    """Account managers edit their customers' feedback, the team reads all,
    the team lead edits all, management reads."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.feedback_one = cls._feedback(polarity="negative", action_ids=[(0, 0, {
            "name": "Call back", "responsible_id": cls.am2.id,
            "deadline": "2026-03-10"})])
        cls.feedback_two = cls._feedback(partner_id=cls.customer_two.id)
        cls.meeting = cls.env["omnia.feedback.meeting"].create({
            "type": "steering_group",
            "name": "Steering group",
            "date": "2026-03-06",
            "training_id": cls.env["omnia.training"].create({
                "name": "Care staff training", "partner_id": cls.customer_two.id,
                "user_id": cls.am2.id}).id,
            "user_id": cls.am2.id,
        })

    def test_account_manager_edits_own_customers_feedback(self):
        feedback = self.feedback_one.sudo(self.am1)
        feedback.write({"description": "Edited"})
        self.assertEqual(feedback.description, "Edited")
        created = self.Feedback.sudo(self.am1).create({
            "partner_id": self.customer_one.id, "polarity": "positive"})
        self.assertEqual(created.account_manager_id, self.am1)

    def test_account_manager_reads_but_does_not_edit_others(self):
        feedback = self.feedback_two.sudo(self.am1)
        self.assertEqual(feedback.description, "Test feedback")
        with self.assertRaises(AccessError):
            feedback.write({"description": "Edited"})
        with self.assertRaises(AccessError):
            self.Feedback.sudo(self.am1).create({
                "partner_id": self.customer_two.id, "polarity": "positive"})
        with self.assertRaises(AccessError):
            feedback.unlink()

    def test_team_lead_edits_all(self):
        feedbacks = (self.feedback_one | self.feedback_two).sudo(self.team_lead)
        feedbacks.write({"description": "Seen by the lead"})
        self.meeting.sudo(self.team_lead).write({"minutes": "<p>Checked</p>"})

    def test_management_reads_only(self):
        feedbacks = (self.feedback_one | self.feedback_two).sudo(self.director)
        self.assertEqual(len(feedbacks.read(["description"])), 2)
        with self.assertRaises(AccessError):
            feedbacks.write({"description": "Edited"})
        with self.assertRaises(AccessError):
            self.Feedback.sudo(self.director).create({
                "partner_id": self.customer_one.id, "polarity": "positive"})
        with self.assertRaises(AccessError):
            self.meeting.sudo(self.director).write({"minutes": "<p>x</p>"})
        report = self.env["omnia.feedback.report"].sudo(self.director)
        self.assertEqual(report.search_count([
            ("partner_id", "in", (self.customer_one | self.customer_two).ids)]), 2)

    def test_other_employees_have_no_access(self):
        with self.assertRaises(AccessError):
            self.feedback_one.sudo(self.employee).read(["description"])
        with self.assertRaises(AccessError):
            self.meeting.sudo(self.employee).read(["name"])

    def test_responsible_marks_his_action_done(self):
        action = self.feedback_one.action_ids.sudo(self.am2)
        action.action_mark_done()
        self.assertTrue(action.done)
        with self.assertRaises(AccessError):
            self.feedback_one.sudo(self.am2).write({"description": "Edited"})

    def test_meeting_edited_by_its_responsible(self):
        self.meeting.sudo(self.am2).write({"minutes": "<p>Minutes</p>"})
        with self.assertRaises(AccessError):
            self.meeting.sudo(self.am1).write({"minutes": "<p>x</p>"})
        self.assertEqual(self.meeting.sudo(self.am1).name, "Steering group")
