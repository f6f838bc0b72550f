# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's partner merge (crm's "Merge Selected Contacts") for customer
companies: who may merge, and what Odoo's generic merge leaves behind.

Odoo moves every foreign key to the partner (care plans, feedback, leads,
calendar events and attendees, the addon's many2many relations) by SQL, then
writes the kept partner and deletes the others. For the addon that leaves:

- two active care plans on one customer, which the deferred exclusion
  constraint of omnia.care.plan refuses at commit: the newest (year, then
  id) stays active, the others are closed, before the merge;
- the business ID, unique among active companies: taken from a merged
  company only when the kept one has none, after the others are deleted;
- the activities of the merged companies (mail.activity, a res_id, no
  foreign key), which Odoo deletes with them: the ones people scheduled
  move to the kept company; the care model's own are made anew for it;
- the data derived from the customer by stored fields and SQL (feedback's
  account manager and segment class, care plans' names and account manager,
  leads' segment class, the 12-month figures, the main cluster), brought up
  to date for the kept company.
"""
from odoo import _, api, models
from odoo.exceptions import AccessError

from ..models.access import GROUP_MANAGEMENT, GROUP_TEAM_LEAD, is_superuser
from ..models.omnia_care_plan import STATE_ACTIVE
from ..models.res_partner import OPEN_CARE_PLAN_STATES

# Partner fields that stored fields of other records depend on.
DERIVED_FROM_FIELDS = ["name", "account_manager_id", "segment_id", "cluster_ids"]


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    @api.model
    def _check_omnia_merge_rights(self):
        """Only the team lead and management merge partners (and the
        superuser): a merge deletes customers and moves the work of every
        account manager who had any on them."""
        if is_superuser(self.env) or self.env.user.has_group(GROUP_TEAM_LEAD) \
                or self.env.user.has_group(GROUP_MANAGEMENT):
            return
        raise AccessError(_(
            "Merge: only the customer team lead and management may merge "
            "customers."))

    def _merge(self, partner_ids, dst_partner=None):
        self._check_omnia_merge_rights()
        partners = self.env["res.partner"].browse(partner_ids).exists()
        if len(partners) < 2:
            return super()._merge(partner_ids, dst_partner=dst_partner)
        if dst_partner and dst_partner in partners:
            dst_partner = dst_partner.with_env(self.env)
        else:
            dst_partner = self._get_ordered_partner(partners.ids)[-1]
        src_partners = partners - dst_partner
        # sudo: the team lead and management (checked above) merge customers
        # of every account manager, which deletes the merged ones (management
        # may not delete partners otherwise) and moves others' work.
        privileged = self.sudo()
        business_id = dst_partner.business_id or src_partners.filtered(
            "business_id")[:1].business_id
        privileged._omnia_prepare_merge(src_partners, dst_partner)
        super(BasePartnerMergeAutomaticWizard, privileged)._merge(
            partners.ids, dst_partner=dst_partner.sudo())
        privileged._omnia_finish_merge(dst_partner, business_id)
        return None

    @api.model
    def _omnia_prepare_merge(self, src_partners, dst_partner):
        """Before Odoo's merge: one active care plan left, the merged
        companies' business IDs cleared, their scheduled activities moved."""
        src_partners = src_partners.with_env(self.env)
        dst_partner = dst_partner.with_env(self.env)
        plans = self.env["omnia.care.plan"].search([
            ("partner_id", "in", (src_partners | dst_partner).ids),
            ("state", "=", STATE_ACTIVE),
        ], order="year desc, id desc")
        if len(plans) > 1:
            plans[1:].action_close()
        src_partners.filtered("business_id").write({"business_id": False})
        activities = self.env["mail.activity"].search([
            ("res_model", "=", "res.partner"), ("res_id", "in", src_partners.ids)])
        activities.filtered("omnia_care_kind").unlink()
        activities.filtered(lambda activity: not activity.omnia_care_kind).write(
            {"res_id": dst_partner.id})

    @api.model
    def _omnia_finish_merge(self, dst_partner, business_id):
        """After Odoo's merge: the business ID, and what is derived from the
        customer, for the kept company."""
        dst_partner = dst_partner.with_env(self.env)
        self.env["res.partner"].invalidate_cache()
        self.env["omnia.care.plan"].invalidate_cache()
        self.env["omnia.feedback"].invalidate_cache()
        if business_id and not dst_partner.business_id:
            dst_partner.write({"business_id": business_id})
        dst_partner.modified(DERIVED_FROM_FIELDS)
        dst_partner.recompute()
        company = dst_partner.commercial_partner_id
        plans = self.env["omnia.care.plan"].search([
            ("partner_id", "=", company.id),
            ("state", "in", OPEN_CARE_PLAN_STATES),
            ("account_manager_id", "!=", company.user_id.id),
        ])
        if plans:
            plans.write({"account_manager_id": company.user_id.id})
        members = self.env["res.partner"].with_context(active_test=False).search(
            [("commercial_partner_id", "=", company.id)])
        self.env["crm.lead"]._sync_segment_from_partners(members.ids)
        company._refresh_won_figures()
        self.env["omnia.care.activity"]._sync_partners(company)
