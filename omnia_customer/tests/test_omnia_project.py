# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from .common import OmniaTargetsCase


class TestOmniaProject(OmniaTargetsCase):
    """The project section, its deadline reminders and the annual plan."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.activity_type = cls.env.ref("omnia_customer.mail_activity_type_project_deadline")
        cls.project = cls.env["omnia.project"].sudo(cls.am1).create({
            "name": "TYKE 2016: digital skills",
            "project_type": "tyke",
            "funder": "Opetushallitus",
            "call_year": 2016,
            "application_deadline": "2015-10-31",
            "reminder_days": 14,
            "budget": 120000,
        })

    def _reminders(self, project):
        return self.env["mail.activity"].search([
            ("res_model", "=", "omnia.project"), ("res_id", "=", project.id),
            ("activity_type_id", "=", self.activity_type.id)])

    def test_states_and_dates(self):
        project = self.project.with_context(tz="UTC")
        self.assertEqual((project.state, project.manager_id), ("idea", self.am1))
        project.action_prepare()
        project.action_submit()
        self.assertEqual(project.state, "submitted")
        self.assertTrue(project.submitted_date)
        project.action_grant()
        project.write({"granted_amount": 100000})
        project.action_start()
        self.assertEqual(project.state, "running")
        self.assertTrue(project.granted_date)

    def test_deadline_reminder_once(self):
        Project = self.env["omnia.project"]
        self.assertFalse(Project._cron_deadline_reminders(today="2015-10-16"))
        self.assertEqual(Project._cron_deadline_reminders(today="2015-10-17"), self.project)
        reminder = self._reminders(self.project)
        self.assertEqual((reminder.user_id, reminder.date_deadline), (self.am1, "2015-10-31"))
        # The next days do not duplicate it, even after it is done.
        self.assertFalse(Project._cron_deadline_reminders(today="2015-10-18"))
        reminder.action_done()
        self.assertFalse(Project._cron_deadline_reminders(today="2015-10-19"))
        self.assertFalse(self._reminders(self.project))
        # A moved deadline gets a new reminder.
        self.project.application_deadline = "2015-11-02"
        self.assertEqual(Project._cron_deadline_reminders(today="2015-10-20"), self.project)
        self.assertEqual(self._reminders(self.project).date_deadline, "2015-11-02")

    def test_no_reminder_after_submission_or_deadline(self):
        Project = self.env["omnia.project"]
        self.assertFalse(Project._cron_deadline_reminders(today="2015-11-01"))
        self.project.action_submit()
        self.assertFalse(Project._cron_deadline_reminders(today="2015-10-20"))

    def test_links_to_events_and_leads(self):
        event = self.env["calendar.event"].create({
            "name": "TYKE planning", "start": "2015-09-01 08:00:00",
            "stop": "2015-09-01 09:00:00", "project_id": self.project.id})
        lead = self.env["crm.lead"].create({
            "name": "TYKE pilot company", "user_id": self.am1.id, "project_id": self.project.id})
        self.assertEqual(self.project.event_ids, event)
        self.assertEqual(self.project.lead_ids, lead)
        self.assertEqual((self.project.event_count, self.project.lead_count), (1, 1))

    def test_scorecard_project_measures(self):
        granted = self.project.copy({"name": "Granted one"})
        granted.sudo().write({"state": "granted", "submitted_date": "2015-03-01",
                              "granted_date": "2015-09-01"})
        self.project.sudo().write({"state": "submitted", "submitted_date": "2015-10-30"})
        scorecard = self.env["omnia.scorecard"].create({
            "name": "Projects 2015", "year": 2015, "line_ids": [
                (0, 0, {"perspective_id": self.env.ref(
                    "omnia_customer.scorecard_perspective_processes").id,
                    "name": "Submitted", "measure": "projects_submitted", "target": 2}),
                (0, 0, {"perspective_id": self.env.ref(
                    "omnia_customer.scorecard_perspective_processes").id,
                    "name": "Granted", "measure": "projects_granted", "target": 2}),
            ]})
        self.assertEqual(scorecard.line_ids.mapped("actual"), [2.0, 1.0])

    @mute_logger("odoo.sql_db")
    def test_budget_not_negative(self):
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self.project.write({"budget": -1})

    def test_annual_plan(self):
        plan = self.env["omnia.annual.plan"].sudo(self.team_lead).create({
            "name": "Annual plan 2015", "year": 2015, "item_ids": [
                (0, 0, {"name": "Fair", "date": "2015-03-10", "responsible_id": self.am1.id}),
                (0, 0, {"name": "Scorecard review", "date": "2015-11-20"}),
            ]})
        # The responsible account manager marks his item done.
        plan.item_ids[0].sudo(self.am1).write({"done": True})
        self.assertEqual((plan.item_count, plan.done_ratio), (2, 50.0))
        with self.assertRaises(ValidationError):
            plan.write({"item_ids": [(0, 0, {"name": "Late", "date": "2016-01-05"})]})

    @mute_logger("odoo.sql_db")
    def test_one_annual_plan_per_year(self):
        self.env["omnia.annual.plan"].create({"name": "Plan", "year": 2015})
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["omnia.annual.plan"].create({"name": "Another", "year": 2015})
