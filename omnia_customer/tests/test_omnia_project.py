# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tools import mute_logger

from .common import OmniaCalendarCase, OmniaTargetsCase


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

    def test_reminder_follows_deadline_manager_and_state(self):
        """The to-do is made, moved and removed with the project's changes,
        idempotently (the daily job run again changes nothing)."""
        Project = self.env["omnia.project"].sudo(self.am1)
        project = Project.create({
            "name": "TYKE 2027: hoiva-alan perehdytys", "application_deadline": "2026-06-30",
            "reminder_days": 14})
        # Created far from its deadline: nothing yet.
        self.assertFalse(Project._cron_deadline_reminders())
        self.assertFalse(self._reminders(project))
        # The deadline moved within the reminder days (TODAY is 2026-03-06).
        project.write({"application_deadline": "2026-03-16"})
        reminder = self._reminders(project)
        self.assertEqual((reminder.user_id, reminder.date_deadline, reminder.summary),
                         (self.am1, "2026-03-16", "Application deadline 2026-03-16"))
        self.assertEqual(project.reminder_deadline, "2026-03-16")
        self.assertFalse(Project._cron_deadline_reminders())
        self.assertFalse(Project._cron_deadline_reminders())
        self.assertEqual(self._reminders(project), reminder)
        # Moved deadline and new manager: the same to-do follows.
        project.write({"application_deadline": "2026-03-18", "manager_id": self.am2.id})
        self.assertEqual(self._reminders(project), reminder)
        self.assertEqual((reminder.user_id, reminder.date_deadline), (self.am2, "2026-03-18"))
        self.assertEqual(project.reminder_deadline, "2026-03-18")
        # More reminder days keep it; fewer move it out of reach: removed.
        project.write({"reminder_days": 30})
        self.assertEqual(self._reminders(project), reminder)
        project.write({"reminder_days": 5})
        self.assertFalse(self._reminders(project))
        self.assertFalse(project.reminder_deadline)
        # Back within reach, then submitted: removed; back to an idea: anew.
        project.write({"reminder_days": 14})
        self.assertEqual(len(self._reminders(project)), 1)
        project.action_submit()
        self.assertFalse(self._reminders(project))
        self.assertFalse(Project._cron_deadline_reminders())
        self.assertFalse(self._reminders(project))

    def test_no_reminder_on_closed_or_archived_projects(self):
        project = self.env["omnia.project"].sudo(self.am1).create({
            "name": "Kehittämishanke", "application_deadline": "2026-03-10",
            "state": "idea"})
        self.assertEqual(self.env["omnia.project"]._cron_deadline_reminders(), project)
        project.write({"active": False})
        self.assertFalse(self._reminders(project))
        # The daily job does not make one for an archived project.
        self.assertFalse(self.env["omnia.project"]._cron_deadline_reminders())
        project.write({"active": True})
        self.assertEqual(len(self._reminders(project)), 1)
        project.action_reject()
        self.assertFalse(self._reminders(project))
        project.action_reset_to_idea()
        self.assertEqual(len(self._reminders(project)), 1)
        project.action_submit()
        project.action_grant()
        project.action_close()
        self.assertFalse(self._reminders(project))
        self.assertFalse(self.env["omnia.project"]._cron_deadline_reminders())

    def test_done_reminder_not_made_again(self):
        project = self.env["omnia.project"].sudo(self.am1).create({
            "name": "Kehittämishanke", "application_deadline": "2026-03-10"})
        self.env["omnia.project"]._cron_deadline_reminders()
        self._reminders(project).sudo(self.am1).action_done()
        self.assertFalse(self.env["omnia.project"]._cron_deadline_reminders())
        project.write({"name": "Kehittämishanke 2", "reminder_days": 14})
        self.assertFalse(self._reminders(project))
        # A new deadline is a new reminder.
        project.write({"application_deadline": "2026-03-12"})
        self.assertEqual(self._reminders(project).date_deadline, "2026-03-12")

    def test_links_to_events_and_leads(self):
        event = self.env["calendar.event"].create({
            "name": "TYKE planning", "start": "2015-09-01 08:00:00",
            "stop": "2015-09-01 09:00:00", "project_id": self.project.id})
        lead = self.env["crm.lead"].create({
            "name": "TYKE pilot company", "user_id": self.am1.id, "project_id": self.project.id})
        self.assertEqual(self.project.event_ids, event)
        self.assertEqual(self.project.lead_ids, lead)
        self.assertEqual((self.project.event_count, self.project.lead_count), (1, 1))

    def test_only_open_projects_offered(self):
        closed = self.project.copy({"name": "Closed one"})
        closed.sudo().write({"state": "closed"})
        rejected = self.project.copy({"name": "Rejected one"})
        rejected.sudo().write({"state": "rejected"})
        archived = self.project.copy({"name": "Archived one", "active": False})
        running = self.project.copy({"name": "Running one"})
        running.sudo().write({"state": "running"})
        mine = self.project | closed | rejected | archived | running
        for model in ("calendar.event", "crm.lead"):
            domain = self.env[model]._fields["project_id"].domain
            found = self.env["omnia.project"].sudo(self.am1).search(
                domain + [("id", "in", mine.ids)])
            self.assertEqual(found, self.project | running, model)

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


