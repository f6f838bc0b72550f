# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import OmniaTargetsCase


class TestOmniaUsageReport(OmniaTargetsCase):
    """Usage follow-up per user, user group and ISO week."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        lead = cls.env["crm.lead"].sudo(cls.am1).create({"name": "Opening", "user_id": cls.am1.id})
        event = cls._event(cls.team_lead, "2015-03-05 08:00:00", "2015-03-05 10:00:00",
                           name="Cluster meeting")
        lead.sudo(cls.am1).message_post(body="Called the customer.", message_type="comment")
        customer = cls._company("Test Asiakas Oy", cls.am1)
        feedback = cls.env["omnia.feedback"].sudo(cls.am1).create({
            "partner_id": customer.id, "date": "2015-03-05", "polarity": "positive"})
        plan = cls.env["omnia.care.plan"].sudo(cls.am1).create({
            "partner_id": customer.id, "year": 2015})
        plan.sudo(cls.am1).action_activate()
        review = cls.env["omnia.care.plan.review"].sudo(cls.am1).create({
            "plan_id": plan.id, "date": "2015-03-06"})
        # Raw SQL: the creation and message dates are the system's own; the
        # test fixes them in a week of its choosing (2015-W10).
        cls.env.cr.execute("UPDATE crm_lead SET create_date = '2015-03-04 10:00:00' "
                           "WHERE id = %s", (lead.id,))
        cls.env.cr.execute("UPDATE omnia_feedback SET create_date = '2015-03-05 09:00:00' "
                           "WHERE id = %s", (feedback.id,))
        cls.env.cr.execute("UPDATE omnia_care_plan SET create_date = '2015-03-03 09:00:00' "
                           "WHERE id = %s", (plan.id,))
        cls.env.cr.execute("UPDATE omnia_care_plan_review SET create_date = "
                           "'2015-03-06 09:00:00' WHERE id = %s", (review.id,))
        cls.env.cr.execute("UPDATE mail_message SET date = '2015-03-06 10:00:00' "
                           "WHERE model = 'omnia.care.plan' AND res_id = %s", (plan.id,))
        cls.env.cr.execute("UPDATE calendar_event SET create_date = '2015-03-06 23:00:00' "
                           "WHERE id = %s", (event.id,))
        cls.env.cr.execute("UPDATE mail_message SET date = '2015-03-08 20:00:00' "
                           "WHERE model = 'crm.lead' AND res_id = %s "
                           "AND message_type = 'comment'", (lead.id,))

    def _rows(self, user, **domain):
        return self.env["omnia.usage.report"].search(
            [("user_id", "=", user.id)] + [(k, "=", v) for k, v in domain.items()])

    def test_weekly_counts(self):
        row = self._rows(self.am1, week="2015-W10")
        self.assertEqual(
            (row.user_group, row.week_start, row.leads_created, row.events_logged,
             row.feedback_recorded, row.care_plan_updates, row.care_plan_reviews,
             row.messages_logged, row.total_actions),
            ("account_manager", "2015-03-02", 1, 0, 1, 2, 1, 1, 6))
        row = self._rows(self.team_lead, week="2015-W10")
        self.assertEqual((row.user_group, row.events_logged, row.total_actions),
                         ("team_lead", 1, 1))

    def test_users_with_no_activity(self):
        # Every member has a row for the current week; am2 never did anything.
        rows = self._rows(self.am2)
        self.assertEqual(len(rows), 1)
        self.assertEqual((rows.total_actions, rows.active_this_month), (0, False))
        self.assertFalse(any(self._rows(self.am1).mapped("active_this_month")))
        self.env["crm.lead"].sudo(self.am2).create({"name": "New opening"})
        self.env["omnia.usage.report"].invalidate_cache()
        self.assertTrue(all(self._rows(self.am2).mapped("active_this_month")))
        self.assertEqual(sum(self._rows(self.am2).mapped("leads_created")), 1)

    def test_management_group(self):
        rows = self._rows(self.director)
        self.assertEqual(rows.mapped("user_group"), ["management"])
