# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    """The college's catalogue of trainings (Koulutustarjonta): Odoo's
    products of the type service, marked as trainings, with the
    qualification they lead to and their duration. The price is Odoo's
    list price; offers take their lines from here."""

    _inherit = "product.template"

    # Training
    omnia_is_training = fields.Boolean(
        string="Training",
        index=True,
        help="A training of the college's catalogue, offered to customers.",
    )
    omnia_qualification_id = fields.Many2one(
        comodel_name="omnia.qualification",
        string="Qualification",
        index=True,
        ondelete="restrict",
        help="The qualification the training leads to, if any.",
    )
    omnia_duration_days = fields.Float(
        string="Duration (days)",
        digits=(16, 1),
        help="The training's length in training days.",
    )
    omnia_duration_hours = fields.Float(
        string="Duration (hours)",
        digits=(16, 1),
        help="The training's length in hours of teaching.",
    )

    @api.constrains("omnia_duration_days", "omnia_duration_hours", "list_price")
    def _check_omnia_training(self):
        for template in self:
            if template.omnia_duration_days < 0:
                raise ValidationError(_("Duration (days): must not be negative."))
            if template.omnia_duration_hours < 0:
                raise ValidationError(_("Duration (hours): must not be negative."))
            if template.omnia_is_training and template.list_price < 0:
                raise ValidationError(_("Sales Price: must not be negative."))
