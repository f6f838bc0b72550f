# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .access import workflow

STATE_DRAFT = "draft"
STATE_ACTIVE = "active"
STATE_CLOSED = "closed"
STATES = [
    (STATE_DRAFT, "Draft"),
    (STATE_ACTIVE, "Active"),
    (STATE_CLOSED, "Closed"),
]
# Plan fields whose change changes the care model's activities
# (omnia.care.activity).
CARE_FIELDS = {"state", "partner_id", "account_manager_id", "segment_id",
               "activation_date", "year"}
# An active plan is due for review this many days before its review date.
REVIEW_DUE_DAYS = 30


class OmniaCarePlan(models.Model):
    """The care plan of a customer company (asiakkuuden hoitosuunnitelma):
    goals, mapped needs and actions for a year, reviewed at the cadence of the
    customer's segment class; plans of key accounts are reviewed in management
    meetings."""

    _name = "omnia.care.plan"
    _description = "Care Plan"
    _inherit = ["omnia.model.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "year desc, id desc"
    # Changed by the plan's buttons only; a plan is put only under a
    # customer the user may change, and the rules (by account manager) hold
    # after a change (omnia.model.mixin).
    _workflow_fields = ("state", "activation_date")
    _link_fields = ("partner_id",)
    _rule_fields = ("partner_id", "account_manager_id")
    # Anyone in the team who reads the plan may log notes on it; a moved
    # plan's tracking is posted by the user who gave it away.
    _mail_post_access = "read"

    # Description
    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("is_company", "=", True)],
        track_visibility="onchange",
    )
    account_manager_id = fields.Many2one(
        comodel_name="res.users",
        index=True,
        track_visibility="onchange",
        help="Filled in from the customer; follows the customer when its "
             "account manager changes.",
    )
    segment_id = fields.Many2one(
        comodel_name="omnia.segment",
        string="Segment Class",
        index=True,
        ondelete="restrict",
        help="The customer's segment class when the plan was made; it sets "
             "the review interval.",
    )
    is_key_account = fields.Boolean(
        related="segment_id.is_key_account",
        store=True,
        readonly=True,
    )
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.from_string(
            fields.Date.context_today(self)).year,
    )
    state = fields.Selection(
        selection=STATES,
        string="Status",
        required=True,
        default=STATE_DRAFT,
        index=True,
        copy=False,
        track_visibility="onchange",
    )
    goals = fields.Html()
    customer_needs = fields.Html()
    action_ids = fields.One2many(
        comodel_name="omnia.care.plan.action",
        inverse_name="plan_id",
        string="Actions",
        copy=True,
    )
    # Reviews
    review_ids = fields.One2many(
        comodel_name="omnia.care.plan.review",
        inverse_name="plan_id",
        string="Reviews",
    )
    activation_date = fields.Date(readonly=True, copy=False)
    last_review_date = fields.Date(
        compute="_compute_last_review_date",
        store=True,
    )
    next_review_date = fields.Date(
        compute="_compute_next_review_date",
        store=True,
        index=True,
        help="The last review, or the activation of the plan, plus the review "
             "interval of the segment class.",
    )
    review_due = fields.Boolean(
        string="Due for Review",
        compute="_compute_review_state",
        search="_search_review_due",
        help="Active plan whose review date is within %d days or past."
             % REVIEW_DUE_DAYS,
    )
    review_overdue = fields.Boolean(
        compute="_compute_review_state",
        search="_search_review_overdue",
    )

    _sql_constraints = [
        # The one active plan per customer holds under concurrent saves too,
        # checked at commit (the Python check below gives its message first
        # in the usual case).
        ("one_active_plan",
         "EXCLUDE USING btree (partner_id WITH =) WHERE (state = 'active') "
         "DEFERRABLE INITIALLY DEFERRED",
         "Status: the customer already has an active care plan; close it "
         "before activating another one."),
    ]

    @api.depends("partner_id.name", "year")
    def _compute_name(self):
        for plan in self:
            plan.name = "%s %s" % (plan.partner_id.name or "", plan.year or "")

    @api.depends("review_ids.date", "review_ids.meeting_id.state")
    def _compute_last_review_date(self):
        # A review in a management meeting not yet handled does not count.
        for plan in self:
            dates = plan.review_ids.filtered(lambda review: not review.is_pending).mapped("date")
            plan.last_review_date = max(dates) if dates else False

    @api.depends("state", "activation_date", "last_review_date",
                 "segment_id.review_interval_days")
    def _compute_next_review_date(self):
        default_interval = self.env["omnia.segment"]._default_review_interval_days()
        for plan in self:
            start = plan.last_review_date or plan.activation_date
            if plan.state != STATE_ACTIVE or not start:
                plan.next_review_date = False
                continue
            interval = plan.segment_id.review_interval_days or default_interval
            plan.next_review_date = fields.Date.to_string(
                fields.Date.from_string(start) + timedelta(days=interval))

    def _compute_review_state(self):
        today = fields.Date.context_today(self)
        due_limit = self._review_due_limit()
        for plan in self:
            active = plan.state == STATE_ACTIVE and plan.next_review_date
            plan.review_due = bool(active and plan.next_review_date <= due_limit)
            plan.review_overdue = bool(active and plan.next_review_date < today)

    @api.model
    def _review_due_limit(self):
        today = fields.Date.from_string(fields.Date.context_today(self))
        return fields.Date.to_string(today + timedelta(days=REVIEW_DUE_DAYS))

    @api.model
    def _review_search_domain(self, operator, value, date_operator, date):
        domain = ["&", ("state", "=", STATE_ACTIVE), ("next_review_date", date_operator, date)]
        if (operator == "=") == bool(value):
            return domain
        return ["!"] + domain

    @api.model
    def _search_review_due(self, operator, value):
        return self._review_search_domain(operator, value, "<=", self._review_due_limit())

    @api.model
    def _search_review_overdue(self, operator, value):
        return self._review_search_domain(
            operator, value, "<", fields.Date.context_today(self))

    @api.constrains("year")
    def _check_year(self):
        for plan in self:
            if not 2000 <= plan.year <= 2100:
                raise ValidationError(_("Year: must be between 2000 and 2100."))

    @api.constrains("state", "partner_id")
    def _check_one_active_plan(self):
        active_plans = self.filtered(lambda plan: plan.state == STATE_ACTIVE)
        if not active_plans:
            return
        groups = self.read_group(
            [("state", "=", STATE_ACTIVE),
             ("partner_id", "in", active_plans.mapped("partner_id").ids)],
            ["partner_id"], ["partner_id"])
        for group in groups:
            if group["partner_id_count"] > 1:
                raise ValidationError(
                    _("Status: %s already has an active care plan; close it "
                      "before activating another one.") % group["partner_id"][1])

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id:
            self.account_manager_id = self.partner_id.commercial_partner_id.user_id
            self.segment_id = self.partner_id.commercial_partner_id.segment_id

    @api.model
    def create(self, vals):
        vals = self._with_customer_values(vals)
        if vals.get("state") == STATE_ACTIVE:
            vals.setdefault("activation_date", fields.Date.context_today(self))
        plan = super().create(vals)
        self.env["omnia.care.activity"]._sync(plan.partner_id.ids)
        return plan

    @api.multi
    def write(self, vals):
        previous_partner_ids = self.mapped("partner_id").ids if "partner_id" in vals else []
        result = super().write(self._with_customer_values(vals))
        if CARE_FIELDS & set(vals):
            self._sync_care_activities(previous_partner_ids)
        return result

    @api.multi
    def unlink(self):
        partner_ids = self.mapped("partner_id").ids
        result = super().unlink()
        self.env["omnia.care.activity"]._sync(partner_ids)
        return result

    @api.multi
    def _sync_care_activities(self, partner_ids=()):
        """Sync the care model's activities of these plans' customers (and
        of ``partner_ids``)."""
        self.env["omnia.care.activity"]._sync(
            set(self.mapped("partner_id").ids) | set(partner_ids))

    @api.model
    def _with_customer_values(self, vals):
        """``vals`` with the customer's company, and its account manager:
        a plan's account manager is always its customer's (the record rules
        go by it), whatever a client sends."""
        if not vals.get("partner_id"):
            return vals
        partner = self.env["res.partner"].browse(vals["partner_id"]).commercial_partner_id
        vals = dict(vals, partner_id=partner.id, account_manager_id=partner.user_id.id)
        vals.setdefault("segment_id", partner.segment_id.id)
        return vals

    @api.multi
    def action_activate(self):
        if any(plan.state != STATE_DRAFT for plan in self):
            raise UserError(_("Only draft care plans can be activated."))
        with workflow(self.env):
            self.write({
                "state": STATE_ACTIVE,
                "activation_date": fields.Date.context_today(self),
            })
        return True

    @api.multi
    def action_close(self):
        if any(plan.state != STATE_ACTIVE for plan in self):
            raise UserError(_("Only active care plans can be closed."))
        with workflow(self.env):
            self.write({"state": STATE_CLOSED})
        return True

    @api.multi
    def action_reset_to_draft(self):
        with workflow(self.env):
            self.write({"state": STATE_DRAFT, "activation_date": False})
        return True

    @api.multi
    def action_record_review(self):
        """Open a new review of this plan in a dialog."""
        plan = self[:1]
        if not plan:
            raise UserError(_("The customer has no care plan to review yet."))
        return {
            "type": "ir.actions.act_window",
            "name": _("Record Review"),
            "res_model": "omnia.care.plan.review",
            "view_mode": "form",
            "views": [(self.env.ref(
                "omnia_customer.omnia_care_plan_review_view_form_dialog").id, "form")],
            "target": "new",
            "context": {"default_plan_id": plan.id},
        }
