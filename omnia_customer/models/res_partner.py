# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import timedelta

import psycopg2
from psycopg2.extensions import AsIs

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools import split_every

from .access import check_links
from .batch import run_or_retry_each
from .business_id import (
    BUSINESS_ID_PATTERN, business_id_error, company_name_key, normalise_business_id)
from .omnia_feedback_meeting import MEETING_STEERING_GROUP
from .omnia_segment import SUGGESTION_JOIN
from .rules import WON_LEAD_WHERE, omnia_today

_logger = logging.getLogger(__name__)

# The customer team and management, who read feedback.
FEEDBACK_READERS = "omnia_customer.group_account_manager,omnia_customer.group_management"

# Columns searched with ilike '%text%' (a search_read by name, the search
# view's display name and email, Odoo's name_search of email, display name,
# reference and VAT number): a trigram index each.
TRIGRAM_COLUMNS = ("name", "display_name", "email", "ref", "vat", "business_id")


def trigram_index(column):
    return "res_partner_%s_trgm_idx" % column


# How many customer companies one refresh statement handles.
REFRESH_BATCH_SIZE = 20000
# A won opportunity counts in the 12-month figures for this many days.
WON_WINDOW_DAYS = 365
# Care plan states counted as open (moved on reassignment).
OPEN_CARE_PLAN_STATES = ("draft", "active")

# Recomputes the 12-month figures (the opportunities won, as WON_LEAD_WHERE
# defines it, in the last WON_WINDOW_DAYS up to now, not closing dates in the
# future), the suggested segment class (the segment rule, SUGGESTION_JOIN of
# omnia_segment) and the mismatch flag of the given commercial partners and
# all their contacts in one statement; rows already up to date are left
# untouched.
REFRESH_SQL_TEMPLATE = """
    UPDATE res_partner p
       SET won_revenue_12m = f.revenue,
           won_count_12m = f.count,
           suggested_segment_id = f.suggested_segment_id,
           segment_mismatch = f.suggested_segment_id IS NOT NULL
               AND f.suggested_segment_id IS DISTINCT FROM p.segment_id
      FROM (
        SELECT c.id AS commercial_id,
               COALESCE(won.revenue, 0) AS revenue,
               COALESCE(won.count, 0) AS count,
               suggestion.id AS suggested_segment_id
          FROM res_partner c
          LEFT JOIN (
            SELECT lp.commercial_partner_id AS commercial_id,
                   SUM(COALESCE(l.planned_revenue, 0)) AS revenue,
                   COUNT(*) AS count
              FROM crm_lead l
              JOIN res_partner lp ON lp.id = l.partner_id
             WHERE {won}
               AND l.date_closed >= %(date_from)s
               AND l.date_closed <= %(date_to)s
               AND {lead_filter}
             GROUP BY lp.commercial_partner_id
          ) won ON won.commercial_id = c.id
          {suggestion}
         WHERE {company_filter}
      ) f
     WHERE p.commercial_partner_id = f.commercial_id
       AND (p.won_revenue_12m IS DISTINCT FROM f.revenue
            OR p.won_count_12m IS DISTINCT FROM f.count
            OR p.suggested_segment_id IS DISTINCT FROM f.suggested_segment_id
            OR p.segment_mismatch IS DISTINCT FROM (
                f.suggested_segment_id IS NOT NULL
                AND f.suggested_segment_id IS DISTINCT FROM p.segment_id))
"""

# For the commercial partners of given partners.
REFRESH_SQL_IDS = REFRESH_SQL_TEMPLATE.format(
    won=WON_LEAD_WHERE.format(l="l"),
    suggestion=SUGGESTION_JOIN,
    lead_filter="lp.commercial_partner_id IN ("
                "SELECT commercial_partner_id FROM res_partner WHERE id IN %(ids)s)",
    company_filter="c.id IN ("
                   "SELECT commercial_partner_id FROM res_partner WHERE id IN %(ids)s)",
)
# For all commercial partners in a range of ids (the nightly batches).
REFRESH_SQL_RANGE = REFRESH_SQL_TEMPLATE.format(
    won=WON_LEAD_WHERE.format(l="l"),
    suggestion=SUGGESTION_JOIN,
    lead_filter="lp.commercial_partner_id BETWEEN %(first)s AND %(last)s",
    company_filter="c.id BETWEEN %(first)s AND %(last)s AND c.id = c.commercial_partner_id",
)

# A contact or address is put only under a company (or contact) the user may
# change: it takes that company's account manager.
LINK_FIELDS = ("parent_id",)

# Partner fields whose change changes the care model's activities of the
# customer (omnia.care.activity).
CARE_FIELDS = {"segment_id", "segment_date", "active", "user_id", "is_company",
               "parent_id", "name"}

# How many possible duplicates a new company's form lists.
DUPLICATE_LIMIT = 5

REFRESHED_FIELDS = [
    "won_revenue_12m",
    "won_count_12m",
    "suggested_segment_id",
    "segment_mismatch",
]


