# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import os
import re

from odoo.exceptions import AccessError

from .common import OmniaCase

ROLES = ("account_manager", "team_lead", "management", "internal", "portal")
ROLE_GROUPS = {
    "account_manager": "omnia_customer.group_account_manager",
    "team_lead": "omnia_customer.group_team_lead",
    "management": "omnia_customer.group_management",
    "internal": "base.group_user",
    "portal": "base.group_portal",
}
OPERATIONS = {"c": "create", "r": "read", "w": "write", "u": "unlink"}

# The access rights of every model of the addon, per role: c(reate),
# r(ead), w(rite), u(nlink). A model without a line here fails the test.
ACCESS_MATRIX = {
    # model                               AM      lead    mgmt   user  portal
    "omnia.annual.plan":                  ("r",    "crwu", "crwu", "",   ""),
    "omnia.dashboard":                    ("r",    "r",    "r",    "",   ""),
    "omnia.annual.plan.item":             ("rw",   "crwu", "crwu", "",   ""),
    "omnia.care.plan":                   ("crw",  "crwu", "crw", "r",  ""),
    "omnia.care.plan.action":            ("crwu", "crwu", "crwu", "r", ""),
    "omnia.care.plan.review":            ("crwu", "crwu", "crwu", "r", ""),
    "omnia.cluster":                     ("r",    "crw",  "r",   "r",  ""),
    "omnia.event.occurrence":            ("r",    "r",    "r",   "r",  ""),
    "omnia.feedback":                    ("crwu", "crwu", "r",   "",   ""),
    "omnia.feedback.action":             ("crwu", "crwu", "r",   "",   ""),
    "omnia.feedback.meeting":            ("crwu", "crwu", "r",   "",   ""),
    "omnia.feedback.meeting.participant": ("crwu", "crwu", "r",  "",   ""),
    "omnia.feedback.report":             ("r",    "r",    "r",   "",   ""),
    "omnia.funding.source":              ("r",    "r",    "r",   "r",  ""),
    "omnia.industry":                    ("r",    "r",    "r",   "r",  ""),
    "omnia.offer.report":                ("r",    "r",    "r",   "",   ""),
    "omnia.project":                      ("crw",  "crwu", "crwu", "",   ""),
    "omnia.resource.allocation":          ("r",    "crwu", "crwu", "",   ""),
    "omnia.resource.flag":                ("r",    "r",    "r",    "",   ""),
    "omnia.resource.week.report":         ("r",    "r",    "r",    "",   ""),
    "omnia.qualification":                ("r",    "crwu", "crwu", "",   ""),
    "omnia.training":                     ("crw",  "crwu", "crwu", "",   ""),
    "omnia.scorecard":                    ("r",    "crwu", "crwu", "",   ""),
    "omnia.scorecard.line":               ("r",    "crwu", "crwu", "",   ""),
    "omnia.scorecard.perspective":        ("r",    "r",    "r",   "r",  ""),
    "omnia.segment":                     ("r",    "r",    "r",   "r",  ""),
    "omnia.target":                       ("r",    "crwu", "crwu", "",   ""),
    "omnia.target.report":                ("r",    "r",    "r",   "",   ""),
    "omnia.usage.report":                 ("",     "r",    "r",   "",   ""),
    "omnia.work.hours.report":           ("r",    "r",    "r",   "",   ""),
    "omnia.work.type":                   ("r",    "r",    "r",   "r",  ""),
    "omnia.management.meeting":           ("r",    "r",    "crwu", "",  ""),
    "omnia.usage.review":                 ("",     "r",    "crwu", "",  ""),
    "omnia.usage.review.line":            ("",     "r",    "r",   "",   ""),
    "omnia.offer.line":                   ("crwu", "crwu", "crwu", "",  ""),
}

