# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import OmniaFeedbackCase, load_migration


class StudentFeedbackCase(OmniaFeedbackCase):
    """A qualification managed by ``am2``, and two trainings of
    ``customer_one`` (account manager ``am1``)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.industry = cls.env["omnia.industry"].create(
            {"name": "Testiala", "code": "TEST-SF"})
        cls.business = cls.env["omnia.qualification"].create({
            "name": "Liiketoiminnan perustutkinto",
            "code": "TEST-351101",
            "industry_id": cls.industry.id,
            "manager_id": cls.am2.id,
        })
        cls.welding = cls.env["omnia.training"].create({
            "name": "Hitsauksen henkilöstökoulutus",
            "partner_id": cls.customer_one.id,
            "agreement_ref": "KS-1",
            "user_id": cls.am1.id,
        })
        cls.leadership = cls.env["omnia.training"].create({
            "name": "Esihenkilöiden johtamiskoulutus",
            "partner_id": cls.customer_one.id,
            "qualification_id": cls.business.id,
            "agreement_ref": "KS-2",
            "user_id": cls.am1.id,
        })
        cls.Meeting = cls.env["omnia.feedback.meeting"]

    @classmethod
    def _steering_group(cls, training, date, **values):
        vals = {"type": "steering_group", "name": "Ohjausryhmä", "date": date,
                "training_id": training.id, "user_id": cls.am1.id}
        vals.update(values)
        return cls.Meeting.create(vals)


class TestStudentFeedback(StudentFeedbackCase):
    """Feedback about a qualification or a training, without a customer."""

    def test_feedback_about_a_qualification_without_a_customer(self):
        feedback = self._feedback(partner_id=False, source="student_forum",
                                  qualification_id=self.business.id)
        self.assertFalse(feedback.partner_id)
        self.assertFalse(feedback.account_manager_id)
        self.assertEqual(feedback.display_name,
                         "Liiketoiminnan perustutkinto, %s" % self.TODAY)

    def test_nothing_to_be_about_refused(self):
        with self.assertRaisesRegex(
                ValidationError, "Customer, Qualification or Training: "), self.cr.savepoint():
            self._feedback(partner_id=False)
        self.assertFalse(self.Feedback.search([("description", "=", "Test feedback")]))

    def test_student_sources_need_a_qualification_or_training(self):
        for source in ("student_forum", "aipal"):
            with self.assertRaisesRegex(
                    ValidationError, "Qualification or Training: student feedback"), \
                            self.cr.savepoint():
                self._feedback(source=source)
        feedback = self._feedback(source="aipal", training_id=self.welding.id)
        self.assertEqual(feedback.training_id, self.welding)
        with self.assertRaisesRegex(
                ValidationError, "Qualification or Training: "), self.cr.savepoint():
            feedback.write({"training_id": False})
        feedback.invalidate_cache()
        self.assertEqual(feedback.training_id, self.welding)

    def test_customer_feedback_unchanged(self):
        feedback = self._feedback()
        self.assertEqual(feedback.partner_id, self.customer_one)
        self.assertEqual(feedback.account_manager_id, self.am1)

    def test_training_fills_qualification_and_employer(self):
        form = self.Feedback.new({"source": "aipal", "training_id": self.leadership.id})
        form._onchange_training_id()
        self.assertEqual(form.qualification_id, self.business)
        self.assertEqual(form.partner_id, self.customer_one)

    def test_negative_feedback_to_do_for_the_industry_manager(self):
        feedback = self._feedback(partner_id=False, polarity="negative",
                                  source="aipal", qualification_id=self.business.id)
        activity = feedback._response_activities()
        self.assertEqual(activity.user_id, self.am2)
        self.assertEqual(activity.date_deadline, "2026-03-13")

    def test_report_without_customer_by_qualification_and_training(self):
        self._feedback(partner_id=False, source="aipal", polarity="negative",
                       qualification_id=self.business.id)
        self._feedback(source="student_forum", training_id=self.leadership.id)
        self._feedback(source="aipal", training_id=self.welding.id)
        self._feedback()
        Report = self.env["omnia.feedback.report"]
        scope = [("partner_id", "in", [self.customer_one.id, False]),
                 ("date", "=", self.TODAY)]
        rows = Report.read_group(
            scope + [("qualification_id", "=", self.business.id)],
            ["qualification_id", "positive_count", "negative_count"],
            ["qualification_id"])
        self.assertEqual(
            [(r["qualification_id"][0], r["qualification_id_count"],
              r["positive_count"], r["negative_count"]) for r in rows],
            [(self.business.id, 2, 1, 1)])
        rows = Report.read_group(
            scope + [("training_id", "!=", False)], ["training_id", "positive_count"],
            ["training_id"])
        self.assertEqual(
            sorted((r["training_id"][0], r["training_id_count"]) for r in rows),
            sorted([(self.leadership.id, 1), (self.welding.id, 1)]))
        # The customerless feedback is in the report, with the industry of
        # its qualification.
        row = Report.search([("partner_id", "=", False), ("date", "=", self.TODAY)])
        self.assertEqual(len(row), 1)
        self.assertEqual(row.industry_id, self.industry)
        self.assertEqual(row.negative_count, 1)


class TestTrainingSteeringGroups(StudentFeedbackCase):
    """A steering group meets per training: two trainings of one employer
    do not mix."""

    def test_steering_group_requires_a_training(self):
        with self.assertRaisesRegex(
                ValidationError, "Training: a steering group"), self.cr.savepoint():
            self.Meeting.create({"type": "steering_group", "name": "Ohjausryhmä",
                                 "date": "2026-01-10",
                                 "partner_id": self.customer_one.id})

    def test_employer_follows_the_training(self):
        meeting = self._steering_group(self.welding, "2026-01-10")
        self.assertEqual(meeting.partner_id, self.customer_one)
        with self.assertRaisesRegex(
                ValidationError, "Employer: must be the employer"), self.cr.savepoint():
            meeting.write({"partner_id": self.customer_two.id})

    def test_previous_meeting_and_open_items_per_training(self):
        welding_autumn = self._steering_group(self.welding, "2025-10-15", action_ids=[
            (0, 0, {"name": "Lisää harjoitustunteja", "responsible_id": self.am1.id,
                    "deadline": "2025-12-31"})])
        leadership_autumn = self._steering_group(self.leadership, "2025-11-20", action_ids=[
            (0, 0, {"name": "Mentorointi", "responsible_id": self.am1.id,
                    "deadline": "2026-01-31"})])
        welding_spring = self._steering_group(self.welding, "2026-03-06")
        leadership_spring = self._steering_group(self.leadership, "2026-03-06")
        self.assertEqual(welding_spring.previous_meeting_id, welding_autumn)
        self.assertEqual(welding_spring.previous_action_ids.mapped("name"),
                         ["Lisää harjoitustunteja"])
        self.assertEqual(leadership_spring.previous_meeting_id, leadership_autumn)
        self.assertEqual(leadership_spring.previous_action_ids.mapped("name"),
                         ["Mentorointi"])
        with self.assertRaisesRegex(ValidationError, "Previous Meeting: must be of the "
                                    "same training"), self.cr.savepoint():
            welding_spring.write({"previous_meeting_id": leadership_autumn.id})

    def test_onchange_finds_the_previous_meeting_of_the_training(self):
        autumn = self._steering_group(self.leadership, "2025-11-20")
        self._steering_group(self.welding, "2025-12-01")
        form = self.Meeting.new({"type": "steering_group", "date": "2026-03-06",
                                 "training_id": self.leadership.id})
        form._onchange_training_id()
        form._onchange_previous_meeting()
        self.assertEqual(form.partner_id, self.customer_one)
        self.assertEqual(form.qualification_id, self.business)
        self.assertEqual(form.previous_meeting_id, autumn)

    def test_forum_requires_a_qualification_and_follows_it(self):
        with self.assertRaisesRegex(
                ValidationError, "Qualification: a student forum"), self.cr.savepoint():
            self.Meeting.create({"type": "student_forum", "name": "Foorumi",
                                 "date": "2026-01-20"})
        first = self.Meeting.create({"type": "student_forum", "name": "Foorumi",
                                     "date": "2026-01-20",
                                     "qualification_id": self.business.id})
        second = self.Meeting.create({"type": "student_forum", "name": "Foorumi",
                                      "date": "2026-03-06",
                                      "qualification_id": self.business.id})
        self.assertEqual(second.previous_meeting_id, first)

    def test_training_end_before_start_refused(self):
        with self.assertRaisesRegex(
                ValidationError, "End Date: must not be before"), self.cr.savepoint():
            self.welding.write({"date_start": "2026-03-01", "date_end": "2026-02-28"})

    def test_qualification_code_unique(self):
        with self.assertRaisesRegex(IntegrityError, "code_unique"), self.cr.savepoint():
            self.env["omnia.qualification"].create(
                {"name": "Toinen", "code": "TEST-351101"})


class TestStudentFeedbackAccess(StudentFeedbackCase):
    """Who reads and changes qualifications, trainings and customerless
    feedback, acting as each role."""

    def test_qualifications_edited_by_team_lead_and_management(self):
        for user in (self.team_lead, self.director):
            self.business.sudo(user).write({"has_forums": False})
            self.assertFalse(self.business.has_forums)
        self.assertEqual(self.business.sudo(self.am1).name, "Liiketoiminnan perustutkinto")
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.business.sudo(self.am1).write({"has_forums": True})
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.env["omnia.qualification"].sudo(self.am1).create({"name": "Uusi"})
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.business.sudo(self.employee).read(["name"])

    def test_account_manager_creates_trainings_for_his_customers(self):
        Training = self.env["omnia.training"]
        own = Training.sudo(self.am1).create({
            "name": "Uusi koulutus", "partner_id": self.customer_one.id})
        self.assertEqual(own.user_id, self.am1)
        with self.assertRaises(AccessError), self.cr.savepoint():
            Training.sudo(self.am2).create({
                "name": "Vieras", "partner_id": self.customer_one.id,
                "user_id": self.am1.id})
        # another's training: read, not changed
        self.assertEqual(self.welding.sudo(self.am2).name, "Hitsauksen henkilöstökoulutus")
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.welding.sudo(self.am2).write({"agreement_ref": "X"})
        # nor moved out of his own reach
        with self.assertRaises(AccessError), self.cr.savepoint():
            own.sudo(self.am1).write({"partner_id": self.customer_two.id,
                                      "user_id": self.am2.id})
        own.invalidate_cache()
        self.assertEqual(own.partner_id, self.customer_one)
        with self.assertRaises(AccessError), self.cr.savepoint():
            own.sudo(self.am1).unlink()
        for user in (self.team_lead, self.director):
            self.welding.sudo(user).write({"agreement_ref": "KS-1b"})
        self.assertEqual(self.welding.agreement_ref, "KS-1b")

    def test_customerless_feedback_by_the_industry_manager(self):
        Feedback = self.env["omnia.feedback"]
        vals = {"qualification_id": self.business.id, "source": "student_forum",
                "polarity": "positive", "date": self.TODAY, "description": "Hyvä"}
        feedback = Feedback.sudo(self.am2).create(vals)
        self.assertEqual(feedback.qualification_id, self.business)
        with self.assertRaises(AccessError), self.cr.savepoint():
            Feedback.sudo(self.am1).create(vals)
        self.assertEqual(feedback.sudo(self.am1).description, "Hyvä")
        with self.assertRaises(AccessError), self.cr.savepoint():
            feedback.sudo(self.am1).write({"description": "Muutettu"})
        # not moved to a qualification out of his reach
        other = self.env["omnia.qualification"].create({"name": "Muu tutkinto"})
        with self.assertRaises(AccessError), self.cr.savepoint():
            feedback.sudo(self.am2).write({"qualification_id": other.id})
        feedback.invalidate_cache()
        self.assertEqual(feedback.qualification_id, self.business)
        feedback.sudo(self.team_lead).write({"description": "Tiiminvetäjä"})
        with self.assertRaises(AccessError), self.cr.savepoint():
            feedback.sudo(self.director).write({"description": "Johto"})

    def test_steering_group_edited_by_the_training_responsible(self):
        self.welding.write({"partner_id": self.customer_two.id})
        meeting = self._steering_group(self.welding, "2026-01-10",
                                       user_id=self.team_lead.id)
        self.assertEqual(meeting.partner_id, self.customer_two)
        meeting.sudo(self.am1).write({"minutes": "<p>Muistio</p>"})
        meeting.sudo(self.am2).write({"minutes": "<p>Työnantajan asiakasvastaava</p>"})
        third = self._user("test.am3", "omnia_customer.group_account_manager")
        with self.assertRaises(AccessError), self.cr.savepoint():
            meeting.sudo(third).write({"minutes": "<p>Ei</p>"})


class TestForumActivities(StudentFeedbackCase):
    """Two student forums a semester per qualification: the industry
    manager's activity "Student forum due" is kept by the care model's
    statement. Today is Friday 2026-03-06, in the spring semester."""

    def _forum(self, date, qualification=None):
        return self.Meeting.create({
            "type": "student_forum", "name": "Opiskelijafoorumi", "date": date,
            "qualification_id": (qualification or self.business).id})

    def _activities(self, qualification=None):
        return self.env["mail.activity"].search([
            ("res_model", "=", "omnia.qualification"),
            ("res_id", "=", (qualification or self.business).id)])

    def test_semester_checkpoints(self):
        from ..models.omnia_care_activity import forum_dates
        from datetime import date
        self.assertEqual(forum_dates(date(2026, 3, 6)), {
            "forum_start": date(2026, 1, 1),
            "forum_first": date(2026, 3, 15),
            "forum_second": date(2026, 5, 31)})
        self.assertEqual(forum_dates(date(2025, 9, 1)), {
            "forum_start": date(2025, 8, 1),
            "forum_first": date(2025, 10, 15),
            "forum_second": date(2025, 12, 15)})
        self.assertEqual(forum_dates(date(2026, 7, 31))["forum_start"], date(2026, 1, 1))

    def test_forum_due_until_two_held(self):
        activity = self._activities()
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.activity_type_id,
                         self.env.ref("omnia_customer.mail_activity_type_forum_due"))
        self.assertEqual(activity.user_id, self.am2)
        self.assertEqual(activity.date_deadline, "2026-03-15")
        # last autumn's forum is not this semester's
        self._forum("2025-11-20")
        self.assertEqual(self._activities().date_deadline, "2026-03-15")
        first = self._forum("2026-02-10")
        self.assertEqual(self._activities().date_deadline, "2026-05-31")
        self.assertEqual(self._activities(), activity)
        second = self._forum("2026-04-20")
        self.assertFalse(self._activities())
        second.unlink()
        self.assertEqual(self._activities().date_deadline, "2026-05-31")
        first.write({"date": "2026-03-20"})
        self.assertEqual(self._activities().date_deadline, "2026-03-15")

    def test_forums_kept_idempotently_and_by_qualification(self):
        CareActivity = self.env["omnia.care.activity"]
        CareActivity._sync()
        before = self.env["mail.activity"].search([]).read(
            ["res_model", "res_id", "user_id", "date_deadline"])
        self.assertEqual(CareActivity._sync(), (0, 0, 0))
        self.assertEqual(CareActivity._sync_forums(self.business), (0, 0, 0))
        self.assertEqual(self.env["mail.activity"].search([]).read(
            ["res_model", "res_id", "user_id", "date_deadline"]), before)
        self.business.write({"manager_id": self.am1.id})
        self.assertEqual(self._activities().user_id, self.am1)
        self.business.write({"has_forums": False})
        self.assertFalse(self._activities())
        without_manager = self.env["omnia.qualification"].create({"name": "Ilman vastuuhenkilöä"})
        self.assertFalse(self._activities(without_manager))


class TestMeetingMinutes(StudentFeedbackCase):
    """The minutes go to the participants by e-mail, as a PDF, from Odoo's
    mail composer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contact_two = cls._contact(
            cls.customer_one, "Pekka Työnantaja", email="pekka.tyonantaja@example.com")
        cls.meeting = cls._steering_group(cls.leadership, "2026-03-04", participant_ids=[
            (0, 0, {"name": "Liisa Testinen", "role": "employer",
                    "partner_id": cls.contact_one.id}),
            (0, 0, {"name": "Pekka Työnantaja", "role": "employer",
                    "partner_id": cls.contact_two.id}),
        ], minutes="<p>Koulutus etenee aikataulussa.</p>", action_ids=[
            (0, 0, {"name": "Mentorointi aloitetaan", "responsible_id": cls.am1.id,
                    "deadline": "2026-04-30"})])

    def test_participant_without_email_refused(self):
        self.meeting.write({"participant_ids": [
            (0, 0, {"name": "Ville Opiskelija", "role": "student"})]})
        with self.assertRaisesRegex(UserError, "E-mail: the participants Ville Opiskelija "):
            self.meeting.action_send_minutes()
        self.assertFalse(self.env["mail.compose.message"].search(
            [("res_id", "=", self.meeting.id), ("model", "=", "omnia.feedback.meeting")]))

    def test_minutes_pdf(self):
        report = self.env.ref("omnia_customer.omnia_feedback_meeting_report")
        with self.real_pdf():
            pdf, report_format = report.render_qweb_pdf(self.meeting.ids)
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        html = report.render_qweb_html(self.meeting.ids)[0].decode()
        for text in ("Ohjausryhmä", "Esihenkilöiden johtamiskoulutus", "KS-2",
                     "Liisa Testinen", "Pekka Työnantaja",
                     "Koulutus etenee aikataulussa.", "Mentorointi aloitetaan"):
            self.assertIn(text, html)
        text = self.pdf_text(pdf)
        self.assertIn("Esihenkilöiden johtamiskoulutus", text)
        self.assertIn("Mentorointi aloitetaan", text)

    def test_send_minutes_to_participants(self):
        action = self.meeting.sudo(self.am1).action_send_minutes()
        self.assertEqual(action["res_model"], "mail.compose.message")
        self.assertEqual(action["context"]["default_composition_mode"], "comment")
        composer = self.env["mail.compose.message"].sudo(self.am1).with_context(
            action["context"], mail_notify_force_send=False).create({})
        with self.real_pdf():
            composer.onchange_template_id_wrapper()
        self.assertEqual(composer.partner_ids, self.contact_one | self.contact_two)
        self.assertEqual(composer.subject, "Minutes: Ohjausryhmä, 03/04/2026")
        self.assertEqual(composer.attachment_ids.mapped("name"), ["Ohjausryhmä 2026-03-04.pdf"])
        composer.send_mail()
        mail = self.env["mail.mail"].search([
            ("model", "=", "omnia.feedback.meeting"), ("res_id", "=", self.meeting.id)])
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.contact_one | self.contact_two)
        self.assertEqual(mail.state, "outgoing")
        self.assertEqual(mail.attachment_ids.mapped("name"), ["Ohjausryhmä 2026-03-04.pdf"])
        self.assertTrue(base64.b64decode(mail.attachment_ids.datas).startswith(b"%PDF"))
        self.assertEqual(mail.author_id, self.am1.partner_id)