class ResPartner(models.Model):
    _inherit = "res.partner"
    # Everyone in the team reads all customers and may log notes on them;
    # the tracking of a reassignment is posted by a user who just gave the
    # customer away.
    _mail_post_access = "read"

    # Identity
    # The Finnish business ID (Y-tunnus), not Odoo's VAT number: in Finland
    # the VAT number is "FI" and the business ID's digits without the hyphen,
    # and only companies registered for VAT have one, while every company,
    # association and public body has a business ID.
    business_id = fields.Char(
        string="Business ID",
        index=True,
        copy=False,
        track_visibility="onchange",
        help="The Finnish business ID (Y-tunnus) of the company, 1234567-8. "
             "Entered with or without the hyphen, or as the VAT number "
             "(FI12345678); the check digit is checked. One active company "
             "per business ID.",
    )
    duplicate_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Possible Duplicates",
        compute="_compute_duplicate_ids",
        help="Active companies with the same business ID or the same name "
             "(legal forms such as Oy, Ab or Ky left out), shown while a new "
             "company is being created.",
    )

    # Account manager and segment class
    # The named account manager is Odoo's salesperson under the team's name:
    # create() and write() keep both equal, so that core CRM defaults (a new
    # lead gets the customer's salesperson) keep working. A plain column
    # rather than a stored related field: its recomputation would be checked
    # against the record rules after the change, when the former account
    # manager may no longer write the customer he just handed over.
    # Odoo's salesperson indexed: the record rules of feedback, offers and
    # meetings look up the customers of a user by it (partner_id.user_id),
    # several times per create; without an index each reads every partner.
    user_id = fields.Many2one(index=True)
    # A contact's company joined, not searched apart, in domains through it
    # (Odoo's auto_join): a campaign's recipients (mail_mass_mailing.py) are
    # contacts chosen by their company's class, industries, clusters and
    # state, one query even for classes of tens of thousands of companies,
    # where a search per condition would list every matching company's id.
    # Everyone reads all partners (no read rule of the addon's).
    commercial_partner_id = fields.Many2one(auto_join=True)
    account_manager_id = fields.Many2one(
        comodel_name="res.users",
        index=True,
        track_visibility="onchange",
    )
    segment_id = fields.Many2one(
        comodel_name="omnia.segment",
        string="Segment Class",
        index=True,
        ondelete="restrict",
        track_visibility="onchange",
        group_expand="_read_group_segment_ids",
    )
    segment_date = fields.Date(
        string="Segment Class Since",
        copy=False,
        help="The day the customer got its segment class: a customer never "
             "met is due for a meeting one meeting interval after it.",
    )
    suggested_segment_id = fields.Many2one(
        comodel_name="omnia.segment",
        string="Suggested Segment Class",
        index=True,
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The first active segment class, by priority, whose criteria "
             "all hold for this customer company; refreshed when its figures "
             "change and nightly.",
    )
    segment_mismatch = fields.Boolean(
        string="Segment Differs from Suggestion",
        index=True,
        readonly=True,
        copy=False,
        help="The suggested segment class differs from the class set by the "
             "account manager (or no class is set yet).",
    )
    # Rule inputs
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        compute="_compute_currency_id",
        help="Currency of the customer's figures: the company's currency.",
    )
    employee_count = fields.Integer(
        string="Employees",
        track_visibility="onchange",
    )
    training_potential = fields.Monetary(
        track_visibility="onchange",
        help="The account manager's estimate of the customer's yearly "
             "training purchases.",
    )
    won_revenue_12m = fields.Monetary(
        string="Won Revenue (12 months)",
        readonly=True,
        copy=False,
        help="Expected revenue of the opportunities of the company and its "
             "contacts won in the last 365 days.",
    )
    won_count_12m = fields.Integer(
        string="Won Opportunities (12 months)",
        readonly=True,
        copy=False,
        help="Number of opportunities of the company and its contacts won in "
             "the last 365 days.",
    )
    # Needs, industries and clusters
    industry_ids = fields.Many2many(
        comodel_name="omnia.industry",
        string="Industries",
        help="The fields of training the customer buys from.",
    )
    training_needs = fields.Html(
        help="The customer's mapped training needs and the solutions offered "
             "from all of Omnia.",
    )
    cluster_ids = fields.Many2many(
        comodel_name="omnia.cluster",
        relation="omnia_cluster_res_partner_rel",
        column1="partner_id",
        column2="cluster_id",
        string="Clusters",
        help="Clusters the organisation takes part in.",
    )
    cluster_id = fields.Many2one(
        comodel_name="omnia.cluster",
        string="Main Cluster",
        compute="_compute_cluster_id",
        store=True,
        index=True,
        help="The first of the clusters the organisation takes part in; "
             "used to group customers by cluster.",
    )
    # Care plans
    care_plan_ids = fields.One2many(
        comodel_name="omnia.care.plan",
        inverse_name="partner_id",
        string="Care Plans",
    )
    current_care_plan_id = fields.Many2one(
        comodel_name="omnia.care.plan",
        compute="_compute_current_care_plan_id",
        help="The active care plan, or else the latest draft.",
    )
    care_plan_count = fields.Integer(compute="_compute_current_care_plan_id")
    # The header's badges show these as text.
    segment_label = fields.Char(
        related="segment_id.display_name", string="Segment Class Name", readonly=True)
    account_manager_name = fields.Char(
        related="account_manager_id.name", string="Account Manager Name", readonly=True)
    care_plan_state = fields.Selection(
        related="current_care_plan_id.state",
        string="Care Plan State",
        readonly=True,
    )
    care_plan_review_overdue = fields.Boolean(
        compute="_compute_care_plan_review_overdue",
        search="_search_care_plan_review_overdue",
    )

    # Calendar work for the customer (of its company, for contacts)
    last_meeting_date = fields.Datetime(
        string="Last Customer Meeting",
        compute="_compute_meeting_figures",
        help="Start of the latest past customer meeting with the company.",
    )
    next_meeting_date = fields.Datetime(
        string="Next Customer Meeting",
        compute="_compute_meeting_figures",
        help="Start of the next planned customer meeting with the company.",
    )
    next_meeting_due = fields.Date(
        compute="_compute_meeting_figures",
        help="The last customer meeting (or, for a customer never met, the "
             "day it got its class) plus the meeting interval of the "
             "company's segment class.",
    )
    meeting_overdue = fields.Boolean(
        compute="_compute_meeting_figures",
        search="_search_meeting_overdue",
        help="The company has a segment class and its next meeting was due "
             "before today.",
    )
    hours_this_year = fields.Float(
        compute="_compute_meeting_figures",
        help="Account managers' calendar hours for the company from the start "
             "of the year until today.",
    )
    omnia_event_count = fields.Integer(
        string="Customer Work",
        compute="_compute_meeting_figures",
    )

    # Feedback balance
    feedback_positive_count = fields.Integer(
        string="Positive Feedback", compute="_compute_feedback_counts",
        groups=FEEDBACK_READERS)
    feedback_negative_count = fields.Integer(
        string="Negative Feedback", compute="_compute_feedback_counts",
        groups=FEEDBACK_READERS)
    feedback_open_count = fields.Integer(
        string="Open Feedback", compute="_compute_feedback_counts",
        groups=FEEDBACK_READERS)

    # Other work for the customer, counted for its smart buttons
    omnia_offer_count = fields.Integer(
        string="Offers", compute="_compute_glance_counts",
        groups=FEEDBACK_READERS)
    omnia_project_count = fields.Integer(
        string="Projects", compute="_compute_glance_counts",
        groups=FEEDBACK_READERS)
    steering_group_count = fields.Integer(
        string="Steering Group Meetings", compute="_compute_glance_counts",
        groups=FEEDBACK_READERS)

    _sql_constraints = [
        # One active company per business ID, also under concurrent saves,
        # checked at commit (_check_business_id gives its message first in
        # the usual case); archived companies may share it. An exclusion
        # constraint rather than a unique index: it may have a WHERE clause
        # and still be a constraint whose message Odoo shows.
        ("business_id_active_company_uniq",
         "EXCLUDE USING btree (business_id WITH =) "
         "WHERE (active AND is_company AND business_id IS NOT NULL) "
         "DEFERRABLE INITIALLY DEFERRED",
         "Business ID: an active company with this business ID already "
         "exists."),
    ]

    @api.model
    def _read_group_segment_ids(self, segments, domain, order):
        # Every active class is a column of the customer kanban.
        return segments.search([("active", "=", True)], order=order)

    @api.depends("company_id")
    def _compute_currency_id(self):
        default_currency = self.env.user.company_id.currency_id
        for partner in self:
            partner.currency_id = partner.company_id.currency_id or default_currency

    @api.depends("cluster_ids")
    def _compute_cluster_id(self):
        for partner in self:
            partner.cluster_id = partner.cluster_ids.sorted("name")[:1]

    @api.depends("care_plan_ids.state", "care_plan_ids.year")
    def _compute_current_care_plan_id(self):
        plans = self.env["omnia.care.plan"].search(
            [("partner_id", "in", self.ids)], order="year desc, id desc")
        for partner in self:
            partner_plans = plans.filtered(lambda plan: plan.partner_id == partner)
            partner.current_care_plan_id = (
                partner_plans.filtered(lambda plan: plan.state == "active")[:1]
                or partner_plans.filtered(lambda plan: plan.state == "draft")[:1]
            )
            partner.care_plan_count = len(partner_plans)

    def _compute_care_plan_review_overdue(self):
        overdue = self.search([("id", "in", self.ids), ("care_plan_review_overdue", "=", True)])
        for partner in self:
            partner.care_plan_review_overdue = partner in overdue

    @api.model
    def _search_care_plan_review_overdue(self, operator, value):
        plans = self.env["omnia.care.plan"].search([("review_overdue", "=", True)])
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", plans.mapped("partner_id").ids)]

    def _compute_feedback_counts(self):
        companies = self.mapped("commercial_partner_id")
        counts = {}
        if companies:
            groups = self.env["omnia.feedback"].read_group(
                [("partner_id", "in", companies.ids)],
                ["partner_id", "polarity", "state"],
                ["partner_id", "polarity", "state"],
                lazy=False,
            )
            for group in groups:
                key = group["partner_id"][0]
                # False: feedback by e-mail not yet classified
                counts.setdefault(key, {"positive": 0, "negative": 0, False: 0, "open": 0})
                counts[key][group["polarity"]] += group["__count"]
                if group["state"] != "done":
                    counts[key]["open"] += group["__count"]
        for partner in self:
            values = counts.get(partner.commercial_partner_id.id, {})
            partner.feedback_positive_count = values.get("positive", 0)
            partner.feedback_negative_count = values.get("negative", 0)
            partner.feedback_open_count = values.get("open", 0)

    def _compute_glance_counts(self):
        # Set-based: one read_group of the offers (and one read of their
        # contacts' companies), one search of the projects (and one read of
        # their companies) and one read_group of the steering group meetings
        # for all partners at once, as the user reading them sees them.
        companies = self.mapped("commercial_partner_id")
        offers = {}
        projects = {}
        meetings = {}
        if companies:
            groups = self.env["crm.lead"].read_group(
                self._omnia_offer_domain(companies.ids), ["partner_id"], ["partner_id"])
            contacts = self.browse([group["partner_id"][0] for group in groups])
            for group, contact in zip(groups, contacts):
                company_id = contact.commercial_partner_id.id
                offers[company_id] = offers.get(company_id, 0) + group["partner_id_count"]
            for project in self.env["omnia.project"].search(
                    [("partner_ids", "in", companies.ids)]):
                for company in project.partner_ids & companies:
                    projects[company.id] = projects.get(company.id, 0) + 1
            groups = self.env["omnia.feedback.meeting"].read_group(
                [("partner_id", "in", companies.ids), ("type", "=", MEETING_STEERING_GROUP)],
                ["partner_id"], ["partner_id"])
            meetings = {group["partner_id"][0]: group["partner_id_count"]
                        for group in groups}
        for partner in self:
            company_id = partner.commercial_partner_id.id
            partner.omnia_offer_count = offers.get(company_id, 0)
            partner.omnia_project_count = projects.get(company_id, 0)
            partner.steering_group_count = meetings.get(company_id, 0)

    def _compute_duplicate_ids(self):
        # Empty but in the form of a new company, whose onchange fills it
        # in (_onchange_duplicate_ids): a saved company is merged or left as
        # it is.
        for partner in self:
            partner.duplicate_ids = False

    @api.onchange("name", "business_id", "is_company")
    def _onchange_duplicate_ids(self):
        """The possible duplicates of a company being created: active
        companies with its business ID or its name (company_name_key). In
        the form's onchange a saved company is a new record too, whose
        _origin is the saved one: it gets none. One search for all the
        records."""
        new_companies = self.browse()
        if not getattr(self, "_origin", None):
            new_companies = self.filtered(
                lambda partner: partner.is_company and not partner.id)
        keys = {}
        domains = []
        for partner in new_companies:
            business_id = normalise_business_id(partner.business_id)
            name_key = company_name_key(partner.name)
            keys[partner] = (business_id, name_key)
            if business_id:
                domains.append([("business_id", "=", business_id)])
            if name_key:
                pattern = name_key.replace("\\", "\\\\").replace(
                    "%", "\\%").replace("_", "\\_")
                domains += [[("name", "=ilike", pattern)],
                            [("name", "=ilike", pattern + " %")],
                            [("name", "=ilike", "% " + pattern)],
                            [("name", "=ilike", "% " + pattern + " %")]]
        candidates = self.browse()
        if domains:
            candidates = self.search(expression.AND([
                [("is_company", "=", True)], expression.OR(domains)]))
        for partner in self:
            business_id, name_key = keys.get(partner, (False, False))
            partner.duplicate_ids = candidates.filtered(
                lambda other, business_id=business_id, name_key=name_key: (
                    business_id and other.business_id == business_id
                    or name_key and company_name_key(other.name) == name_key)
            )[:DUPLICATE_LIMIT]

    @api.onchange("account_manager_id")
    def _onchange_account_manager_id(self):
        self.user_id = self.account_manager_id

    @api.onchange("user_id")
    def _onchange_user_id(self):
        self.account_manager_id = self.user_id

    @api.constrains("employee_count", "training_potential")
    def _check_rule_inputs(self):
        for partner in self:
            if partner.employee_count < 0:
                raise ValidationError(_("Employees: must not be negative."))
            if partner.training_potential < 0:
                raise ValidationError(_("Training Potential: must not be negative."))

    @api.constrains("business_id", "is_company", "active")
    def _check_business_id(self):
        for partner in self.filtered("business_id"):
            error = business_id_error(partner.business_id)
            if error == "format":
                raise ValidationError(_(
                    "Business ID: %s is not valid: a business ID is seven digits, "
                    "a hyphen and a check digit, such as 1234567-8."
                ) % partner.business_id)
            if error == "check_digit":
                raise ValidationError(_(
                    "Business ID: %s is not valid: the check digit does not "
                    "match the digits."
                ) % partner.business_id)
        companies = self.filtered(
            lambda partner: partner.business_id and partner.is_company and partner.active)
        if not companies:
            return
        others = self.with_context(active_test=True).search([
            ("business_id", "in", companies.mapped("business_id")),
            ("is_company", "=", True),
        ])
        for partner in companies:
            clash = others.filtered(
                lambda other, partner=partner: other.business_id == partner.business_id
                and other != partner)[:1]
            if clash:
                raise ValidationError(_(
                    "Business ID: %(business_id)s is already the business ID of "
                    "%(company)s."
                ) % {"business_id": partner.business_id, "company": clash.display_name})

    @api.model
    def _normalise_business_id_vals(self, vals):
        """Return ``vals`` with the business ID in its stored form."""
        if vals.get("business_id"):
            return dict(vals, business_id=normalise_business_id(vals["business_id"]))
        return vals

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        # Typing a business ID (in any form the field accepts) finds its
        # company first: one search on the indexed column.
        result = super().name_search(name=name, args=args, operator=operator, limit=limit)
        business_id = normalise_business_id(name) if operator in (
            "ilike", "like", "=", "=ilike", "=like") else False
        if not business_id or not BUSINESS_ID_PATTERN.match(business_id):
            return result
        found_ids = {row[0] for row in result}
        companies = self.search(
            expression.AND([args or [], [("business_id", "=", business_id)]]),
            limit=limit)
        extra = [pair for pair in companies.name_get() if pair[0] not in found_ids]
        result = extra + result
        return result[:limit] if limit else result

    @api.model
    def _commercial_fields(self):
        # Contacts follow their company's account manager, segment class and
        # the inputs of its segment rules.
        return super()._commercial_fields() + [
            "user_id", "segment_id", "employee_count", "training_potential",
        ]

    @api.model_cr
    def init(self):
        # Raw SQL: partners that existed before the addon get their account
        # manager from their salesperson in one statement.
        self.env.cr.execute("""
            UPDATE res_partner SET account_manager_id = user_id
             WHERE account_manager_id IS DISTINCT FROM user_id
        """)
        self._create_trigram_indexes()

    @api.model
    def _create_trigram_indexes(self):
        """A trigram index on each column searched by ``ilike '%text%'``
        (TRIGRAM_COLUMNS): without one, each such search reads every partner.
        Raw SQL: the ORM creates no extension or GIN index. ``pg_trgm`` is a
        trusted extension (PostgreSQL 13 and later): the owner of the database
        may create it; when the database user may not, the searches work as
        before, without the index, and a warning says what to run."""
        cr = self.env.cr
        cr.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if not cr.fetchone():
            try:
                with cr.savepoint():
                    cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            except psycopg2.Error as exc:
                _logger.warning(
                    "The customer searches by name, email and reference read every "
                    "partner: the extension pg_trgm could not be created (%s). A "
                    "database superuser can run CREATE EXTENSION pg_trgm in this "
                    "database; the indexes are made at the next update of "
                    "omnia_customer.", str(exc).strip())
                return
        for column in TRIGRAM_COLUMNS:
            # Identifiers from the constant above, not from input.
            cr.execute("CREATE INDEX IF NOT EXISTS %s ON res_partner USING gin (%s gin_trgm_ops)",
                       (AsIs(trigram_index(column)), AsIs(column)))

    @api.model
    def _sync_account_manager_vals(self, vals):
        """Return ``vals`` with the account manager and the salesperson equal;
        the account manager wins when both are given."""
        if "account_manager_id" in vals:
            return dict(vals, user_id=vals["account_manager_id"])
        if "user_id" in vals:
            return dict(vals, account_manager_id=vals["user_id"])
        return vals

    @api.model
    def create(self, vals):
        check_links(self, vals, LINK_FIELDS)
        vals = self._sync_account_manager_vals(vals)
        vals = self._normalise_business_id_vals(vals)
        if vals.get("segment_id") and "segment_date" not in vals:
            vals = dict(vals, segment_date=omnia_today(self))
        records = self
        tracked = self._tracked_field_names()
        if not (tracked & set(vals) or "child_ids" in vals or any(
                "default_" + name in self.env.context for name in tracked)):
            # Odoo 11 reads every tracked field of a new record to log the
            # ones set, and only this addon tracks partner fields: a create
            # setting none of them has nothing to log.
            records = self.with_context(mail_notrack=True)
        partner = super(ResPartner, records).create(vals)
        partner._refresh_won_figures()
        if vals.get("segment_id"):
            self.env["omnia.care.activity"]._sync_partners(partner)
        return partner.with_env(self.env)

    @api.multi
    def write(self, vals):
        check_links(self, vals, LINK_FIELDS)
        vals = self._sync_account_manager_vals(vals)
        vals = self._normalise_business_id_vals(vals)
        previous_managers = {}
        if "user_id" in vals:
            previous_managers = {
                partner.id: partner.user_id
                for partner in self
                if partner.commercial_partner_id == partner
                and partner.user_id.id != vals["user_id"]
            }
        refresh = {"employee_count", "training_potential", "segment_id", "parent_id",
                   "is_company"} & set(vals)
        segment_changed = self.browse()
        if "segment_id" in vals and "segment_date" not in vals:
            segment_changed = self.filtered(
                lambda partner: partner.segment_id.id != (vals["segment_id"] or False))
            if segment_changed == self:
                vals = dict(vals, segment_date=vals["segment_id"] and omnia_today(self))
        care = CARE_FIELDS & set(vals)
        # A contact moving to another company leaves its figures behind.
        previous_commercial = self.mapped("commercial_partner_id") if refresh else self.browse()
        records = self
        if not set(vals) & self._tracked_field_names():
            # Odoo 11 reads every tracked field of the records before any
            # write, and only this addon tracks partner fields: a write of
            # none of them has nothing to track, so skip that read.
            records = self.with_context(mail_notrack=True)
        result = super(ResPartner, records).write(vals)
        if segment_changed and "segment_date" not in vals:
            # Only some of the partners change class: only they start anew.
            super(ResPartner, segment_changed.with_context(mail_notrack=True)).write(
                {"segment_date": vals["segment_id"] and omnia_today(self)})
        if previous_managers:
            self.browse(list(previous_managers))._move_open_work(previous_managers)
        if refresh:
            (self | previous_commercial)._refresh_won_figures()
        if "segment_id" in vals:
            self.env["crm.lead"]._sync_segment_from_partners(self.ids)
        if care:
            self.env["omnia.care.activity"]._sync_partners(self | previous_commercial)
        return result

    @api.model
    def _tracked_field_names(self):
        return {name for name, field in self._fields.items()
                if getattr(field, "track_visibility", False)}

    @api.multi
    def action_create_care_plan(self):
        """Open a new care plan for this customer, filled in from it."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Care Plan"),
            "res_model": "omnia.care.plan",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_partner_id": self.commercial_partner_id.id,
            },
        }

    @api.multi
    def action_view_omnia_offers(self):
        """The offers (opportunities) of the company and its contacts."""
        self.ensure_one()
        action = self.env.ref("crm.crm_lead_opportunities").read()[0]
        action["domain"] = self._omnia_offer_domain(self.commercial_partner_id.ids)
        action["context"] = {"default_partner_id": self.commercial_partner_id.id,
                             "default_type": "opportunity"}
        action["view_mode"] = "tree,form,kanban"
        action["views"] = [(False, "tree"), (False, "form"), (False, "kanban")]
        return action

    @api.model
    def _omnia_offer_domain(self, company_ids):
        return [("partner_id.commercial_partner_id", "in", company_ids),
                ("type", "=", "opportunity")]

    @api.multi
    def action_view_omnia_projects(self):
        self.ensure_one()
        company = self.commercial_partner_id
        action = self.env.ref("omnia_customer.omnia_project_action").read()[0]
        action["domain"] = [("partner_ids", "in", company.ids)]
        action["context"] = {"default_partner_ids": [(6, 0, company.ids)]}
        return action

    @api.multi
    def action_view_steering_groups(self):
        self.ensure_one()
        company = self.commercial_partner_id
        action = self.env.ref("omnia_customer.omnia_feedback_meeting_action").read()[0]
        action["domain"] = [("partner_id", "=", company.id),
                            ("type", "=", MEETING_STEERING_GROUP)]
        action["context"] = {"default_partner_id": company.id,
                             "default_type": MEETING_STEERING_GROUP}
        return action

    @api.multi
    def action_record_review(self):
        """Record a review of the customer's current care plan."""
        self.ensure_one()
        return self.commercial_partner_id.current_care_plan_id.action_record_review()

    @api.multi
    def action_view_care_plans(self):
        self.ensure_one()
        action = self.env.ref("omnia_customer.omnia_care_plan_action").read()[0]
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action

    @api.multi
    def action_view_omnia_feedback(self):
        self.ensure_one()
        company = self.commercial_partner_id
        action = self.env.ref("omnia_customer.omnia_feedback_action").read()[0]
        action["domain"] = [("partner_id", "=", company.id)]
        action["context"] = {"default_partner_id": company.id}
        return action

    @api.multi
    def action_record_omnia_feedback(self):
        """Open a new feedback form for this customer (or contact)."""
        self.ensure_one()
        company = self.commercial_partner_id
        return self.env["omnia.feedback"]._action_record({
            "default_partner_id": company.id,
            "default_contact_id": self.id if self != company else False,
            "default_industry_id": company.industry_ids[:1].id,
        })

    @api.multi
    def action_send_omnia_feedback_survey(self):
        self.ensure_one()
        return self.env["survey.survey"]._action_send_customer_feedback(
            self.commercial_partner_id)

    @api.multi
    def _move_open_work(self, previous_managers):
        """Move the open leads and open care plans of these customer
        companies to their new account manager and note it in the chatter.

        :param dict previous_managers: partner id -> the previous account
            manager (res.users)
        """
        # sudo: the customer's open work follows its account manager, a change
        # the user was allowed to make, even where others own parts of it.
        leads = self.env["crm.lead"].sudo().search([
            ("partner_id", "child_of", self.ids),
            ("probability", "<", 100),
        ])
        plans = self.env["omnia.care.plan"].sudo().search([
            ("partner_id", "in", self.ids),
            ("state", "in", OPEN_CARE_PLAN_STATES),
        ])
        for partner in self:
            new_manager = partner.user_id
            partner_leads = leads.filtered(
                lambda lead: lead.partner_id.commercial_partner_id.id == partner.id)
            partner_plans = plans.filtered(lambda plan: plan.partner_id.id == partner.id)
            if partner_leads:
                partner_leads.write({"user_id": new_manager.id})
            if partner_plans:
                partner_plans.write({"account_manager_id": new_manager.id})
            partner.message_post(body=_(
                "Account manager changed from %(old)s to %(new)s: %(leads)d open "
                "leads and %(plans)d open care plans moved to the new account "
                "manager."
            ) % {
                "old": previous_managers[partner.id].name or _("nobody"),
                "new": new_manager.name or _("nobody"),
                "leads": len(partner_leads),
                "plans": len(partner_plans),
            })

    @api.model
    def _won_window(self, now=None):
        """The first and last moments of the 365-day window ending at
        ``now`` (datetime or string; default: now), as strings."""
        if not now:
            now = fields.Datetime.now()
        if isinstance(now, str):
            now = fields.Datetime.from_string(now)
        return (fields.Datetime.to_string(now - timedelta(days=WON_WINDOW_DAYS)),
                fields.Datetime.to_string(now))

    @api.multi
    def _refresh_won_figures(self, now=None):
        """Recompute the 12-month won figures, the suggested segment class and
        the mismatch flag of these partners' commercial entities and all their
        contacts.

        Set-based: one aggregate ``UPDATE`` per batch of
        ``REFRESH_BATCH_SIZE`` partners, whatever the number of companies or
        opportunities. Called when an opportunity is won, lost or changed,
        when a rule input or a segment class changes, and nightly.

        :param now: datetime string or object the 365-day window ends at
            (default: now)
        """
        if not self:
            return
        date_from, date_to = self._won_window(now)
        for batch in split_every(REFRESH_BATCH_SIZE, self.ids):
            # Raw SQL: one aggregate statement instead of one write per partner.
            self.env.cr.execute(REFRESH_SQL_IDS, {
                "ids": tuple(batch), "date_from": date_from, "date_to": date_to})
        self.invalidate_cache(fnames=REFRESHED_FIELDS)

    @api.model
    def _refresh_all_won_figures(self, now=None):
        """Refresh the figures and suggestions of every commercial partner, in
        batches of ``REFRESH_BATCH_SIZE`` consecutive ids (one aggregate
        ``UPDATE`` each); a batch that fails is retried one partner at a time
        so that one bad record does not stop the others. Idempotent. A
        conflict with a concurrent transaction (another run at the same time)
        is no bad record: it stops the run, which Odoo then retries as a
        whole or rolls back.

        :param now: as for :meth:`_refresh_won_figures`
        :return: ids of the partners whose refresh failed
        """
        date_from = self._won_window(now)[0]
        # Raw SQL: the ids of all commercial entities, which no domain expresses.
        self.env.cr.execute(
            "SELECT id FROM res_partner WHERE id = commercial_partner_id ORDER BY id")
        commercial_ids = [row[0] for row in self.env.cr.fetchall()]
        failed = []
        for batch in split_every(REFRESH_BATCH_SIZE, commercial_ids):
            failed += run_or_retry_each(
                self.env.cr, batch,
                lambda batch=batch: self._refresh_won_figures_range(
                    batch[0], batch[-1], date_from),
                lambda partner_id: self.browse(partner_id)._refresh_won_figures(now=now),
                _logger, "Refreshing the 12-month figures")
        self.invalidate_cache(fnames=REFRESHED_FIELDS)
        return failed

    @api.model
    def _refresh_won_figures_range(self, first_id, last_id, date_from):
        """Refresh the commercial partners whose ids lie between ``first_id``
        and ``last_id`` in one statement (see :meth:`_refresh_all_won_figures`),
        for the window of WON_WINDOW_DAYS starting at ``date_from``.
        """
        date_to = fields.Datetime.to_string(
            fields.Datetime.from_string(date_from) + timedelta(days=WON_WINDOW_DAYS))
        # Raw SQL: one aggregate statement for the whole range.
        self.env.cr.execute(REFRESH_SQL_RANGE, {
            "first": first_id, "last": last_id, "date_from": date_from,
            "date_to": date_to})

    @api.model
    def _apply_suggested_segments(self):
        """Set the suggested segment class on every customer company whose
        class differs from it (tracked in the chatter). A customer that cannot
        be updated is logged and skipped; a conflict with a concurrent
        transaction stops the run (see :meth:`_refresh_all_won_figures`).

        :return: ids of the partners that could not be updated
        """
        partners = self.with_context(active_test=False).search([
            ("segment_mismatch", "=", True),
            ("suggested_segment_id", "!=", False),
            ("is_company", "=", True),
        ])
        failed = []
        for segment in partners.mapped("suggested_segment_id"):
            group = partners.filtered(lambda p, segment=segment: p.suggested_segment_id == segment)
            failed += run_or_retry_each(
                self.env.cr, group,
                lambda group=group, segment=segment: group.write({"segment_id": segment.id}),
                lambda partner, segment=segment: partner.write({"segment_id": segment.id}),
                _logger, "Applying segment class %s" % segment.code)
        failed = [partner.id for partner in failed]
        return failed

    @api.model
    def _cron_refresh_segments(self, now=None):
        """Nightly: move the 365-day window of every customer's figures,
        refresh the suggested segment classes and, when Settings say so,
        apply them."""
        failed = self._refresh_all_won_figures(now=now)
        # sudo: the nightly job reads a system parameter of the Settings.
        if self.env["ir.config_parameter"].sudo().get_param(
                "omnia_customer.segment_auto_apply"):
            failed += self._apply_suggested_segments()
        return failed

    @api.multi
    def _compute_meeting_figures(self):
        companies = self.mapped("commercial_partner_id")
        figures = self.env["omnia.event.occurrence"]._customer_figures(
            companies.ids) if companies.ids else {}
        today = fields.Date.from_string(fields.Date.context_today(self))
        for partner in self:
            company = partner.commercial_partner_id
            last, next_, count, hours, last_date = figures.get(
                company.id, (False, False, 0, 0.0, False))
            due = False
            start = last_date or company.segment_date
            if start and company.segment_id:
                due = (fields.Date.from_string(start)
                       + timedelta(days=company.segment_id.meeting_interval_days))
            partner.last_meeting_date = last
            partner.next_meeting_date = next_
            partner.next_meeting_due = due and fields.Date.to_string(due)
            partner.meeting_overdue = bool(due) and due < today
            partner.omnia_event_count = count
            partner.hours_this_year = hours

    @api.model
    def _search_meeting_overdue(self, operator, value):
        if operator not in ("=", "!="):
            raise ValueError(_("Meeting Overdue: only = and != can be searched."))
        overdue_ids = self.env["omnia.event.occurrence"]._companies_meeting_overdue()
        positive = (operator == "=") == bool(value)
        return [("commercial_partner_id", "in" if positive else "not in", overdue_ids)]

    @api.multi
    def action_view_omnia_events(self):
        """The calendar work recorded for the customer company."""
        self.ensure_one()
        company = self.commercial_partner_id
        action = self.env.ref("omnia_customer.calendar_event_action_customer").read()[0]
        action["domain"] = [("omnia_partner_id", "=", company.id)]
        action["context"] = self._omnia_meeting_defaults()
        return action

    @api.multi
    def schedule_meeting(self):
        action = super().schedule_meeting()
        context = dict(action.get("context") or {}, **self._omnia_meeting_defaults())
        if self[:1].commercial_partner_id.is_company:
            # crm lists the events the partner attends; a customer company is
            # no attendee of its own meetings: list those for the customer.
            context.pop("search_default_partner_ids", None)
            context["search_default_omnia_partner_id"] = self[:1].commercial_partner_id.id
        action["context"] = context
        return action

    @api.multi
    def action_log_visit(self):
        """A new customer meeting with this customer, filled in by
        :meth:`_omnia_meeting_defaults`."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Log Visit"),
            "res_model": "calendar.event",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": self._omnia_meeting_defaults(),
        }

    @api.multi
    def _omnia_meeting_defaults(self):
        """Context that pre-fills a new event for this customer company: the
        customer, a customer-meeting work type, its account manager as the
        organiser and attendee (with the contact person when started from
        one, never the company itself), and a one-hour meeting from the next
        full hour (calendar.event's default_get)."""
        partner = self[:1]
        company = partner.commercial_partner_id
        if not company.is_company:
            return {}
        organiser = company.account_manager_id or self.env.user
        attendees = organiser.partner_id | (partner if partner != company else partner.browse())
        return {
            "default_omnia_partner_id": company.id,
            "default_work_type_id": self.env["calendar.event"]._omnia_customer_meeting_type().id,
            "default_user_id": organiser.id,
            "default_partner_ids": attendees.ids,
            "omnia_customer_meeting": True,
        }
