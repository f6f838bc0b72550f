# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class OmniaCarePlanReview(models.Model):
    """A review of a care plan, e.g. in a management meeting; the reviews
    keep the plan's review history and set its next review date."""

    _name = "omnia.care.plan.review"
    _inherit = "omnia.model.mixin"
    # Put only under a care plan the user may change (omnia.model.mixin).
    _link_fields = ("plan_id",)
    _description = "Care Plan Review"
    _order = "date desc, id desc"

    plan_id = fields.Many2one(
        comodel_name="omnia.care.plan",
        string="Care Plan",
        required=True,
        index=True,
        ondelete="cascade",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    reviewer_id = fields.Many2one(
        comodel_name="res.users",
        default=lambda self: self.env.user,
    )
    meeting = fields.Char(help="Where the plan was reviewed, e.g. the management meeting.")
    notes = fields.Html()
    partner_id = fields.Many2one(
        related="plan_id.partner_id",
        readonly=True,
        string="Customer",
    )
    account_manager_id = fields.Many2one(
        related="plan_id.account_manager_id",
        readonly=True,
        string="Account Manager",
    )

    @api.constrains("date")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for review in self:
            if review.date > today:
                raise ValidationError(_("Date: a review cannot be dated in the future."))

    @api.model
    def create(self, vals):
        review = super().create(vals)
        review.plan_id.message_post(body=_("Care plan reviewed on %(date)s: %(meeting)s") % {
            "date": review.date,
            "meeting": review.meeting or _("no meeting given"),
        })
        # The review recorded: the plan's review activities move on.
        review.plan_id._sync_care_activities()
        return review

    @api.multi
    def write(self, vals):
        plans = self.mapped("plan_id")
        result = super().write(vals)
        if {"date", "plan_id"} & set(vals):
            (plans | self.mapped("plan_id"))._sync_care_activities()
        return result

    @api.multi
    def unlink(self):
        plans = self.mapped("plan_id")
        result = super().unlink()
        plans._sync_care_activities()
        return result
