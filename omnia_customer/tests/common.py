# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The one base of the addon's tests (OmniaCase): its users, its clock and
the helpers that make customers, opportunities and events. The classes
below it add the fixtures of one part of the addon (segment classes, work
types, feedback customers, a sales team), never users of their own."""
import importlib.util
import os
import shutil
import subprocess
import tempfile
from datetime import datetime, timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests.common import SavepointCase
from odoo.tools import config

# The tests' clock: a Friday, at noon UTC. The code that reads today through
# omnia_today() (and system_today() run as the superuser) sees TODAY through
# the context key ``omnia_today``; the 365-day won figures end at NOW.
NOW = datetime(2026, 3, 6, 12, 0, 0)
TODAY = fields.Date.to_string(NOW.date())

GROUP_ACCOUNT_MANAGER = "omnia_customer.group_account_manager"
GROUP_TEAM_LEAD = "omnia_customer.group_team_lead"
GROUP_MANAGEMENT = "omnia_customer.group_management"
GROUP_EMPLOYEE = "base.group_user"


def dt(moment):
    return fields.Datetime.to_string(moment)


def load_migration(version, script):
    """The migration script ``script`` of ``version`` (its folder's name
    is no Python package name), as a module whose functions tests call."""
    path = os.path.join(os.path.dirname(os.path.dirname(__file__)),
                        "migrations", version, script)
    spec = importlib.util.spec_from_file_location(
        "omnia_migration_%s_%s" % (version.replace(".", "_"), script[:-3].replace("-", "_")),
        path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class OmniaCase(SavepointCase):
    """Users of every role, all in UTC: two account managers (``am1``,
    ``am2``), the team lead (``team_lead``), management (``director``), an
    employee outside the customer team (``employee``) and a Settings
    administrator (``admin``). Today is TODAY for the code that honours
    ``omnia_today``."""

    TODAY = TODAY
    NOW = NOW
    # The work type of the events made by _event() (a subclass sets its own).
    event_work_type = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, omnia_today=TODAY, tz="UTC"))
        cls.am1 = cls._user("test.am1", GROUP_ACCOUNT_MANAGER, name="Test AM One")
        cls.am2 = cls._user("test.am2", GROUP_ACCOUNT_MANAGER, name="Test AM Two")
        cls.team_lead = cls._user("test.lead", GROUP_TEAM_LEAD, name="Test Team Lead")
        cls.director = cls._user("test.director", GROUP_MANAGEMENT, name="Test Director")
        cls.employee = cls._user("test.employee", GROUP_EMPLOYEE, name="Test Employee")
        cls.admin = cls._user("test.admin", GROUP_EMPLOYEE, "base.group_system",
                              name="Test Admin")
        cls.won_stage = cls.env["crm.stage"].search([("probability", "=", 100)], limit=1)

    # Users

    @classmethod
    def _user(cls, login, *group_xmlids, **values):
        """A user of the groups ``group_xmlids``, in English and UTC (not
        the company's defaults for new users), with an e-mail address;
        ``values`` add to or override these (the name is made from the
        login)."""
        vals = {
            "name": login.replace(".", " ").title(),
            "login": login,
            "email": "%s@example.com" % login,
            "lang": "en_US",
            "tz": "UTC",
            "groups_id": [(6, 0, [cls.env.ref(xmlid).id for xmlid in group_xmlids])],
        }
        vals.update(values)
        return cls.env["res.users"].with_context(no_reset_password=True).create(vals)

    # The clock

    @classmethod
    def _days(cls, days, seconds=0):
        """The moment ``days`` days (and ``seconds``) before NOW."""
        return NOW - timedelta(days=days, seconds=seconds)

    @classmethod
    def _real_today(cls, days=0):
        """The real date, ``days`` days on, in UTC: for the code that reads
        the system's clock (fields.Date.context_today, and system_today()
        for anyone but the superuser), which TODAY does not reach."""
        today = fields.Date.from_string(fields.Date.context_today(cls.env["res.users"]))
        return fields.Date.to_string(today + timedelta(days=days))

    # Customers

    @classmethod
    def _company(cls, name, user=None, **values):
        """A company, the customer of account manager ``user`` when given."""
        vals = {"name": name, "is_company": True}
        if user:
            vals["user_id"] = user.id
        vals.update(values)
        return cls.env["res.partner"].create(vals)

    @classmethod
    def _contact(cls, company, name, **values):
        """A contact person of ``company``."""
        return cls.env["res.partner"].create(dict(values, name=name, parent_id=company.id))

    # Opportunities and events

    @classmethod
    def _opportunity(cls, partner, revenue, probability=100, date_closed=None,
                     user=None, lost=False, **values):
        """An opportunity of ``partner`` worth ``revenue``, of ``user`` (by
        default the customer's account manager): won, in the won stage, at
        100 %, lost with ``lost``. ``date_closed`` (a datetime or a UTC
        string) replaces the closing time crm stamps with the real clock."""
        vals = dict(
            name="Koulutus %s" % revenue,
            type="opportunity",
            partner_id=partner.id,
            user_id=(user or partner.commercial_partner_id.user_id).id,
            planned_revenue=revenue,
            probability=probability,
        )
        if probability >= 100:
            vals["stage_id"] = cls.won_stage.id
        vals.update(values)
        lead = cls.env["crm.lead"].create(vals)
        if lost:
            lead.action_set_lost()
        if date_closed:
            if isinstance(date_closed, datetime):
                date_closed = dt(date_closed)
            lead.write({"date_closed": date_closed})
        return lead

    @classmethod
    def _event(cls, user, start, stop, attendees=None, **values):
        """An event organised and created by ``user``, with him and the users
        ``attendees`` attending, of the work type ``event_work_type``."""
        partners = user.partner_id | (attendees or cls.env["res.users"]).mapped("partner_id")
        vals = {
            "name": "Test event",
            "start": start,
            "stop": stop,
            "user_id": user.id,
            "partner_ids": [(6, 0, partners.ids)],
        }
        if cls.event_work_type:
            vals["work_type_id"] = cls.event_work_type.id
        vals.update(values)
        return cls.env["calendar.event"].sudo(user).create(vals)

    def real_pdf(self):
        """Odoo renders reports as HTML under tests, unless a report
        directory is set: real PDFs with wkhtmltopdf."""
        directory = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, directory)
        return patch.dict(config.options, {"test_report_directory": directory})

    def pdf_text(self, pdf):
        """The text of the PDF ``pdf`` (bytes), by pdftotext of Debian's
        poppler-utils (installed by make setup)."""
        self.assertTrue(shutil.which("pdftotext"), "pdftotext (poppler-utils) is missing")
        with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf_file:
            pdf_file.write(pdf)
            pdf_file.flush()
            return subprocess.check_output(
                ["pdftotext", "-layout", pdf_file.name, "-"]).decode()


class OmniaCustomerCase(OmniaCase):
    """Segment classes of the tests' own (the shipped ones archived) and two
    customer companies, one per account manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Segment = cls.env["omnia.segment"]
        cls.Segment.search([]).write({"active": False})
        cls.seg_a = cls.Segment.create({
            "name": "Test Key Accounts", "code": "TA", "sequence": 10,
            "is_key_account": True, "meeting_interval_days": 30,
            "review_interval_days": 90, "min_won_revenue_12m": 50000,
            "min_won_count_12m": 3,
        })
        cls.seg_b = cls.Segment.create({
            "name": "Test Growing", "code": "TB", "sequence": 20,
            "meeting_interval_days": 90, "review_interval_days": 180,
            "min_training_potential": 20000,
        })
        cls.seg_c = cls.Segment.create({
            "name": "Test Customers", "code": "TC", "sequence": 30,
            "meeting_interval_days": 365, "review_interval_days": 365,
        })
        cls.company1 = cls._company("Testin Konepaja Oy", cls.am1, segment_id=cls.seg_c.id)
        cls.contact1 = cls._contact(cls.company1, "Testi Henkilö")
        cls.company2 = cls._company("Testin Logistiikka Oy", cls.am2, segment_id=cls.seg_c.id)

    def _refresh(self, *partners, now=NOW):
        self.env["res.partner"].concat(*partners)._refresh_won_figures(now=dt(now))


class OmniaCalendarCase(OmniaCase):
    """A customer company in a segment class, work types and a cluster of
    the tests' own, and the hours of the weekly hours report."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(
            cls.env.context, tracking_disable=True, no_mail_to_attendees=True))
        cls.env["ir.config_parameter"].set_param("omnia_customer.allday_hours", "7.5")
        cls.segment = cls.env["omnia.segment"].create({
            "name": "Test Key Accounts",
            "code": "TEST-KEY",
            "meeting_interval_days": 30,
        })
        cls.customer = cls._company(
            "Testin Rakennus Oy", cls.am1, customer=True, segment_id=cls.segment.id)
        cls.contact = cls._contact(cls.customer, "Tiina Testaaja")
        WorkType = cls.env["omnia.work.type"]
        cls.wt_visit = WorkType.create({
            "name": "Test Visit", "code": "T-VISIT", "is_customer_meeting": True})
        cls.wt_internal = WorkType.create({"name": "Test Internal", "code": "T-INTERNAL"})
        cls.wt_nowork = WorkType.create({
            "name": "Test Lunch", "code": "T-LUNCH", "counts_as_work": False})
        cls.event_work_type = cls.wt_visit
        cls.cluster = cls.env["omnia.cluster"].create({
            "name": "Test Cluster", "field": "technology"})
        cls.Event = cls.env["calendar.event"]
        cls.Report = cls.env["omnia.work.hours.report"]

    def _hours(self, domain, users=None):
        users = users or (self.am1 | self.am2 | self.team_lead)
        domain = [("user_id", "in", users.ids)] + domain
        groups = self.Report.read_group(domain, ["hours"], [])
        return round(groups[0]["hours"] or 0.0, 2) if groups else 0.0

    def _event_hours(self, events, user=None, date_from=None, date_to=None):
        domain = [("event_id", "in", events.ids)]
        if user:
            domain.append(("user_id", "=", user.id))
        if date_from:
            domain.append(("date", ">=", date_from))
        if date_to:
            domain.append(("date", "<=", date_to))
        return self._hours(domain)


class OmniaFeedbackCase(OmniaCase):
    """Two customers with their own account managers, and feedback on the
    first by default."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(
            cls.env.context, tracking_disable=True, mail_notrack=True))
        cls.customer_one = cls._company("Testilän Kone Oy", cls.am1)
        cls.contact_one = cls._contact(
            cls.customer_one, "Liisa Testinen", email="liisa.testinen@example.com")
        cls.customer_two = cls._company("Koekylän Hoiva Oy", cls.am2)
        cls.Feedback = cls.env["omnia.feedback"]

    @classmethod
    def _feedback(cls, **values):
        vals = {
            "partner_id": cls.customer_one.id,
            "date": TODAY,
            "polarity": "positive",
            "source": "visit",
            "description": "Test feedback",
        }
        vals.update(values)
        return cls.env["omnia.feedback"].create(vals)


class OmniaTargetsCase(OmniaCase):
    """A sales team of the two account managers, for team targets."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env["crm.team"].create({"name": "Test Customer Team"})
        (cls.am1 | cls.am2).write({"sale_team_id": cls.team.id})
