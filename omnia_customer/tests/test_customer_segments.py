# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from psycopg2.extensions import TransactionRollbackError

from odoo.addons.omnia_customer.models import res_partner as res_partner_module

from .common import NOW, OmniaCustomerCase, dt


class TestCustomerSegments(OmniaCustomerCase):
    """12-month won figures, suggested segment classes, the mismatch flag and
    the nightly refresh."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company1.write({"employee_count": 50, "training_potential": 10000})
        # Counted: won on the company, won on its contact exactly 365 days ago.
        cls._opportunity(cls.company1, 10000, date_closed=cls._days(10))
        cls._opportunity(cls.contact1, 5000, date_closed=cls._days(365))
        # Not counted: one second too old, open, lost, a won lead that is no
        # opportunity, another company's.
        cls._opportunity(cls.company1, 7000, date_closed=cls._days(365, seconds=1))
        cls._opportunity(cls.company1, 9000, probability=30)
        cls._opportunity(cls.company1, 8000, probability=30, lost=True)
        cls._opportunity(cls.company1, 4000, date_closed=cls._days(5), type="lead")
        cls._opportunity(cls.company2, 60000, date_closed=cls._days(20))

    def test_won_figures_window_edge(self):
        self._refresh(self.company1, self.company2)
        self.assertEqual(self.company1.won_revenue_12m, 15000.0)
        self.assertEqual(self.company1.won_count_12m, 2)
        self.assertEqual(self.company2.won_revenue_12m, 60000.0)
        self.assertEqual(self.company2.won_count_12m, 1)
        # One second later the contact's opportunity leaves the window.
        self._refresh(self.company1, now=self._days(0, seconds=-1))
        self.assertEqual(self.company1.won_revenue_12m, 10000.0)
        self.assertEqual(self.company1.won_count_12m, 1)

    def test_figures_propagate_to_contacts(self):
        self._refresh(self.contact1)
        self.assertEqual(self.contact1.won_revenue_12m, 15000.0)
        self.assertEqual(self.contact1.won_count_12m, 2)
        self.assertEqual(self.contact1.suggested_segment_id, self.seg_c)
        self.assertEqual(self.contact1.employee_count, 50)
        self.assertEqual(self.contact1.training_potential, 10000.0)
        self.assertEqual(self.contact1.user_id, self.am1)
        self.assertEqual(self.contact1.account_manager_id, self.am1)
        self.assertEqual(self.contact1.segment_id, self.seg_c)
        self.company1.write({"segment_id": self.seg_b.id, "user_id": self.am2.id})
        self.assertEqual(self.contact1.segment_id, self.seg_b)
        self.assertEqual(self.contact1.account_manager_id, self.am2)
        new_contact = self.env["res.partner"].create({
            "name": "Uusi Yhteyshenkilö", "parent_id": self.company1.id})
        self.assertEqual(new_contact.account_manager_id, self.am2)
        self.assertEqual(new_contact.segment_id, self.seg_b)
        self.assertEqual(new_contact.suggested_segment_id, self.seg_c)

    def test_suggestion_first_matching_segment(self):
        self._refresh(self.company1, self.company2)
        self.assertEqual(self.company1.suggested_segment_id, self.seg_c)
        # Potential over B's minimum.
        self.company1.write({"training_potential": 20000})
        self.assertEqual(self.company1.suggested_segment_id, self.seg_b)
        # A needs 50 000 and three wins: revenue alone is not enough.
        self.assertEqual(self.company2.suggested_segment_id, self.seg_c)
        self._opportunity(self.company2, 1000, date_closed=self._days(30))
        self._opportunity(self.company2, 1000, date_closed=self._days(40))
        self._refresh(self.company2)
        self.assertEqual(self.company2.won_count_12m, 3)
        self.assertEqual(self.company2.suggested_segment_id, self.seg_a)

    def test_suggestion_follows_segment_configuration(self):
        self.company1.write({"training_potential": 25000})
        self.assertEqual(self.company1.suggested_segment_id, self.seg_b)
        # B also needs 100 employees: the company has 50.
        self.seg_b.write({"min_employee_count": 100})
        self.assertEqual(self.company1.suggested_segment_id, self.seg_c)
        self.seg_b.write({"min_employee_count": 50})
        self.assertEqual(self.company1.suggested_segment_id, self.seg_b)
        # An archived class is never suggested.
        self.seg_b.write({"active": False})
        self.assertEqual(self.company1.suggested_segment_id, self.seg_c)
        self.seg_b.write({"active": True})
        # Priority: a class without criteria placed first takes everyone.
        self.seg_c.write({"sequence": 1})
        self.assertEqual(self.company1.suggested_segment_id, self.seg_c)
        self.assertEqual(self.company2.suggested_segment_id, self.seg_c)
        # No class at all: no suggestion and no mismatch.
        (self.seg_a | self.seg_b | self.seg_c).write({"active": False})
        self.assertFalse(self.company1.suggested_segment_id)
        self.assertFalse(self.company1.segment_mismatch)
        # A new class is suggested at once.
        seg_d = self.Segment.create({
            "name": "Test Large", "code": "TD", "sequence": 5,
            "min_employee_count": 40,
        })
        self.assertEqual(self.company1.suggested_segment_id, seg_d)

    def test_segment_mismatch(self):
        self.company1.write({"training_potential": 30000})
        self.assertTrue(self.company1.segment_mismatch)
        self.assertTrue(self.contact1.segment_mismatch)
        self.company1.write({"segment_id": self.seg_b.id})
        self.assertFalse(self.company1.segment_mismatch)
        self.assertFalse(self.contact1.segment_mismatch)
        unclassified = self.env["res.partner"].create({
            "name": "Luokittelematon Oy", "is_company": True})
        self.assertEqual(unclassified.suggested_segment_id, self.seg_c)
        self.assertTrue(unclassified.segment_mismatch)
        # Segment classes are for customer organisations, not for persons.
        person = self.env["res.partner"].create({"name": "Yksityinen Henkilö"})
        self.assertFalse(person.suggested_segment_id)
        self.assertFalse(person.segment_mismatch)

    def test_opportunity_won_and_lost_refresh_figures(self):
        # Companies without older opportunities: the window ends today.
        Partner = self.env["res.partner"]
        buyer = Partner.create({"name": "Ostaja Oy", "is_company": True, "user_id": self.am1.id})
        other = Partner.create({"name": "Toinen Oy", "is_company": True, "user_id": self.am1.id})
        opportunity = self._opportunity(buyer, 2500, probability=30)
        self.assertEqual(buyer.won_count_12m, 0)
        opportunity.action_set_won()
        self.assertEqual(buyer.won_revenue_12m, 2500.0)
        self.assertEqual(buyer.won_count_12m, 1)
        opportunity.write({"planned_revenue": 3000})
        self.assertEqual(buyer.won_revenue_12m, 3000.0)
        opportunity.write({"partner_id": other.id})
        self.assertEqual((buyer.won_revenue_12m, buyer.won_count_12m), (0.0, 0))
        self.assertEqual((other.won_revenue_12m, other.won_count_12m), (3000.0, 1))
        opportunity.action_set_lost()
        self.assertEqual((other.won_revenue_12m, other.won_count_12m), (0.0, 0))
        opportunity.toggle_active()
        opportunity.action_set_won()
        self.assertEqual(other.won_count_12m, 1)
        opportunity.unlink()
        self.assertEqual(other.won_count_12m, 0)

    def test_refresh_query_count_does_not_grow(self):
        Partner = self.env["res.partner"]
        many = Partner.concat(*[
            Partner.create({"name": "Yritys %d Oy" % index, "is_company": True})
            for index in range(20)
        ])
        self.env.cr.execute("SELECT 1")
        for partners in (self.company1, many | self.company1):
            count = self.env.cr.sql_log_count
            partners._refresh_won_figures(now=dt(NOW))
            self.assertEqual(self.env.cr.sql_log_count - count, 1)

    def test_cron_batches_idempotent(self):
        with patch.object(res_partner_module, "REFRESH_BATCH_SIZE", 2):
            failed = self.env["res.partner"]._cron_refresh_segments(now=dt(NOW))
        self.assertEqual(failed, [])
        values = (self.company1.won_revenue_12m, self.company1.won_count_12m,
                  self.company1.suggested_segment_id, self.company2.won_revenue_12m)
        self.assertEqual(values, (15000.0, 2, self.seg_c, 60000.0))
        self.env["res.partner"]._cron_refresh_segments(now=dt(NOW))
        self.assertEqual(
            (self.company1.won_revenue_12m, self.company1.won_count_12m,
             self.company1.suggested_segment_id, self.company2.won_revenue_12m),
            values)

    def test_cron_goes_past_failing_record(self):
        self.env.cr.execute(
            "UPDATE res_partner SET won_count_12m = 99 WHERE id IN %s",
            ((self.company1.id, self.company2.id),))
        self.env["res.partner"].invalidate_cache()
        Partner = type(self.env["res.partner"])
        refresh = Partner._refresh_won_figures
        refresh_range = Partner._refresh_won_figures_range
        bad = self.company1

        def refresh_breaking(partners, now=None):
            if bad in partners:
                raise ValueError("broken record")
            return refresh(partners, now=now)

        def refresh_range_breaking(partners, first_id, last_id, date_from):
            if first_id <= bad.id <= last_id:
                raise ValueError("broken record")
            return refresh_range(partners, first_id, last_id, date_from)

        with patch.object(Partner, "_refresh_won_figures", refresh_breaking), \
                patch.object(Partner, "_refresh_won_figures_range", refresh_range_breaking), \
                patch.object(res_partner_module, "REFRESH_BATCH_SIZE", 20), \
                patch.object(res_partner_module._logger, "exception"):
            failed = self.env["res.partner"]._cron_refresh_segments(now=dt(NOW))
        self.assertEqual(failed, [self.company1.id])
        self.assertEqual(self.company1.won_count_12m, 99)
        self.assertEqual(self.company2.won_count_12m, 1)

    def test_cron_raises_concurrent_update_of_figures(self):
        """A conflict with another run at the same time is raised, for Odoo
        to retry the whole run, not taken for a bad record and skipped."""
        self.env.cr.execute(
            "UPDATE res_partner SET won_count_12m = 99 WHERE id = %s", (self.company1.id,))
        self._assert_cron_raises_conflict_of("_refresh_won_figures_range")
        self.assertEqual(self.company1.won_count_12m, 99)

    def test_cron_raises_concurrent_update_of_segment(self):
        self.env["ir.config_parameter"].set_param("omnia_customer.segment_auto_apply", "1")
        self.env.cr.execute(
            "UPDATE res_partner SET segment_id = NULL WHERE commercial_partner_id = %s",
            (self.company1.id,))
        self._assert_cron_raises_conflict_of("write")
        self.assertFalse(self.company1.segment_id)

    def _assert_cron_raises_conflict_of(self, method):
        """The nightly job, its partners' ``method`` failing on a conflict
        with another transaction, raises it without logging a bad record."""
        self.env["res.partner"].invalidate_cache()
        Partner = type(self.env["res.partner"])
        conflict = TransactionRollbackError("could not serialize access")
        with patch.object(Partner, method, side_effect=conflict), \
                patch.object(res_partner_module._logger, "exception") as logged:
            with self.assertRaises(TransactionRollbackError):
                self.env["res.partner"]._cron_refresh_segments(now=dt(NOW))
        self.assertFalse(logged.called)

    def test_cron_applies_suggestions_when_switched_on(self):
        # Other partners already follow their suggestion (keeps the test short).
        self.env.cr.execute(
            "UPDATE res_partner SET segment_id = suggested_segment_id "
            "WHERE suggested_segment_id IS NOT NULL AND commercial_partner_id NOT IN %s",
            ((self.company1.id, self.company2.id),))
        self.env["res.partner"].invalidate_cache()
        self.company1.write({"training_potential": 30000})
        self.env["res.partner"]._cron_refresh_segments(now=dt(NOW))
        self.assertEqual(self.company1.segment_id, self.seg_c)
        self.env["ir.config_parameter"].set_param("omnia_customer.segment_auto_apply", "1")
        self.env["res.partner"]._cron_refresh_segments(now=dt(NOW))
        self.assertEqual(self.company1.segment_id, self.seg_b)
        self.assertEqual(self.contact1.segment_id, self.seg_b)
        self.assertFalse(self.company1.segment_mismatch)
        self.assertEqual(self.company2.segment_id, self.seg_c)

    def test_won_figures_count_the_leads_of_the_won_rule(self):
        # The figures and the targets/scorecard share WON_LEAD_WHERE: the
        # fixtures' lost, open and lead-type ones are left out by it.
        self._refresh(self.company1)
        self.env.cr.execute("""
            SELECT COALESCE(SUM(l.planned_revenue), 0), COUNT(*)
              FROM crm_lead l JOIN res_partner p ON p.id = l.partner_id
             WHERE {won} AND p.commercial_partner_id = %s AND l.date_closed >= %s
        """.format(won=res_partner_module.WON_LEAD_WHERE.format(l="l")),
            (self.company1.id, dt(self._days(365))))
        self.assertEqual(self.env.cr.fetchone(), (15000.0, 2))
        self.assertEqual((self.company1.won_revenue_12m, self.company1.won_count_12m),
                         (15000.0, 2))

    def test_new_partner_figures_as_the_refresh_gives_them(self):
        Partner = self.env["res.partner"]
        partners = (
            Partner.create({"name": "Uusi Kasvu Oy", "is_company": True,
                            "employee_count": 50, "training_potential": 20000}),
            Partner.create({"name": "Uusi Asiakas Oy", "is_company": True,
                            "segment_id": self.seg_b.id}),
            Partner.create({"name": "Uusi Oy", "is_company": True, "segment_id": self.seg_c.id}),
            Partner.with_context(default_training_potential=30000).create(
                {"name": "Oletus Oy", "is_company": True}),
            Partner.create({"name": "Yksityinen Henkilö"}),
        )
        fields = ["won_revenue_12m", "won_count_12m", "suggested_segment_id",
                  "segment_mismatch"]
        created = [partner.read(fields)[0] for partner in partners]
        self.assertEqual([(values["won_count_12m"], values["suggested_segment_id"]
                           and values["suggested_segment_id"][0], values["segment_mismatch"])
                          for values in created], [
            (0, self.seg_b.id, True),
            (0, self.seg_c.id, True),
            (0, self.seg_c.id, False),
            (0, self.seg_b.id, True),
            (0, False, False),
        ])
        Partner.concat(*partners)._refresh_won_figures()
        self.assertEqual([partner.read(fields)[0] for partner in partners], created)
