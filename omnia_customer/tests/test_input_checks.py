# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

import werkzeug.wrappers

from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from .. import rpc_errors
from .common import OmniaCalendarCase, OmniaFeedbackCase, OmniaTargetsCase


class TestTargetInputChecks(OmniaTargetsCase):

    def test_start_date_warned_before_saving(self):
        Target = self.env["omnia.target"]
        target = Target.new({"user_id": self.am1.id, "period_type": "quarter",
                             "date_from": "2026-02-01"})
        self.assertEqual(
            target._onchange_date_from_warning()["warning"]["message"],
            "Start Date: must be the first day of the year, quarter or month of "
            "the target (2026-02-01).")
        target.date_from = "2026-04-01"
        self.assertIsNone(target._onchange_date_from_warning())


class TestFeedbackInputChecks(OmniaFeedbackCase):

    def test_deadline_before_the_date_warned_and_refused(self):
        feedback = self._feedback(date="2026-03-06", polarity="negative")
        new = self.Feedback.new({
            "partner_id": self.customer_one.id, "date": "2026-03-06",
            "action_ids": [(0, 0, {"name": "Soita", "responsible_id": self.am1.id,
                                   "deadline": "2026-03-05"})]})
        self.assertEqual(new._onchange_action_deadlines()["warning"]["message"],
                         "Deadline: the deadline of action \"Soita\" must not be before "
                         "the date of its feedback or meeting (2026-03-06).")
        with self.assertRaises(ValidationError) as refused:
            self.env["omnia.feedback.action"].create({
                "name": "Soita", "responsible_id": self.am1.id,
                "deadline": "2026-03-05", "feedback_id": feedback.id})
        self.assertEqual(refused.exception.name,
                         "Deadline: the deadline of action \"Soita\" must not be before "
                         "the date of its feedback or meeting (2026-03-06).")

    def test_feedback_problems_in_one_message(self):
        feedback = self._feedback(date="2026-03-02", polarity="negative")
        self.env["omnia.feedback.action"].create({
            "name": "Soita", "responsible_id": self.am1.id,
            "deadline": "2026-03-03", "feedback_id": feedback.id})
        with self.assertRaises(ValidationError) as refused:
            feedback.write({"date": "2026-03-04"})
        self.assertEqual(refused.exception.name,
                         "Deadline: the deadline of action \"Soita\" must not be before "
                         "the date of its feedback or meeting (2026-03-04).")


class FakeJsonRequest:
    """What the JSON error handler reads of a web request."""

    def __init__(self, db, uid, lang):
        self.session = type("Session", (), {"db": db, "uid": uid})()
        self.context = {"lang": lang}
        self.params = {}


class TestRefusedInputTitle(OmniaCalendarCase):
    """The web client titles its error dialog with the response's message:
    refused input is not called a server error."""

    def _handle(self, exception, uid=1, lang="en_US"):
        def handle_exception(request, error):
            body = {"jsonrpc": "2.0", "error": {
                "code": 200, "message": "Odoo Server Error",
                "data": {"name": type(error).__name__, "exception_type": "validation_error",
                         "arguments": [str(error)], "debug": "Traceback"}}}
            return werkzeug.wrappers.Response(json.dumps(body))

        wrapper = rpc_errors.safe_json_errors(handle_exception)
        response = wrapper(FakeJsonRequest(self.env.cr.dbname, uid, lang), exception)
        return json.loads(response.get_data(as_text=True))["error"]

    def test_validation_error_is_titled_as_refused_input(self):
        error = self._handle(ValidationError("Duration: must not be negative."))
        self.assertEqual(error["message"], "Check the Input")
        self.assertEqual(error["data"]["exception_type"], "validation_error")
        self.assertEqual(error["data"]["debug"], "Traceback")

    @mute_logger("odoo.addons.omnia_customer.rpc_errors")
    def test_server_error_keeps_its_title(self):
        error = self._handle(ZeroDivisionError("boom"))
        self.assertEqual(error["message"], "Odoo Server Error")
