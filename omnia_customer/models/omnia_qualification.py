# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class OmniaQualification(models.Model):
    """A vocational qualification (tutkinto) the college trains for, whose
    students give feedback in its student forums and nationally (Aipal)."""

    _name = "omnia.qualification"
    _inherit = ["omnia.model.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Qualification"
    _order = "name"

    name = fields.Char(required=True)
    code = fields.Char(
        help="The qualification's code or diary number in ePerusteet, "
             "e.g. 7/011/2015.",
    )
    industry_id = fields.Many2one(
        comodel_name="omnia.industry",
        index=True,
        ondelete="restrict",
    )
    manager_id = fields.Many2one(
        comodel_name="res.users",
        string="Industry Manager",
        index=True,
        ondelete="restrict",
        help="Responsible for the qualification's student forums: gets the "
             "to-do when a forum is due.",
    )
    has_forums = fields.Boolean(
        string="Student Forums",
        default=True,
        help="The qualification holds student forums, two a semester.",
    )
    training_ids = fields.One2many(
        comodel_name="omnia.training",
        inverse_name="qualification_id",
        string="Trainings",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)",
         "Code: another qualification already has this code."),
    ]

    @api.model
    def create(self, vals):
        qualification = super().create(vals)
        self.env["omnia.care.activity"]._sync_forums(qualification)
        return qualification

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        if {"manager_id", "has_forums", "active", "name"} & set(vals):
            self.env["omnia.care.activity"]._sync_forums(self)
        return result

    @api.constrains("name")
    def _check_name(self):
        for qualification in self:
            if not qualification.name.strip():
                raise ValidationError(_("Name: the qualification's name is required."))
