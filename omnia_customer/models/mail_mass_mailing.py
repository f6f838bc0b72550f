# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Targeted campaigns: a mass mailing to the contact persons of customer
companies chosen by segment class, industry, cluster and account manager,
instead of mass marketing to everyone."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.safe_eval import safe_eval

# The recipients' model of a targeted campaign.
PARTNER_MODEL = "res.partner"
# Who a campaign reaches: the active contact persons, with an e-mail address
# and not opted out, of active customer companies (archived contacts are left
# out by the search itself). The company is the contact's commercial partner,
# joined in the same query (res_partner.py: auto_join).
RECIPIENT_BASE_DOMAIN = [
    ("is_company", "=", False),
    ("email", "!=", False),
    ("opt_out", "=", False),
    ("commercial_partner_id.is_company", "=", True),
    ("commercial_partner_id.customer", "=", True),
    ("commercial_partner_id.active", "=", True),
]
# criterion field of the mailing -> the company's field it selects on
CRITERIA = [
    ("omnia_segment_ids", "segment_id"),
    ("omnia_industry_ids", "industry_ids"),
    ("omnia_cluster_ids", "cluster_ids"),
    ("omnia_account_manager_ids", "account_manager_id"),
]
CRITERIA_FIELDS = [criterion for criterion, _company_field in CRITERIA]


class MailMassMailing(models.Model):
    _inherit = "mail.mass_mailing"

    # Targeting: all criteria hold, any value within one criterion
    omnia_segment_ids = fields.Many2many(
        comodel_name="omnia.segment",
        relation="mail_mass_mailing_omnia_segment_rel",
        column1="mailing_id",
        column2="segment_id",
        string="Segment Classes",
        help="Contacts of customer companies of any of these segment classes.",
    )
    omnia_industry_ids = fields.Many2many(
        comodel_name="omnia.industry",
        relation="mail_mass_mailing_omnia_industry_rel",
        column1="mailing_id",
        column2="industry_id",
        string="Customer Industries",
        help="Contacts of customer companies buying from any of these industries.",
    )
    omnia_cluster_ids = fields.Many2many(
        comodel_name="omnia.cluster",
        relation="mail_mass_mailing_omnia_cluster_rel",
        column1="mailing_id",
        column2="cluster_id",
        string="Customer Clusters",
        help="Contacts of customer companies taking part in any of these clusters.",
    )
    omnia_account_manager_ids = fields.Many2many(
        comodel_name="res.users",
        relation="mail_mass_mailing_omnia_account_manager_rel",
        column1="mailing_id",
        column2="user_id",
        string="Account Managers",
        help="Contacts of the customer companies of any of these account managers.",
    )
    omnia_recipient_count = fields.Integer(
        string="Recipients",
        compute="_compute_omnia_recipient_count",
        help="Contact persons that the campaign reaches now: of active "
             "customer companies meeting all the criteria, with an e-mail "
             "address, not opted out.",
    )

    @api.model
    def default_get(self, fields_list):
        """A new mailing goes to contacts chosen by the criteria: the
        college's campaigns are targeted, not sent to mailing lists."""
        defaults = super().default_get(fields_list)
        if "mailing_model_id" in fields_list \
                and "default_mailing_model_id" not in self.env.context:
            model = self.env["ir.model"]._get(PARTNER_MODEL)
            defaults["mailing_model_id"] = model.id
        return defaults

    @api.depends("mailing_model_id", "mailing_domain")
    def _compute_omnia_recipient_count(self):
        Partner = self.env[PARTNER_MODEL]
        for mailing in self:
            if mailing.mailing_model_name == PARTNER_MODEL and mailing.mailing_domain:
                mailing.omnia_recipient_count = Partner.search_count(
                    safe_eval(mailing.mailing_domain))
            else:
                mailing.omnia_recipient_count = 0

    @api.constrains("mailing_domain", "mailing_model_id")
    def _check_omnia_recipients(self):
        for mailing in self:
            if mailing.mailing_model_name == PARTNER_MODEL \
                    and not mailing.omnia_recipient_count:
                raise ValidationError(mailing._omnia_no_recipients_message())

    @api.onchange("mailing_model_id", *CRITERIA_FIELDS)
    def _onchange_omnia_criteria(self):
        if self.mailing_model_name == PARTNER_MODEL:
            self.mailing_domain = repr(self._omnia_recipient_domain())

    @api.model
    def create(self, vals):
        mailing = super().create(vals)
        for _mailing, domain in mailing._omnia_domains_to_write():
            mailing.write({"mailing_domain": domain})
        return mailing

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        if set(vals) & set(CRITERIA_FIELDS + ["mailing_model_id", "mailing_domain"]):
            for mailing, domain in self._omnia_domains_to_write():
                super(MailMassMailing, mailing).write({"mailing_domain": domain})
        return result

    @api.multi
    def put_in_queue(self):
        for mailing in self:
            if mailing.mailing_model_name == PARTNER_MODEL \
                    and not mailing.omnia_recipient_count:
                raise UserError(mailing._omnia_no_recipients_message())
        super().put_in_queue()
        # Odoo's returns nothing, which XML-RPC cannot send back.
        return True

    @api.multi
    def retry_failed_mail(self):
        """The Retry button: the mails the mail server refused are queued
        again (Odoo's, returning what XML-RPC can send back)."""
        super().retry_failed_mail()
        return True

    def _omnia_recipient_domain(self):
        """The domain on res.partner of the contacts the criteria reach;
        a plain domain, so that Odoo's own sending uses it."""
        self.ensure_one()
        domain = list(RECIPIENT_BASE_DOMAIN)
        for criterion, company_field in CRITERIA:
            values = self[criterion]
            if values:
                domain.append(("commercial_partner_id.%s" % company_field,
                               "in", values.ids))
        return domain

    def _omnia_domains_to_write(self):
        """The targeted mailings whose domain differs from their criteria's,
        with that domain: written on create and write, so that XML-RPC
        clients get what the form's onchange gives."""
        result = []
        for mailing in self.filtered(lambda m: m.mailing_model_name == PARTNER_MODEL):
            domain = repr(mailing._omnia_recipient_domain())
            if mailing.mailing_domain != domain:
                result.append((mailing, domain))
        return result

    def _omnia_no_recipients_message(self):
        return _("Recipients: no contact person of a customer company meets "
                 "the criteria (active, with an e-mail address, not opted out).")
