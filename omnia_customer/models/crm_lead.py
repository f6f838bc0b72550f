# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import float_compare
from odoo.tools.safe_eval import safe_eval

from .access import GROUP_MANAGEMENT, GROUP_TEAM_LEAD, check_workflow_fields, \
    is_management, is_superuser, workflow
from .omnia_project import OPEN_PROJECT_DOMAIN

OFFER_TYPE_STAFF_TRAINING = "staff_training"
OFFER_TYPE_APPRENTICESHIP = "apprenticeship"
OFFER_TYPE_LABOUR_POLICY = "labour_policy"
OFFER_TYPE_OTHER = "other"
OFFER_TYPES = [
    (OFFER_TYPE_STAFF_TRAINING, "Staff Training"),
    (OFFER_TYPE_APPRENTICESHIP, "Apprenticeship Training"),
    (OFFER_TYPE_LABOUR_POLICY, "Labour-Policy Training"),
    (OFFER_TYPE_OTHER, "Other"),
]
# Only management sets these (the director's approval of the pricing).
PRICE_APPROVAL_FIELDS = ("price_approved_by_id", "price_approval_date")
# Set by the system when an account manager takes the lead over (the
# scorecard counts handed-over leads) and until he first changes it.
SYSTEM_FIELDS = ("handover_date", "omnia_handover_unopened")
# An approval holds for the price it approved: changing one of these clears it.
PRICE_FIELDS = ("planned_revenue",)
# Lead fields whose change can change a customer's 12-month won figures.
WON_FIGURE_FIELDS = {
    "partner_id", "probability", "stage_id", "active", "type",
    "planned_revenue", "date_closed",
}