class TestOmniaProjectWork(OmniaCalendarCase):
    """A project's meetings, offers and hours: set-based counts, the weekly
    hours report by project, as each role sees them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Project = cls.env["omnia.project"]
        cls.tyke = Project.create({"name": "TYKE 2026: digitaidot", "manager_id": cls.am1.id})
        cls.esr = Project.create({"name": "ESR+: muutoskoulutus", "manager_id": cls.am2.id})
        cls.idle = Project.create({"name": "Idea ilman työtä"})
        # TODAY is 2026-03-06: this year's hours are those from 1 January to
        # today; later (planned) meetings are no hours yet.
        cls._event(cls.am1, "2026-01-12 08:00:00", "2026-01-12 09:30:00",
                   project_id=cls.tyke.id)                          # 1.5
        cls._event(cls.am1, "2026-02-02 08:00:00", "2026-02-02 09:00:00",
                   attendees=cls.am2, project_id=cls.tyke.id)       # 1 + 1
        cls._event(cls.am2, "2025-11-03 08:00:00", "2025-11-03 10:00:00",
                   project_id=cls.tyke.id)                          # 2, last year
        cls._event(cls.am1, "2026-03-20 08:00:00", "2026-03-20 12:00:00",
                   project_id=cls.tyke.id)                          # planned
        cls._event(cls.am1, "2026-02-03 11:00:00", "2026-02-03 12:00:00",
                   project_id=cls.tyke.id, work_type_id=cls.wt_nowork.id)  # no work
        cls.private = cls._event(cls.am2, "2026-02-04 08:00:00", "2026-02-04 11:00:00",
                                 project_id=cls.tyke.id, privacy="private")  # 3, hidden
        cls._event(cls.am2, "2026-03-02 08:00:00", "2026-03-02 11:00:00",
                   work_type_id=cls.wt_internal.id, project_id=cls.esr.id)  # 3
        cls._event(cls.am1, "2026-03-03 08:00:00", "2026-03-03 10:00:00")  # no project
        Lead = cls.env["crm.lead"]
        for name, user, project in (("TYKE-pilotti", cls.am1, cls.tyke),
                                    ("TYKE-jatko", cls.am2, cls.tyke),
                                    ("ESR-koulutus", cls.am2, cls.esr)):
            Lead.create({"name": name, "type": "opportunity", "user_id": user.id,
                         "project_id": project.id})
        cls.projects = cls.tyke | cls.esr | cls.idle

    def _figures(self, user):
        projects = self.projects.sudo(user)
        return [(p.event_count, p.lead_count, p.hours_total, p.hours_this_year)
                for p in projects]

    def test_hours_per_project(self):
        # The private event is no meeting of the project for the team lead.
        self.assertEqual(self._figures(self.team_lead), [
            (5, 2, 5.5, 3.5), (1, 1, 3.0, 3.0), (0, 0, 0.0, 0.0)])

    def test_report_groups_by_project(self):
        groups = self.Report.read_group(
            [("user_id", "in", (self.am1 | self.am2).ids),
             ("date", ">=", "2026-01-01"), ("date", "<=", "2026-12-31")],
            ["project_id", "hours"], ["project_id"])
        found = {group["project_id"] and group["project_id"][0]: group["hours"]
                 for group in groups}
        # The private event's hours count, not for its project.
        self.assertEqual(found, {self.tyke.id: 7.5, self.esr.id: 3.0, False: 5.0})
        row = self.Report.sudo(self.am2).search_read(
            [("user_id", "=", self.am2.id), ("date", "=", "2026-02-04")],
            ["project_id", "event_id", "hours"])
        self.assertEqual(row, [{"id": row[0]["id"], "project_id": False,
                                "event_id": False, "hours": 3.0}])

    def test_each_role_sees_the_same_hours(self):
        # The report shows every account manager's hours to the team (as
        # the weekly hours report does), never a private event's project;
        # a private event counts as a meeting for its organiser and
        # attendees only; an account manager counts his own offers.
        self.assertEqual(self._figures(self.am1), [
            (5, 1, 5.5, 3.5), (1, 0, 3.0, 3.0), (0, 0, 0.0, 0.0)])
        self.assertEqual(self._figures(self.am2), [
            (6, 1, 5.5, 3.5), (1, 1, 3.0, 3.0), (0, 0, 0.0, 0.0)])
        self.assertEqual(self._figures(self.director), [
            (5, 2, 5.5, 3.5), (1, 1, 3.0, 3.0), (0, 0, 0.0, 0.0)])
        with self.assertRaises(AccessError):
            self.tyke.sudo(self.employee).read(["hours_total"])
        with self.assertRaises(AccessError):
            self.Report.sudo(self.employee).read_group([], ["hours"], ["project_id"])

    def test_private_event_project_not_searchable_by_others(self):
        Event = self.env["calendar.event"]
        self.assertNotIn(self.private, Event.sudo(self.am1).with_context(
            virtual_id=False).search([("project_id", "=", self.tyke.id)]))
        self.assertIn(self.private, Event.sudo(self.am2).with_context(
            virtual_id=False).search([("project_id", "=", self.tyke.id)]))

    def test_account_manager_links_his_event_to_a_project(self):
        event = self._event(self.am2, "2026-03-04 08:00:00", "2026-03-04 10:00:00")
        event.sudo(self.am2).write({"project_id": self.esr.id})
        self.esr.invalidate_cache()
        self.assertEqual(self._figures(self.am2)[1], (2, 1, 5.0, 5.0))

    def test_buttons_open_the_projects_records(self):
        tyke = self.tyke.sudo(self.am1)
        for method, model, count in (("action_view_events", "calendar.event", 5),
                                     ("action_view_leads", "crm.lead", 1)):
            action = getattr(tyke, method)()
            self.assertEqual((action["res_model"], action["domain"]),
                             (model, [("project_id", "=", self.tyke.id)]), method)
            # The list is as long as the count.
            records = self.env[model].sudo(self.am1).with_context(
                **action["context"]).search(action["domain"])
            self.assertEqual(len(records), count, method)
        self.assertEqual((tyke.event_count, tyke.lead_count), (5, 1))
        action = tyke.action_view_hours()
        self.assertEqual((action["res_model"], action["domain"]), (
            "omnia.work.hours.report",
            [("project_id", "=", self.tyke.id), ("date", "<=", "2026-03-06")]))
        hours = self.Report.sudo(self.am1).read_group(action["domain"], ["hours"], [])
        self.assertEqual(hours[0]["hours"], tyke.hours_total)

    def test_counts_set_based(self):
        """One read_group per model for all projects: as many queries for
        three projects as for one."""
        def queries(projects):
            projects = projects.sudo(self.team_lead)
            projects.invalidate_cache()
            before = self.cr.sql_log_count
            projects.mapped("event_count")
            projects.mapped("hours_total")
            return self.cr.sql_log_count - before
        queries(self.projects)      # warm up the caches of the registry
        self.assertEqual(queries(self.projects), queries(self.tyke))
