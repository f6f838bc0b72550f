# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import OmniaFeedbackCase


class TestFeedbackSurvey(OmniaFeedbackCase):
    """Completed customer feedback surveys become feedback, once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env["survey.survey"].create({
            "title": "Course feedback",
            "is_customer_feedback": True,
            "feedback_polarity_rule": "average",
            "feedback_threshold": 3.5,
        })
        page = cls.env["survey.page"].create({
            "title": "Page", "survey_id": cls.survey.id,
        })
        cls.questions = cls.env["survey.question"]
        cls.marks = {}
        for sequence, text in enumerate(["Content", "Trainer", "Arrangements"]):
            question = cls.env["survey.question"].create({
                "page_id": page.id,
                "sequence": sequence,
                "question": text,
                "type": "simple_choice",
                "labels_ids": [
                    (0, 0, {"value": str(mark), "quizz_mark": mark, "sequence": mark})
                    for mark in range(1, 6)
                ],
            })
            cls.questions |= question
        cls.comment = cls.env["survey.question"].create({
            "page_id": page.id,
            "sequence": 10,
            "question": "Comments",
            "type": "free_text",
        })
        cls.unscored_survey = cls.env["survey.survey"].create({
            "title": "Open questions",
            "is_customer_feedback": True,
        })
        unscored_page = cls.env["survey.page"].create({
            "title": "Page", "survey_id": cls.unscored_survey.id,
        })
        cls.unscored_question = cls.env["survey.question"].create({
            "page_id": unscored_page.id,
            "question": "What did you think?",
            "type": "free_text",
        })

    def _response(self, marks, survey=None, comment=None, **values):
        """A response answering the scored questions with ``marks`` (None
        skips one), then completed."""
        survey = survey or self.survey
        vals = {
            "survey_id": survey.id,
            "partner_id": self.contact_one.id,
            "date_create": "2026-03-04 10:00:00",
        }
        vals.update(values)
        user_input = self.env["survey.user_input"].create(vals)
        Line = self.env["survey.user_input_line"]
        for question, mark in zip(self.questions, marks):
            if mark is None:
                Line.create({"user_input_id": user_input.id,
                             "question_id": question.id, "skipped": True})
                continue
            label = question.labels_ids.filtered(lambda label, m=mark: label.quizz_mark == m)
            Line.create({
                "user_input_id": user_input.id,
                "question_id": question.id,
                "answer_type": "suggestion",
                "value_suggested": label.id,
            })
        if comment:
            question = self.comment if survey == self.survey else self.unscored_question
            Line.create({
                "user_input_id": user_input.id,
                "question_id": question.id,
                "answer_type": "free_text",
                "value_free_text": comment,
            })
        user_input.write({"state": "done"})
        return user_input

    def test_average_at_threshold_is_positive(self):
        # (3 + 4) / 2 = 3.5: the skipped question does not count.
        user_input = self._response([3, 4, None])
        self.assertEqual(user_input.feedback_id.polarity, "positive")

    def test_average_below_threshold_is_negative(self):
        user_input = self._response([3, 4, 3])  # 10/3 = 3.33
        self.assertEqual(user_input.feedback_id.polarity, "negative")

    def test_threshold_edges(self):
        survey = self.survey
        self.assertEqual(survey._feedback_polarity([3.5]), "positive")
        self.assertEqual(survey._feedback_polarity([3.49]), "negative")
        self.assertEqual(survey._feedback_polarity([3, 4]), "positive")
        # Floating-point noise does not move an average off the threshold.
        self.assertEqual(survey._feedback_polarity([0.1 + 0.2, 6.7]), "positive")
        survey.feedback_threshold = 3.5
        survey.feedback_polarity_rule = "lowest"
        self.assertEqual(survey._feedback_polarity([3.5, 5]), "positive")
        self.assertEqual(survey._feedback_polarity([3, 5, 5]), "negative")

    def test_lowest_rule(self):
        self.survey.write({"feedback_polarity_rule": "lowest", "feedback_threshold": 3})
        self.assertEqual(self._response([3, 4, 5]).feedback_id.polarity, "positive")
        self.assertEqual(self._response([5, 5, 2]).feedback_id.polarity, "negative")

    def test_unscored_survey(self):
        user_input = self._response([], survey=self.unscored_survey, comment="Fine")
        self.assertEqual(user_input.feedback_id.polarity, "negative")
        self.unscored_survey.feedback_unscored_polarity = "positive"
        user_input = self._response([], survey=self.unscored_survey, comment="Fine")
        self.assertEqual(user_input.feedback_id.polarity, "positive")

    def test_all_scored_questions_skipped_is_unscored(self):
        self.survey.feedback_unscored_polarity = "positive"
        user_input = self._response([None, None, None], comment="No opinion")
        self.assertEqual(user_input.feedback_id.polarity, "positive")

    def test_feedback_values(self):
        user_input = self._response([5, 4, 3], comment="Good course")
        feedback = user_input.feedback_id
        self.assertEqual(feedback.partner_id, self.customer_one)
        self.assertEqual(feedback.contact_id, self.contact_one)
        self.assertEqual(feedback.source, "survey")
        self.assertEqual(feedback.date, "2026-03-04")
        self.assertEqual(feedback.survey_input_id, user_input)
        self.assertEqual(feedback.polarity, "positive")
        self.assertEqual(feedback.description.split("\n"), [
            "Survey: Course feedback",
            "Average score: 4.00 (3 scored answers)",
            "Content: 5",
            "Trainer: 4",
            "Arrangements: 3",
            "Comments: Good course",
        ])

    def test_resubmitting_makes_no_second_feedback(self):
        user_input = self._response([5, 5, 5])
        feedback = user_input.feedback_id
        user_input.write({"state": "skip"})
        user_input.write({"state": "done"})
        self.assertEqual(user_input.feedback_id, feedback)
        self.assertEqual(
            self.Feedback.search_count([("survey_input_id", "=", user_input.id)]), 1)
        # Even when the link was lost, the existing feedback is found again.
        user_input.sudo().write({"feedback_id": False})
        user_input._create_feedback()
        self.assertEqual(user_input.feedback_id, feedback)
        self.assertEqual(
            self.Feedback.search_count([("survey_input_id", "=", user_input.id)]), 1)

    def test_other_surveys_make_no_feedback(self):
        self.survey.is_customer_feedback = False
        self.assertFalse(self._response([1, 1, 1]).feedback_id)

    def test_response_without_company_makes_no_feedback(self):
        user_input = self._response([1, 1, 1], partner_id=False)
        self.assertFalse(user_input.omnia_partner_id)
        self.assertFalse(user_input.feedback_id)

    def test_sending_from_customer_links_responses(self):
        action = self.customer_two.action_send_omnia_feedback_survey()
        self.assertEqual(action["res_model"], "survey.mail.compose.message")
        self.assertEqual(action["context"]["default_omnia_partner_id"], self.customer_two.id)
        wizard = self.env["survey.mail.compose.message"].create({
            "survey_id": self.survey.id,
            "public": "email_private",
            "partner_ids": [(6, 0, [self.contact_one.id])],
            "omnia_partner_id": self.customer_two.id,
            "subject": "Feedback",
            "body": "Please answer: __URL__",
        })
        wizard.send_mail()
        user_input = self.env["survey.user_input"].search([
            ("survey_id", "=", self.survey.id),
            ("partner_id", "=", self.contact_one.id),
        ])
        self.assertEqual(len(user_input), 1)
        self.assertEqual(user_input.omnia_partner_id, self.customer_two)

    def test_shipped_questionnaire(self):
        survey = self.env.ref("omnia_customer.survey_staff_training_feedback")
        self.assertTrue(survey.is_customer_feedback)
        rating = self.env.ref("omnia_customer.survey_staff_training_feedback_q_rating")
        self.assertEqual(rating.labels_ids.mapped("quizz_mark"), [1, 2, 3, 4, 5])
        self.assertEqual(len(rating.labels_ids_2), 6)