class CrmLead(models.Model):
    _inherit = "crm.lead"

    # Opening and handover
    opened_by_id = fields.Many2one(
        comodel_name="res.users",
        default=lambda self: self.env.user,
        index=True,
        track_visibility="onchange",
        help="Who made the opening and recorded the lead, e.g. the customer "
             "manager or the sales and marketing manager.",
    )
    handover_date = fields.Date(
        readonly=True,
        copy=False,
        help="When an account manager other than the opener took the lead over.",
    )
    to_hand_over = fields.Boolean(
        compute="_compute_to_hand_over",
        store=True,
        help="Opened by the team lead or by someone outside the account "
             "managers, and not yet taken over by an account manager.",
    )
    omnia_handover_unopened = fields.Boolean(
        string="Handed Over, Not Opened",
        readonly=True,
        copy=False,
        index=True,
        help="Someone else made an account manager its salesperson, and he "
             "has not changed it since (nor converted, won or lost it).",
    )
    # Offer
    offer_type = fields.Selection(
        selection=OFFER_TYPES,
        index=True,
        track_visibility="onchange",
    )
    funding_source_id = fields.Many2one(
        comodel_name="omnia.funding.source",
        index=True,
        ondelete="restrict",
    )
    industry_id = fields.Many2one(
        comodel_name="omnia.industry",
        index=True,
        ondelete="restrict",
    )
    industry_manager_id = fields.Many2one(
        comodel_name="res.users",
        help="Plans the content of the offer with the account manager.",
    )
    responsible_trainer_wish_id = fields.Many2one(
        comodel_name="res.partner",
        string="Wished Responsible Trainer",
        help="The responsible trainer the account manager wishes for the training.",
    )
    # The customer's segment class, stored for reports and group-bys. Kept
    # in step by create/write here and by res.partner's write (not a stored
    # related field: its recomputation would write the leads with the rights
    # of whoever changes a customer).
    segment_id = fields.Many2one(
        comodel_name="omnia.segment",
        string="Segment Class",
        readonly=True,
        index=True,
    )
    # Pricing approval
    price_approved_by_id = fields.Many2one(
        comodel_name="res.users",
        readonly=True,
        copy=False,
        track_visibility="onchange",
    )
    price_approval_date = fields.Date(
        readonly=True,
        copy=False,
    )

    # Project section
    project_id = fields.Many2one(
        comodel_name="omnia.project",
        index=True,
        ondelete="set null",
        domain=OPEN_PROJECT_DOMAIN,
        help="The development project this is for; open projects only.",
    )

    @api.depends("handover_date", "opened_by_id")
    def _compute_to_hand_over(self):
        for lead in self:
            opener = lead.opened_by_id
            lead.to_hand_over = bool(opener) and not lead.handover_date and (
                opener.has_group("omnia_customer.group_team_lead")
                or not opener.has_group("omnia_customer.group_account_manager"))

    @api.constrains("price_approved_by_id")
    def _check_price_approved_by_id(self):
        for lead in self:
            approver = lead.price_approved_by_id
            if approver and not approver.has_group("omnia_customer.group_management"):
                raise ValidationError(
                    _("Price Approved By: %s is not in management; only "
                      "management approves the pricing of an offer.") % approver.name)

    @api.onchange("partner_id")
    def _onchange_partner_id_account_manager(self):
        account_manager = self.partner_id.commercial_partner_id.user_id
        if account_manager:
            self.user_id = account_manager

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A lead the mail gateway makes of a contact's reply to a campaign
        (the mailing's reply-to being an alias that makes leads) carries the
        campaign, its source and medium, so that the campaign counts it."""
        values = dict(custom_values or {})
        for key, value in self._omnia_campaign_of_reply(msg_dict).items():
            values.setdefault(key, value)
        return super().message_new(msg_dict, custom_values=values)

    @api.model
    def _omnia_campaign_of_reply(self, msg_dict):
        """The UTM values of the campaign mail the author has just replied
        to: mass_mailing marks the mail replied (by the reply's References)
        before the gateway makes the lead; a reply marked within the last
        hour counts, an old one does not."""
        author_id = msg_dict.get("author_id")
        if not author_id:
            return {}
        since = fields.Datetime.to_string(
            fields.Datetime.from_string(fields.Datetime.now()) - timedelta(hours=1))
        statistics = self.env["mail.mail.statistics"].search([
            ("model", "=", "res.partner"), ("res_id", "=", author_id),
            ("replied", ">=", since), ("mass_mailing_id", "!=", False),
        ], order="replied desc, id desc", limit=1)
        if not statistics:
            return {}
        mailing = statistics.mass_mailing_id
        utm = mailing.mass_mailing_campaign_id or mailing
        return {"campaign_id": utm.campaign_id.id, "source_id": utm.source_id.id,
                "medium_id": utm.medium_id.id}

    @api.model
    def create(self, vals):
        check_workflow_fields(self, vals, PRICE_APPROVAL_FIELDS + SYSTEM_FIELDS, creating=True)
        self._check_price_approval_rights(vals)
        if vals.get("partner_id"):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals = dict(vals, segment_id=partner.segment_id.id)
            if "user_id" not in vals and partner.commercial_partner_id.user_id:
                vals["user_id"] = partner.commercial_partner_id.user_id.id
        lead = super().create(vals)
        lead._set_handover_date()
        lead._mark_handed_over()
        if lead.partner_id and lead.type == "opportunity" and lead.probability >= 100:
            lead.partner_id._refresh_won_figures()
        return lead

    @api.multi
    def write(self, vals):
        check_workflow_fields(self, vals, SYSTEM_FIELDS)
        self._check_price_approval_rights(vals)
        if "partner_id" in vals:
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals = dict(vals, segment_id=partner.segment_id.id)
        partners = self.mapped("partner_id") if WON_FIGURE_FIELDS & set(vals) else None
        repriced = self._repriced_after_approval(vals)
        # The salesperson's own change opens a lead handed to him.
        opened = self.filtered(
            lambda lead: lead.omnia_handover_unopened and lead.user_id == self.env.user)
        result = super().write(vals)
        if opened:
            super(CrmLead, opened).write({"omnia_handover_unopened": False})
        if repriced:
            # The approval fields are written here by the addon, whoever
            # changed the price (an account manager may not set them).
            super(CrmLead, repriced).write(dict.fromkeys(PRICE_APPROVAL_FIELDS, False))
        if "user_id" in vals or "opened_by_id" in vals:
            self._set_handover_date()
        if "user_id" in vals:
            self._mark_handed_over()
        if partners is not None:
            (partners | self.mapped("partner_id"))._refresh_won_figures()
        return result

    @api.multi
    def unlink(self):
        partners = self.mapped("partner_id")
        result = super().unlink()
        partners._refresh_won_figures()
        return result

    @api.multi
    def action_approve_price(self):
        """The director approves the pricing of the offer."""
        self.write({
            "price_approved_by_id": self.env.uid,
            "price_approval_date": fields.Date.context_today(self),
        })
        return True

    @api.multi
    def action_withdraw_price_approval(self):
        """Management withdraws the approval of an offer's pricing (the
        tracking of the approver keeps who approved it)."""
        if not is_management(self.env):
            raise AccessError(_(
                "Price Approved By: only management withdraws the approval "
                "of an offer's pricing."))
        with workflow(self.env):
            self.write(dict.fromkeys(PRICE_APPROVAL_FIELDS, False))
        return True

    @api.model
    def action_omnia_offers(self):
        """The offers (Asiakkaat > Tarjoukset) in the opportunity views,
        filtered for the user's role: his own pipeline for an account
        manager, every open offer for the team lead and management."""
        action = self.env.ref("omnia_customer.crm_lead_action_offers").read()[0]
        context = safe_eval(action["context"] or "{}", {"uid": self.env.uid})
        user = self.env.user
        if user.has_group(GROUP_TEAM_LEAD) or user.has_group(GROUP_MANAGEMENT):
            context.pop("search_default_assigned_to_me", None)
            context["search_default_omnia_open"] = 1
        action["context"] = context
        return action

    @api.multi
    def action_record_omnia_feedback(self):
        """Open a new feedback form about this opportunity's customer."""
        self.ensure_one()
        company = self.partner_id.commercial_partner_id
        contact = self.partner_id if self.partner_id != company else False
        return self.env["omnia.feedback"]._action_record({
            "default_partner_id": company.id,
            "default_contact_id": contact and contact.id,
            "default_lead_id": self.id,
        })

    @api.multi
    def action_send_omnia_feedback_survey(self):
        self.ensure_one()
        return self.env["survey.survey"]._action_send_customer_feedback(
            self.partner_id.commercial_partner_id, lead=self)

    @api.multi
    def _repriced_after_approval(self, vals):
        """The approved leads whose price this write changes (unless it
        sets the approval itself)."""
        if not any(name in vals for name in PRICE_FIELDS) \
                or any(name in vals for name in PRICE_APPROVAL_FIELDS):
            return self.browse()
        prices = {}
        for name in PRICE_FIELDS:
            if name in vals:
                try:
                    prices[name] = float(vals[name] or 0.0)
                except (TypeError, ValueError):
                    raise ValidationError(_("%(field)s: %(value)r is not a number.") % {
                        "field": self._fields[name].get_description(self.env)["string"],
                        "value": vals[name]})
        return self.filtered(lambda lead: lead.price_approved_by_id and any(
            float_compare(lead[name] or 0.0, prices[name],
                          precision_rounding=lead.company_currency.rounding or 0.01)
            for name in prices))

    @api.model
    def _check_price_approval_rights(self, vals):
        if not any(name in vals for name in PRICE_APPROVAL_FIELDS):
            return
        if is_management(self.env):
            return
        raise AccessError(_(
            "Price Approved By: only management approves the pricing of an offer."))

    @api.model
    def _omnia_archive_odoo_demo(self):
        """Demo data only (demo/odoo_demo_archive_demo.xml): the demo
        database is the college's. Delete Odoo's own demo leads (an archived
        one would count as lost in the offer report), archive its sales
        teams, calendar events and companies and deactivate its demo users
        (archived, not deleted: other demo records refer to them), so that
        lists, reports and the scorecard show the addon's demo only."""
        if self.env["res.company"]._omnia_keep_odoo_demo():
            return

        def odoo_demo(model):
            data = self.env["ir.model.data"].search([
                ("model", "=", model), ("module", "!=", "omnia_customer")])
            return self.env[model].with_context(active_test=False).browse(
                data.mapped("res_id")).exists()

        # Their activities go with them (mail.activity.mixin).
        odoo_demo("crm.lead").unlink()
        odoo_demo("crm.team").write({"active": False})
        odoo_demo("calendar.event").filtered("active").write({"active": False})
        demo_users = self.env["res.users"]
        for xmlid in ("base.user_demo", "base.demo_user0"):   # Demo User, its portal user
            demo_users |= self.env.ref(xmlid, raise_if_not_found=False) or demo_users
        demo_users.write({"active": False})
        # Keep the partners of the companies and of the other users (the
        # administrator, the public and template users).
        partners = odoo_demo("res.partner")
        partners -= self.env["res.company"].search(
            [("partner_id", "in", partners.ids)]).mapped("partner_id")
        partners.filtered(lambda partner: partner.active and not (
            partner.user_ids - demo_users)).write({"active": False})

    @api.model
    def _sync_segment_from_partners(self, partner_ids):
        """The segment class of these customers changed: their leads follow.
        SQL: derived data, updated whoever changed the customer (an account
        manager may not write other account managers' leads)."""
        if not partner_ids:
            return
        self.env.cr.execute("""
            UPDATE crm_lead l SET segment_id = p.segment_id
            FROM res_partner p
            WHERE l.partner_id = p.id AND p.id IN %s
              AND l.segment_id IS DISTINCT FROM p.segment_id
        """, (tuple(partner_ids),))
        self.invalidate_cache(["segment_id"])

    @api.multi
    def _mark_handed_over(self):
        """Someone made an account manager the salesperson of these leads:
        they wait for him to open them (Minulle luovutetut), unless he made
        himself the salesperson. The superuser (data files, migrations)
        hands nothing over: the data says what was handed over."""
        if is_superuser(self.env):
            return
        handed = self.filtered(
            lambda lead: lead.user_id and lead.user_id != self.env.user
            and lead.user_id.has_group("omnia_customer.group_account_manager"))
        others = (self - handed).filtered("omnia_handover_unopened")
        # The flag is the system's (SYSTEM_FIELDS).
        with workflow(self.env):
            if handed:
                handed.write({"omnia_handover_unopened": True})
            if others:
                others.write({"omnia_handover_unopened": False})

    @api.multi
    def _set_handover_date(self):
        """Date the first time an account manager other than the opener
        becomes the salesperson."""
        leads = self.filtered(
            lambda lead: not lead.handover_date and lead.user_id
            and lead.user_id != lead.opened_by_id
            and lead.user_id.has_group("omnia_customer.group_account_manager"))
        if leads:
            with workflow(self.env):
                leads.write({"handover_date": fields.Date.context_today(self)})
