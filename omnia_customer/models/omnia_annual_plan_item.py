# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class OmniaAnnualPlanItem(models.Model):
    """A dated item of the annual plan: a fair, a campaign, a cluster
    meeting, the scorecard review…"""

    _name = "omnia.annual.plan.item"
    _inherit = "omnia.model.mixin"
    _description = "Annual Plan Item"
    _order = "date, sequence, id"

    plan_id = fields.Many2one(
        comodel_name="omnia.annual.plan",
        string="Annual Plan",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    date = fields.Date(required=True, index=True)
    responsible_id = fields.Many2one(comodel_name="res.users")
    done = fields.Boolean()
    description = fields.Text()

    @api.constrains("date", "plan_id")
    def _check_date(self):
        for item in self:
            if int(item.date[:4]) != item.plan_id.year:
                raise ValidationError(
                    _("Date: must be in the plan's year %s.") % item.plan_id.year)