# Record rules on a record of another account manager's customer: what each
# role may do to it (r: found by search_count and read with browse().read()).
OTHERS_RECORD_MATRIX = {
    # model                      AM    lead    mgmt
    "omnia.care.plan":           ("r", "rwu", "rw"),
    "omnia.care.plan.action":    ("r", "rwu", "rwu"),
    "omnia.care.plan.review":    ("r", "rwu", "rwu"),
    "omnia.feedback":            ("r", "rwu", "r"),
    "omnia.feedback.action":     ("r", "rwu", "r"),
    "omnia.feedback.meeting":    ("r", "rwu", "r"),
    "omnia.resource.allocation": ("", "rwu", "rwu"),
    "omnia.training":            ("r", "rwu", "rwu"),
    "omnia.offer.line":          ("", "rwu", "rwu"),
}

# Every sudo() and raw SQL of the addon, by file and method, with its reason.
# An occurrence elsewhere, or a changed count, fails the test.
PRIVILEGED_CALLS = {
    ("hooks.py", "uninstall_hook", "cr.execute"):
        (3, "the feedback report's median aggregate and its function, which "
            "are no model's table or view, and the trigram indexes on Odoo's "
            "res_partner, which the uninstall would leave behind"),
    ("models/res_company.py", "_omnia_keep_odoo_demo", "sudo("):
        (1, "demo data only: a system parameter, read while the demo loads, "
            "which only an administrator may read"),
    ("models/res_partner.py", "_create_trigram_indexes", "cr.execute"):
        (3, "DDL the ORM has no words for: the pg_trgm extension and GIN "
            "trigram indexes of the customer searches"),
    ("migrations/11.0.2.0.0/pre-migrate.py", "migrate", "cr.execute"):
        (2, "a migration runs before the models of the new version: close "
            "all but the newest active care plan, list overlapping targets"),
    ("models/calendar_event.py", "_get_allday_hours", "sudo("):
        (1, "the hours of an all-day event are a system parameter every "
            "user's hours depend on"),
    ("models/crm_lead.py", "_sync_segment_from_partners", "cr.execute"):
        (1, "derived data: leads follow their customer's segment class, "
            "whoever changed the customer"),
    ("models/omnia_event_occurrence.py", "init", "cr.execute"):
        (2, "indexes for the hours report"),
    ("models/omnia_event_occurrence.py", "_refresh", "cr.execute"):
        (1, "the occurrences are derived data, rewritten in bulk per event"),
    ("models/omnia_event_occurrence.py", "_insert_recurring", "cr.execute"):
        (2, "the detached occurrences of a batch of events in one look-up, "
            "and bulk insert of the expanded occurrences"),
    ("models/omnia_event_occurrence.py", "_insert_recurring", "sudo("):
        (1, "occurrences are counted for everyone, whoever changed the "
            "event (its detached occurrences may be others' private events)"),
    ("models/omnia_event_occurrence.py", "_set_allday_hours", "cr.execute"):
        (1, "one statement gives all-day occurrences the new hours"),
    ("models/omnia_event_occurrence.py", "_rebuild_all", "cr.execute"):
        (3, "the whole table rewritten after a bulk import outside the ORM: "
            "one delete, one insert of all single events, the recurring ids"),
    ("models/omnia_event_occurrence.py", "_cron_extend_horizon", "cr.execute"):
        (1, "the monthly job finds the recurring events beyond the horizon"),
    ("models/omnia_scorecard_line.py", "_by_year", "cr.execute"):
        (1, "the scorecard's measures: yearly aggregates over all users' "
            "opportunities and events, each query commented where written"),
    ("models/omnia_scorecard_line.py", "_measure_won_revenue_offer_type",
     "cr.execute"):
        (1, "one grouped sum by year and offer type for all lines"),
    ("models/omnia_target.py", "_compute_week_hours", "cr.execute"):
        (1, "one grouped sum over the weekly hours report for all targets"),
    ("models/omnia_target.py", "_read_actuals", "cr.execute"):
        (1, "the actuals are aggregates over other people's opportunities "
            "and events that the reader may not see one by one"),
    ("report/omnia_target_report.py", "init", "cr.execute"):
        (1, "the report is an SQL view created at install"),
    ("report/omnia_usage_report.py", "init", "cr.execute"):
        (1, "the report is an SQL view created at install"),
    ("report/omnia_usage_report.py", "_create_demo_logins", "cr.execute"):
        (1, "demo data only: logins of the demo users over the past year, "
            "whose user and time the ORM would stamp itself"),
    ("models/ir_autovacuum.py", "_gc_user_logs", "cr.execute"):
        (1, "Odoo's clean-up of the user log, as its own statement, keeping "
            "the logins that the usage report counts"),
    ("models/omnia_usage_review.py", "action_freeze", "sudo("):
        (1, "the half-yearly report's frozen figures are written by its "
            "button only; nobody has the right to create or change them"),
    ("report/omnia_offer_report.py", "init", "cr.execute"):
        (1, "the report is an SQL view created at install"),
    ("report/omnia_work_hours_report.py", "init", "cr.execute"):
        (1, "the report is an SQL view created at install"),
    # The care model's activities (omnia.care.activity)
    ("models/omnia_care_activity.py", "_sync", "cr.execute"):
        (1, "one statement makes, re-dates and closes the care model's "
            "activities of all customers, set-based"),
    ("models/omnia_care_activity.py", "_sync_forums", "cr.execute"):
        (1, "the care model's statement for the forum activities of some "
            "qualifications, set-based"),
    ("migrations/11.0.4.0.0/post-student_feedback.py", "convert_qualifications",
     "cr.execute"):
        (2, "the qualifications written as text, a column no field of the new "
            "version reads: its distinct values, and one update linking them"),
    ("models/omnia_care_activity.py", "_sync_partners", "cr.execute"):
        (1, "the companies of the partners, without reading them"),
    ("models/omnia_care_activity.py", "_params", "sudo("):
        (1, "the care model's settings are system parameters, read by "
            "whoever's write triggers a sync"),
    ("models/mail_activity.py", "init", "cr.execute"):
        (1, "the unique index of one open activity per record and kind"),
    ("models/calendar_event.py", "_omnia_care_partner_ids", "cr.execute"):
        (1, "the customers of the events, others' private ones included, "
            "whose meetings the care model counts"),
    ("models/omnia_segment.py", "_sync_care_activities", "cr.execute"):
        (1, "the ids of a class's customers, which may be many"),
    ("models/omnia_segment.py", "_default_lead_days", "sudo("):
        (1, "the lead time settings are system parameters, read by whoever "
            "creates a segment class"),
    ("migrations/11.0.3.0.0/post-migrate.py",
     "fill_segment_dates_and_sync_care_activities", "cr.execute"):
        (1, "one statement fills the day every customer got its class, from "
            "the chatter's tracking values"),
    ("models/omnia_cluster.py", "_check_member_user_ids", "cr.execute"):
        (1, "one grouped look-up of all memberships of these users"),
    ("models/omnia_segment.py", "_default_review_interval_days", "sudo("):
        (1, "the review interval setting is a system parameter, read by "
            "whoever creates a segment class"),
    ("models/res_users.py", "_set_role_home_action", "sudo("):
        (2, "the home follows the groups, which only an administrator changes"),
    ("models/res_partner.py", "init", "cr.execute"):
        (1, "partners that existed before the addon get their account "
            "manager from their salesperson in one statement"),
    ("models/res_partner.py", "_move_open_work", "sudo("):
        (2, "the open leads and care plans follow the customer's new account "
            "manager, a change the caller was allowed to make (write checked "
            "first)"),
    ("models/res_partner.py", "_refresh_won_figures", "cr.execute"):
        (1, "one aggregate statement instead of one write per partner"),
    ("models/res_partner.py", "_refresh_all_won_figures", "cr.execute"):
        (1, "the ids of all commercial entities, which no domain expresses"),
    ("models/res_partner.py", "_refresh_won_figures_range", "cr.execute"):
        (1, "one aggregate statement for a range of partner ids"),
    ("models/omnia_event_occurrence.py", "_customer_figures", "cr.execute"):
        (2, "aggregates over all occurrences of the companies' events; "
            "private events count too, without being shown"),
    ("models/omnia_event_occurrence.py", "_companies_meeting_overdue", "cr.execute"):
        (1, "one query over the occurrences instead of a compute per "
            "partner"),
    ("models/res_partner.py", "_cron_refresh_segments", "sudo("):
        (1, "the nightly job reads the Settings' system parameter"),
    ("models/res_config_settings.py", "get_values", "sudo("):
        (1, "Settings (base.group_system only) read their system parameters"),
    ("models/omnia_feedback.py", "_deadline_days", "sudo("):
        (1, "the response deadline setting is a system parameter, read by "
            "every user who records feedback"),
    ("models/res_config_settings.py", "set_values", "sudo("):
        (1, "Settings (base.group_system only) stores its system parameter"),
    ("models/survey_user_input.py", "create", "sudo("):
        (1, "a public or portal respondent may not read the partner it "
            "answers as; only its company is looked up"),
    ("models/survey_user_input.py", "_create_feedback", "sudo("):
        (2, "a survey answered by a customer (public or portal user) "
            "records feedback the customer cannot otherwise create"),
    ("report/omnia_feedback_report.py", "init", "cr.execute"):
        (1, "the report is an SQL view created at install"),
    # Work time allocations and the weeks under target
    ("report/omnia_resource_week_report.py", "init", "cr.execute"):
        (1, "the report is an SQL view created at install"),
    ("models/omnia_resource_allocation.py", "_threshold", "sudo("):
        (1, "the threshold of Settings is a system parameter, read by the "
            "nightly job and by Settings"),
    ("models/omnia_resource_flag.py", "_flag_weeks", "cr.execute"):
        (2, "one statement finds and records the weeks under the threshold "
            "of every account manager, set-based and idempotent; one insert "
            "of their activities, without mailing each user from a nightly job"),
    ("report/omnia_feedback_report.py", "_create_median_aggregate", "cr.execute"):
        (3, "the median aggregate read_group calls for the report's median "
            "response days (PostgreSQL has none)"),
    # Offers as documents
    ("models/crm_lead.py", "_compute_offer_amount_total", "sudo("):
        (1, "the total of an offer's own lines, computed for whoever saves "
            "the offer (Odoo's salespeople outside the Omnia roles too)"),
    ("models/crm_lead.py", "_omnia_sync_planned_revenue", "sudo("):
        (1, "the lines' total that an offer's expected revenue follows, "
            "for whoever saves the offer"),
    ("models/crm_lead.py", "_price_approval_required_types", "sudo("):
        (1, "the Settings' switches of the price approval are system "
            "parameters, read by whoever wins an offer"),
    ("migrations/11.0.5.0.0/post-offer_approved_price.py", "migrate", "cr.execute"):
        (1, "offers approved before the approved price was stored get their "
            "expected revenue as the approved price, in one statement"),
    ("wizard/base_partner_merge_automatic_wizard.py", "_merge", "sudo("):
        (2, "the team lead and management (checked first) merge customers of "
            "every account manager: the merge deletes the duplicates and "
            "moves others' work"),
    ("models/mail_mass_mailing_campaign.py", "_compute_omnia_lead_figures", "sudo("):
        (1, "a campaign's leads, offers won and revenue are the team's "
            "figures, the same for every reader of the campaign (an account "
            "manager's lead rules would count his own only); counts and sums")
}
PRIVILEGED_PATTERN = re.compile(r"\.sudo\(|\bcr\.execute\(")


