# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare
from odoo.tools.safe_eval import safe_eval

from .access import GROUP_MANAGEMENT, GROUP_TEAM_LEAD, check_workflow_fields, \
    is_management, is_superuser, workflow
from .mail_composer import composer_action
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
# Settings: whether an offer of the type needs an approved price to be won
# ("1"/"0"; the default when unset).
PARAM_PRICE_APPROVAL_REQUIRED = "omnia_customer.price_approval_required_%s"
PRICE_APPROVAL_REQUIRED_DEFAULTS = {
    OFFER_TYPE_STAFF_TRAINING: True,
    OFFER_TYPE_APPRENTICESHIP: False,
    OFFER_TYPE_LABOUR_POLICY: True,
    OFFER_TYPE_OTHER: False,
}
# Only management sets these (the director's approval of the pricing).
PRICE_APPROVAL_FIELDS = ("price_approved_by_id", "price_approval_date", "approved_price")
# A new price clears who approved it and when; the approved price stays, to
# compare the new total with.
PRICE_APPROVER_FIELDS = ("price_approved_by_id", "price_approval_date")
# The director's decision to run the training: set by its buttons only.
RUN_DECISION_UNDECIDED = "undecided"
RUN_DECISION_RUN = "run"
RUN_DECISION_NOT_RUN = "not_run"
RUN_DECISIONS = [
    (RUN_DECISION_UNDECIDED, "Undecided"),
    (RUN_DECISION_RUN, "Run"),
    (RUN_DECISION_NOT_RUN, "Not Run"),
]
RUN_DECISION_FIELDS = ("run_decision", "run_decided_by_id", "run_decision_date")
# The offer document is in Finnish.
OFFER_DOCUMENT_LANG = "fi_FI"
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
    approved_price = fields.Float(
        digits=(16, 2),
        readonly=True,
        copy=False,
        help="The expected revenue management approved; kept when the price "
             "changes after the approval, to compare the new total with.",
    )
    offer_price_difference = fields.Float(
        string="Difference to Approved Price",
        digits=(16, 2),
        compute="_compute_offer_price_difference",
        help="The expected revenue less the approved price.",
    )
    # Offer document
    offer_line_ids = fields.One2many(
        comodel_name="omnia.offer.line",
        inverse_name="lead_id",
        string="Offer Lines",
        copy=True,
    )
    offer_amount_total = fields.Float(
        string="Offer Total",
        digits=(16, 2),
        compute="_compute_offer_amount_total",
        store=True,
        help="The total of the offer's lines; while the offer has lines, "
             "its expected revenue follows it.",
    )
    offer_date = fields.Date(
        copy=False,
        help="The date on the offer document; the day it is printed when empty.",
    )
    offer_valid_until = fields.Date(
        copy=False,
    )
    offer_terms = fields.Text(
        help="Notes and terms printed on the offer document (invoicing, "
             "cancellation, what the price includes).",
    )
    # The director's decision to run the training
    run_decision = fields.Selection(
        selection=RUN_DECISIONS,
        string="Decision to Run",
        default=RUN_DECISION_UNDECIDED,
        required=True,
        index=True,
        copy=False,
        readonly=True,
        track_visibility="onchange",
    )
    run_decided_by_id = fields.Many2one(
        comodel_name="res.users",
        string="Decided By",
        readonly=True,
        copy=False,
        track_visibility="onchange",
    )
    run_decision_date = fields.Date(
        string="Decision Date",
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

    @api.depends("offer_line_ids.price_subtotal")
    def _compute_offer_amount_total(self):
        # sudo: the total of an offer's own lines is a figure of the offer,
        # computed for whoever saves the offer; Odoo's salespeople outside
        # the Omnia roles may save leads but have no access to the lines.
        for lead in self:
            lead.offer_amount_total = sum(
                lead.sudo().offer_line_ids.mapped("price_subtotal"))

    @api.depends("planned_revenue", "approved_price")
    def _compute_offer_price_difference(self):
        for lead in self:
            lead.offer_price_difference = (
                lead.planned_revenue - lead.approved_price if lead.approved_price else 0.0)

    @api.constrains("offer_date", "offer_valid_until")
    def _check_offer_valid_until(self):
        for lead in self:
            if lead.offer_date and lead.offer_valid_until \
                    and lead.offer_valid_until < lead.offer_date:
                raise ValidationError(_(
                    "Offer Valid Until: must not be before the offer date."))

    @api.constrains("price_approved_by_id", "run_decided_by_id")
    def _check_management_decisions(self):
        """The price approver and the decider to run are in management."""
        messages = {
            "price_approved_by_id": _(
                "Price Approved By: %s is not in management; only management "
                "approves the pricing of an offer."),
            "run_decided_by_id": _(
                "Decided By: %s is not in management; only management decides "
                "to run a training."),
        }
        for lead in self:
            for field, message in messages.items():
                user = lead[field]
                if user and not user.has_group(GROUP_MANAGEMENT):
                    raise ValidationError(message % user.name)

    @api.onchange("offer_line_ids")
    def _onchange_offer_line_ids(self):
        """The form shows the expected revenue the lines will give (the
        server sets it on save, _omnia_sync_planned_revenue)."""
        if self.offer_line_ids:
            self.planned_revenue = sum(line.quantity * line.price_unit
                                       for line in self.offer_line_ids)

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
        check_workflow_fields(self, vals, PRICE_APPROVAL_FIELDS + SYSTEM_FIELDS
                              + RUN_DECISION_FIELDS, creating=True)
        self._check_price_approval_rights(vals)
        if vals.get("price_approved_by_id") and "approved_price" not in vals:
            vals = dict(vals, approved_price=vals.get("planned_revenue") or 0.0)
        if vals.get("partner_id"):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals = dict(vals, segment_id=partner.segment_id.id)
            if "user_id" not in vals and partner.commercial_partner_id.user_id:
                vals["user_id"] = partner.commercial_partner_id.user_id.id
        # A lead created won must have its price approved (when its type
        # requires it): the savepoint takes the new record back if not.
        with self.env.cr.savepoint():
            lead = super().create(vals)
            lead._check_won_price_approval()
        lead._set_handover_date()
        lead._mark_handed_over()
        if lead.partner_id and lead.type == "opportunity" and lead.probability >= 100:
            lead.partner_id._refresh_won_figures()
        return lead

    @api.multi
    def write(self, vals):
        check_workflow_fields(self, vals, SYSTEM_FIELDS + RUN_DECISION_FIELDS)
        self._check_price_approval_rights(vals)
        if "partner_id" in vals:
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals = dict(vals, segment_id=partner.segment_id.id)
        partners = self.mapped("partner_id") if WON_FIGURE_FIELDS & set(vals) else None
        repriced = self._repriced_after_approval(vals)
        self._check_won_price_approval(vals, repriced)
        # The salesperson's own change opens a lead handed to him.
        opened = self.filtered(
            lambda lead: lead.omnia_handover_unopened and lead.user_id == self.env.user)
        result = super().write(vals)
        if opened:
            super(CrmLead, opened).write({"omnia_handover_unopened": False})
        if repriced:
            # The approval fields are written here by the addon, whoever
            # changed the price (an account manager may not set them).
            super(CrmLead, repriced).write(dict.fromkeys(PRICE_APPROVER_FIELDS, False))
        if "user_id" in vals or "opened_by_id" in vals:
            self._set_handover_date()
        if "user_id" in vals:
            self._mark_handed_over()
        if partners is not None:
            (partners | self.mapped("partner_id"))._refresh_won_figures()
        if "planned_revenue" in vals:
            # While an offer has lines, its expected revenue is their total.
            self._omnia_sync_planned_revenue()
        if vals.get("price_approved_by_id") and "approved_price" not in vals:
            # An approval approves the expected revenue of the moment.
            for price, leads in self._group_by_value("planned_revenue").items():
                super(CrmLead, leads).write({"approved_price": price})
        return result

    @api.multi
    def unlink(self):
        partners = self.mapped("partner_id")
        result = super().unlink()
        partners._refresh_won_figures()
        return result

    @api.multi
    def action_approve_price(self):
        """The director approves the pricing of the offer: its expected
        revenue (the lines' total, when it has lines) is the approved price
        (write)."""
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

    @api.multi
    def action_decide_run(self):
        """The director decides to run the training offered."""
        return self._set_run_decision(RUN_DECISION_RUN)

    @api.multi
    def action_decide_not_run(self):
        """The director decides not to run the training offered."""
        return self._set_run_decision(RUN_DECISION_NOT_RUN)

    @api.multi
    def action_reset_run_decision(self):
        """Management takes the decision back (the chatter keeps it)."""
        return self._set_run_decision(RUN_DECISION_UNDECIDED)

    @api.multi
    def action_send_offer(self):
        """Odoo's mail composer with the offer's template and its PDF, to
        the customer's contact; refused, before the composer opens, when
        the offer has no lines or its customer no e-mail address."""
        self.ensure_one()
        if not self.offer_line_ids:
            raise UserError(_("Offer Lines: add the trainings offered before "
                              "sending the offer."))
        if not (self.partner_id.email or "").strip():
            raise UserError(_("E-mail: the customer %s has no e-mail address; "
                              "choose a contact with an e-mail address, then "
                              "send the offer.") % (self.partner_id.display_name or ""))
        return composer_action(self, "omnia_customer.mail_template_offer", _("Send Offer"))

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
    def offer_document_lang(self):
        """The language of the offer document: Finnish, when it is loaded
        (the college's customers are Finnish), else the user's."""
        return OFFER_DOCUMENT_LANG if self.env["res.lang"]._lang_get(OFFER_DOCUMENT_LANG) \
            else self.env.lang

    @api.multi
    def offer_type_label(self, offer_type=None):
        """The label of ``offer_type`` (by default the offer's own) in the
        context's language, as the document and the messages say it (a
        selection printed by t-field keeps the English label)."""
        labels = dict(self.fields_get(["offer_type"])["offer_type"]["selection"])
        return labels.get(offer_type or self.offer_type, "")

    @api.multi
    def _set_run_decision(self, decision):
        if not is_management(self.env):
            raise AccessError(_(
                "Decision to Run: only management decides to run a training."))
        undecided = decision == RUN_DECISION_UNDECIDED
        with workflow(self.env):
            self.write({
                "run_decision": decision,
                "run_decided_by_id": False if undecided else self.env.uid,
                "run_decision_date": False if undecided
                else fields.Date.context_today(self),
            })
        return True

    @api.multi
    def _group_by_value(self, name):
        """{value: leads} of the field ``name``: one write per value."""
        groups = {}
        for lead in self:
            groups[lead[name]] = groups.get(lead[name], self.browse()) | lead
        return groups

    @api.multi
    def _omnia_sync_planned_revenue(self):
        """The expected revenue of offers with lines is the lines' total
        (every report, target and figure counts the expected revenue); a
        change clears the price approval (write)."""
        totals = {}
        for lead in self:
            # sudo: the lines' total, as in _compute_offer_amount_total
            lines = lead.sudo().offer_line_ids
            if not lines:
                continue
            total = round(sum(line.quantity * line.price_unit for line in lines), 2)
            if float_compare(lead.planned_revenue, total, precision_digits=2):
                totals[total] = totals.get(total, self.browse()) | lead
        for total, leads in totals.items():
            leads.write({"planned_revenue": total})

    @api.model
    def _price_approval_required_types(self):
        """The offer types that need an approved price to be won (Settings)."""
        # sudo: the Settings are system parameters, read by whoever wins an
        # offer.
        params = self.env["ir.config_parameter"].sudo()
        required = set()
        for offer_type, default in PRICE_APPROVAL_REQUIRED_DEFAULTS.items():
            value = params.get_param(PARAM_PRICE_APPROVAL_REQUIRED % offer_type)
            if (value == "1") if value in ("0", "1") else default:
                required.add(offer_type)
        return required

    @api.multi
    def _check_won_price_approval(self, vals=None, repriced=None):
        """An offer whose type needs an approved price (Settings) is not
        won without one: checked before a write that wins it (``vals``,
        the approvals it clears ``repriced``), after a create."""
        def won(lead_type, active, probability):
            return lead_type == "opportunity" and active and probability >= 100

        required = None
        for lead in self:
            if vals is None:
                after = lead
                before_won = False
            else:
                after = self._values_after(lead, vals, repriced)
                if after is None:
                    continue
                before_won = won(lead.type, lead.active, lead.probability)
            if before_won or not won(after["type"], after["active"], after["probability"]):
                continue
            if required is None:
                required = self._price_approval_required_types()
            if after["offer_type"] in required and not after["price_approved_by_id"]:
                raise ValidationError(_(
                    "Price Approved By: the offer %(offer)s (%(type)s) is won "
                    "only when management has approved its price.") % {
                        "type": lead.offer_type_label(after["offer_type"]),
                        "offer": lead.name})

    @api.model
    def _values_after(self, lead, vals, repriced):
        """The values of ``lead`` that decide whether it is won and needs an
        approval, as ``vals`` leaves them (crm takes the probability from a
        new stage); None when a value is not of its type (the write
        refuses it itself)."""
        try:
            if "probability" in vals:
                probability = float(vals["probability"] or 0.0)
            elif vals.get("stage_id"):
                if not isinstance(vals["stage_id"], int):
                    return None
                probability = self._onchange_stage_id_values(vals["stage_id"]).get(
                    "probability", lead.probability)
            else:
                probability = lead.probability
        except (TypeError, ValueError):
            return None
        approved = vals["price_approved_by_id"] if "price_approved_by_id" in vals \
            else lead.price_approved_by_id
        if repriced and lead in repriced:
            approved = False
        return {
            "type": vals.get("type", lead.type),
            "active": vals.get("active", lead.active),
            "probability": probability,
            "offer_type": vals.get("offer_type", lead.offer_type),
            "price_approved_by_id": approved,
        }

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
