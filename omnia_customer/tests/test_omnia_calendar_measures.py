# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import OmniaTargetsCase


class TestOmniaCalendarMeasures(OmniaTargetsCase):
    """Meetings and hours from the calendar, leads handed over and won
    revenue by offer type, for targets and the scorecard."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(
            cls.env.context, tracking_disable=True, no_mail_to_attendees=True))
        WorkType = cls.env["omnia.work.type"]
        cls.wt_meeting = WorkType.create({
            "name": "Test Meeting", "code": "T-MEET", "is_customer_meeting": True})
        cls.wt_internal = WorkType.create({"name": "Test Desk Work", "code": "T-DESK"})
        # A weekly customer meeting of am1 with am2 attending, ten Mondays
        # from 2030-01-07: four in January, the rest in February and March.
        cls.weekly = cls._event(
            cls.am1, "2030-01-07 09:00:00", "2030-01-07 10:00:00", attendees=cls.am2,
            name="Weekly customer meeting", work_type_id=cls.wt_meeting.id,
            recurrency=True, rrule_type="weekly", mo=True, interval=1,
            end_type="count", count=10)
        # Desk work is hours but not a meeting.
        cls._event(cls.am1, "2030-01-08 08:00:00", "2030-01-08 11:30:00",
                   name="Offer writing", work_type_id=cls.wt_internal.id)
        Target = cls.env["omnia.target"]
        cls.jan_am1 = Target.create({
            "user_id": cls.am1.id, "period_type": "month", "date_from": "2030-01-01",
            "target_meetings": 8})
        cls.q1_am2 = Target.create({
            "user_id": cls.am2.id, "period_type": "quarter", "date_from": "2030-01-01"})
        cls.q1_team = Target.create({
            "team_id": cls.team.id, "period_type": "quarter", "date_from": "2030-01-01"})

    def test_meetings_of_a_recurring_event(self):
        self.assertEqual((self.jan_am1.actual_meetings, self.jan_am1.meetings_progress),
                         (4, 50.0))
        self.assertEqual(self.q1_am2.actual_meetings, 10)
        # The weekly meeting of am1 and am2 is one meeting of their team.
        self.assertEqual(self.q1_team.actual_meetings, 10)
        row = self.env["omnia.target.report"].search([("target_id", "=", self.jan_am1.id)])
        self.assertEqual(row.actual_meetings, 4)

    def test_hours_this_week(self):
        targets = (self.jan_am1 | self.q1_am2).with_context(omnia_today="2030-01-09")
        self.assertEqual(targets.mapped("week_hours"), [4.5, 1.0])
        targets = (self.jan_am1 | self.q1_am2).with_context(omnia_today="2030-01-13")
        targets.invalidate_cache()
        self.assertEqual(targets.mapped("week_hours"), [4.5, 1.0])
        targets = self.jan_am1.with_context(omnia_today="2030-01-14")
        targets.invalidate_cache()
        self.assertEqual(targets.week_hours, 1.0)

    def _actual(self, measure, **values):
        scorecard = self.env["omnia.scorecard"].search([("year", "=", 2030)]) or \
            self.env["omnia.scorecard"].create({"name": "Test 2030", "year": 2030})
        line = self.env["omnia.scorecard.line"].create(dict(
            values, scorecard_id=scorecard.id, name=measure, measure=measure, target=1,
            perspective_id=self.env.ref("omnia_customer.scorecard_perspective_processes").id))
        return line.actual

    def test_scorecard_calendar_measures(self):
        # Ten occurrences for two account managers: ten customer meetings
        # (a meeting counts once, however many account managers attend).
        # Hours per person-week with hours logged: am1 4.5 in the first week
        # and 1 in nine, am2 1 in ten.
        self.assertEqual(self._actual("customer_meetings"), 10.0)
        self.assertEqual(self._actual("average_weekly_hours"), 1.2)   # 23.5 / 20

    def test_leads_handed_over_and_offer_types(self):
        Lead = self.env["crm.lead"]
        company = self._company("Test Tarjous Oy")
        for offer_type, revenue, won in (("staff_training", 1000, True),
                                         ("staff_training", 2000, True),
                                         ("apprenticeship", 4000, True),
                                         ("staff_training", 8000, False)):
            lead = self._opportunity(company, revenue, user=self.am1,
                                     date_closed="2030-05-05 10:00:00",
                                     probability=100 if won else 10, lost=not won)
            lead.write({"offer_type": offer_type})
        opening = Lead.sudo(self.team_lead).create({"name": "Opening", "user_id": self.am1.id})
        opening.sudo().write({"handover_date": "2030-02-01"})
        Lead.create({"name": "Last year", "user_id": self.am1.id}).write(
            {"handover_date": "2029-12-31"})
        self.assertEqual(self._actual("won_revenue_offer_type", offer_type="staff_training"),
                         3000.0)
        self.assertEqual(self._actual("won_revenue_offer_type", offer_type="apprenticeship"),
                         4000.0)
        self.assertEqual(self._actual("leads_handed_over"), 1.0)
        row = self.env["omnia.usage.report"].search([
            ("user_id", "=", self.team_lead.id), ("week", "=", "2030-W05")])
        self.assertEqual(row.leads_handed_over, 1)