class TestStudentFeedbackMigration(StudentFeedbackCase):
    """11.0.4.0.0's migration on data as the previous release left it: the
    qualifications written as text, steering groups per employer. Run twice,
    the second run changes nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.migration = load_migration("11.0.4.0.0", "post-student_feedback.py")

    def _old_meeting(self, meeting_type, name, date, partner=None, qualification=None,
                     previous=None):
        """A meeting as the previous release stored it (the text column of
        the qualification, no training), written in SQL."""
        self.env.cr.execute("""
            INSERT INTO omnia_feedback_meeting
                (type, name, date, partner_id, qualification, previous_meeting_id,
                 create_date, write_date)
            VALUES (%s, %s, %s, %s, %s, %s, now(), now()) RETURNING id
        """, (meeting_type, name, date, partner and partner.id, qualification,
              previous and previous.id))
        return self.Meeting.browse(self.env.cr.fetchone()[0])

    def test_migration(self):
        # the previous release's column (kept by this one where it existed)
        self.env.cr.execute("ALTER TABLE omnia_feedback_meeting "
                            "ADD COLUMN IF NOT EXISTS qualification VARCHAR")
        forum = self._old_meeting("student_forum", "Foorumi", "2025-10-01",
                                  qualification="Testialan perustutkinto")
        forum2 = self._old_meeting("student_forum", "Foorumi", "2025-12-01",
                                   qualification=" TESTIALAN perustutkinto ", previous=forum)
        forum3 = self._old_meeting("student_forum", "Foorumi", "2025-12-01",
                                   qualification="Testiturva-alan perustutkinto")
        first = self._old_meeting("steering_group", "Ohjausryhmä A", "2025-09-01",
                                  partner=self.customer_two)
        second = self._old_meeting("steering_group", "Ohjausryhmä B", "2025-11-01",
                                   partner=self.customer_two, previous=first)
        other = self._old_meeting("steering_group", "Ohjausryhmä C", "2026-01-10",
                                  partner=self.customer_two, previous=second,
                                  qualification="Testiturva-alan perustutkinto")
        existing = self.env["omnia.qualification"].create({"name": "Testialan perustutkinto"})
        feedback = self._feedback(source="visit", meeting_id=forum.id)
        self.env.cache.invalidate()
        Qualification = self.env["omnia.qualification"]
        before = Qualification.search_count([])

        self.migration.migrate(self.env.cr, "11.0.3.0.0")
        self.env.cache.invalidate()

        # an existing record of the same name is used; one new qualification
        self.assertEqual(forum.qualification_id, existing)
        self.assertEqual(forum2.qualification_id, existing)
        safety = forum3.qualification_id
        self.assertEqual(safety.name, "Testiturva-alan perustutkinto")
        self.assertEqual(Qualification.search_count([]), before + 1)
        # a training per employer and qualification
        training = first.training_id
        self.assertEqual(second.training_id, training)
        self.assertEqual((training.name, training.partner_id, training.qualification_id,
                          training.date_start),
                         ("Ohjausryhmä B", self.customer_two, Qualification, "2025-09-01"))
        self.assertEqual(other.training_id.qualification_id, safety)
        self.assertNotEqual(other.training_id, training)
        self.assertEqual(second.previous_meeting_id, first)
        self.assertFalse(other.previous_meeting_id)
        self.assertEqual(feedback.qualification_id, existing)
        # the text is kept
        self.env.cr.execute("SELECT qualification FROM omnia_feedback_meeting WHERE id = %s",
                            (forum2.id,))
        self.assertEqual(self.env.cr.fetchone()[0], " TESTIALAN perustutkinto ")

        trainings = self.env["omnia.training"].search_count([])
        self.migration.migrate(self.env.cr, "11.0.3.0.0")
        self.env.cache.invalidate()
        self.assertEqual(Qualification.search_count([]), before + 1)
        self.assertEqual(self.env["omnia.training"].search_count([]), trainings)
        self.assertEqual(second.training_id, training)
