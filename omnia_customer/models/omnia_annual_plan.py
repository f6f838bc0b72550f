# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class OmniaAnnualPlan(models.Model):
    """The customer team's annual plan (vuosisuunnitelma): its main
    scheduling tool besides the calendar, one per year."""

    _name = "omnia.annual.plan"
    _description = "Annual Plan"
    _inherit = ["omnia.model.mixin", "mail.thread"]
    _order = "year desc"

    name = fields.Char(required=True, track_visibility="onchange")
    year = fields.Integer(required=True, index=True)
    team_id = fields.Many2one(comodel_name="crm.team")
    description = fields.Text()
    item_ids = fields.One2many(
        comodel_name="omnia.annual.plan.item",
        inverse_name="plan_id",
        string="Items",
        copy=True,
    )
    item_count = fields.Integer(compute="_compute_item_count")
    done_ratio = fields.Float(string="Done (%)", compute="_compute_item_count")

    _sql_constraints = [
        ("year_unique", "unique(year)", "Year: the year already has an annual plan."),
        ("year_valid", "CHECK(year BETWEEN 2000 AND 2999)", "Year: must be a year like 2026."),
    ]

    @api.depends("item_ids.done")
    def _compute_item_count(self):
        for plan in self:
            plan.item_count = len(plan.item_ids)
            done = len(plan.item_ids.filtered("done"))
            plan.done_ratio = round(100.0 * done / plan.item_count, 1) if plan.item_count else 0.0

    @api.multi
    def action_open_items(self):
        self.ensure_one()
        action = self.env.ref("omnia_customer.omnia_annual_plan_item_action").read()[0]
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id}
        return action