class TestAccessMatrix(OmniaCase):
    """Every model of the addon × every role × create/read/write/unlink,
    acting as that user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True,
                                       mail_notrack=True))
        cls.users = {
            "account_manager": cls.am1,
            "team_lead": cls.team_lead,
            "management": cls.director,
            "internal": cls.employee,
            "portal": cls._user("matrix.portal", ROLE_GROUPS["portal"]),
            "other_account_manager": cls.am2,
        }
        other = cls.users["other_account_manager"]
        cls.customer = cls._company("Matriisi Oy", other)
        feedback = cls.env["omnia.feedback"].create({
            "partner_id": cls.customer.id, "polarity": "negative",
            "date": "2026-03-06", "description": "Slow invoicing"})
        plan = cls.env["omnia.care.plan"].create({
            "partner_id": cls.customer.id, "year": 2026})
        training = cls.env["omnia.training"].create({
            "name": "Hitsaus", "partner_id": cls.customer.id, "user_id": other.id})
        cls.others_records = {
            "omnia.care.plan": plan,
            "omnia.care.plan.action": cls.env["omnia.care.plan.action"].create({
                "plan_id": plan.id, "name": "Osaamiskartoitus",
                "responsible_id": other.id}),
            "omnia.care.plan.review": cls.env["omnia.care.plan.review"].create({
                "plan_id": plan.id, "date": "2026-01-15"}),
            "omnia.feedback": feedback,
            "omnia.feedback.action": cls.env["omnia.feedback.action"].create({
                "name": "Call back", "feedback_id": feedback.id,
                "responsible_id": other.id, "deadline": "2026-03-10"}),
            "omnia.feedback.meeting": cls.env["omnia.feedback.meeting"].create({
                "type": "steering_group", "name": "Steering group",
                "date": "2026-03-06", "training_id": training.id,
                "user_id": other.id}),
            "omnia.resource.allocation": cls.env["omnia.resource.allocation"].create({
                "user_id": other.id, "date_from": "2026-01-05",
                "hours_per_week": 20.0}),
            "omnia.training": training,
            "omnia.offer.line": cls.env["omnia.offer.line"].create({
                "lead_id": cls.env["crm.lead"].create({
                    "name": "Matriisin tarjous", "type": "opportunity",
                    "partner_id": cls.customer.id, "user_id": other.id}).id,
                "name": "Hitsauskoulutus", "quantity": 4, "price_unit": 1900.0}),
        }

    @classmethod
    def _addon_models(cls):
        data = cls.env["ir.model.data"].search([
            ("module", "=", "omnia_customer"), ("model", "=", "ir.model")])
        models = cls.env["ir.model"].browse(data.mapped("res_id")).filtered(
            lambda m: not m.transient and m.model.startswith("omnia.")
            and not cls.env[m.model]._abstract)
        # the xml ids of the models the addon extends name it too
        return sorted(models.mapped("model"))

    def test_every_model_has_access_rules(self):
        for model in self._addon_models():
            count = self.env["ir.model.access"].search_count(
                [("model_id.model", "=", model)])
            self.assertTrue(count, "%s has no access rules" % model)

    def test_access_rights_per_role(self):
        models = self._addon_models()
        self.assertEqual(set(models), set(ACCESS_MATRIX),
                         "ACCESS_MATRIX must list exactly the addon's models")
        found = {}
        for model in models:
            found[model] = tuple(
                "".join(letter for letter, operation in OPERATIONS.items()
                        if self.env[model].sudo(self.users[role])
                        .check_access_rights(operation, raise_exception=False))
                for role in ROLES)
        self.assertEqual(found, ACCESS_MATRIX)

    def test_record_rules_on_others_records(self):
        found = {}
        for model, record in self.others_records.items():
            rights = []
            for role in ("account_manager", "team_lead", "management"):
                as_user = record.sudo(self.users[role])
                letters = ""
                if as_user.search_count([("id", "=", record.id)]) == 1 \
                        and self._allowed(as_user.read, ["display_name"]):
                    letters += "r"
                for letter, operation in (("w", "write"), ("u", "unlink")):
                    if self._allowed(as_user.check_access_rights, operation) \
                            and self._allowed(as_user.check_access_rule,
                                              operation):
                        letters += letter
                rights.append(letters)
            found[model] = tuple(rights)
        self.assertEqual(found, OTHERS_RECORD_MATRIX)

    @staticmethod
    def _allowed(method, *args):
        """Whether calling ``method(*args)`` passes the access checks."""
        try:
            method(*args)
        except AccessError:
            return False
        return True

    def test_outsiders_refused_on_others_records(self):
        for model, record in self.others_records.items():
            for index, role in ((3, "internal"), (4, "portal")):
                as_user = record.sudo(self.users[role])
                if "r" not in ACCESS_MATRIX[model][index]:
                    with self.assertRaises(AccessError, msg="%s %s" % (model, role)):
                        as_user.read(["display_name"])
                with self.assertRaises(AccessError, msg="%s %s" % (model, role)):
                    as_user.write({})

    def test_management_only_fields_hidden_from_others(self):
        """A field with groups= is absent from fields_get for users outside
        those groups and present for users in them."""
        checked = 0
        for model in self._addon_models() + [
                "res.partner", "crm.lead", "calendar.event", "survey.survey"]:
            for name, field in self.env[model]._fields.items():
                if not field.groups \
                        or getattr(field, "_module", None) != "omnia_customer":
                    continue
                for role in ROLES:
                    user = self.users[role]
                    as_user = self.env[model].sudo(user)
                    allowed = as_user.user_has_groups(field.groups)
                    self.assertEqual(name in as_user.fields_get(), allowed,
                                     "%s.%s for %s" % (model, name, role))
                checked += 1
        # the feedback figures on customers are for the team and management
        self.assertGreaterEqual(checked, 3)

    def test_every_sudo_and_sql_has_a_reason(self):
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        found = {}
        for folder, _dirs, files in os.walk(root):
            if os.path.basename(folder) == "tests":
                continue
            for filename in files:
                if not filename.endswith(".py"):
                    continue
                path = os.path.join(folder, filename)
                method = None
                with open(path, encoding="utf-8") as handle:
                    for line in handle:
                        match = re.match(r"\s*def (\w+)\(", line)
                        if match:
                            method = match.group(1)
                        for call in PRIVILEGED_PATTERN.findall(line):
                            kind = "sudo(" if "sudo" in call else "cr.execute"
                            key = (os.path.relpath(path, root), method, kind)
                            found[key] = found.get(key, 0) + 1
        expected = {key: count for key, (count, _reason)
                    in PRIVILEGED_CALLS.items()}
        differences = sorted(
            "%s %s %s: %s in the code, %s listed" % (
                key + (found.get(key, 0), expected.get(key, 0)))
            for key in set(found) | set(expected)
            if found.get(key) != expected.get(key))
        self.assertEqual(differences, [], "add each with its reason to "
                         "PRIVILEGED_CALLS:\n" + "\n".join(differences))


class TestPrivilegedActions(OmniaCase):
    """The actions that use sudo() work for the callers they are for, and
    give them nothing more."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True,
                                       mail_notrack=True))
        cls.public = cls.env.ref("base.public_user")
        cls.company = cls._company("Kyselyvastaaja Oy")
        cls.contact = cls._contact(cls.company, "Veera Vastaaja")
        cls.survey = cls.env["survey.survey"].create(
            {"title": "Course feedback", "is_customer_feedback": True})

    def test_public_respondent_answers_for_a_partner(self):
        """A public respondent cannot read the partner it answers as, yet
        the response is linked to the partner's company."""
        with self.assertRaises(AccessError):
            self.contact.sudo(self.public).read(["commercial_partner_id"])
        response = self.env["survey.user_input"].sudo(self.public).create({
            "survey_id": self.survey.id, "partner_id": self.contact.id})
        self.assertEqual(response.sudo().omnia_partner_id, self.company)

    def test_deadline_setting_read_by_account_manager(self):
        user = self.am1
        with self.assertRaises(AccessError):
            self.env["ir.config_parameter"].sudo(user).search([])
        days = self.env["omnia.feedback"].sudo(user)._deadline_days()
        self.assertIsInstance(days, int)

    def test_reassignment_moves_open_work_only_for_those_allowed(self):
        """The reassignment moves others' leads and care plans with sudo():
        only after the caller's own write of the customer passed its
        checks."""
        users = {"am.one": self.am1, "am.two": self.am2, "lead": self.team_lead}
        customer = self._company("Siirtyvä Oy", users["am.two"])
        lead = self.env["crm.lead"].create({
            "name": "Open offer", "partner_id": customer.id,
            "user_id": users["am.two"].id})
        plan = self.env["omnia.care.plan"].create(
            {"partner_id": customer.id, "year": 2026})
        with self.assertRaises(AccessError):
            customer.sudo(users["am.one"]).write(
                {"user_id": users["am.one"].id})
        self.assertEqual(lead.user_id, users["am.two"])
        self.assertEqual(plan.account_manager_id, users["am.two"])
        customer.sudo(users["lead"]).write({"user_id": users["am.one"].id})
        self.assertEqual(lead.user_id, users["am.one"])
        self.assertEqual(plan.account_manager_id, users["am.one"])
