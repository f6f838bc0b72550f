# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class OmniaTraining(models.Model):
    """A training the college runs: an employer's staff training under its
    training agreement (koulutussopimus), or an open training without an
    employer. Its steering group meets per training."""

    _name = "omnia.training"
    _inherit = "omnia.model.mixin"
    _description = "Training"
    _order = "date_start desc, name"
    # The record rules go by the employer's account manager and the
    # responsible: they must hold after a change (omnia.model.mixin).
    _rule_fields = ("partner_id", "user_id")

    name = fields.Char(required=True)
    qualification_id = fields.Many2one(
        comodel_name="omnia.qualification",
        index=True,
        ondelete="restrict",
        help="The qualification the training leads to, if any.",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Employer",
        index=True,
        ondelete="restrict",
        domain=[("is_company", "=", True)],
        help="The customer company whose staff is trained; empty for an "
             "open training.",
    )
    agreement_ref = fields.Char(
        string="Training Agreement",
        help="The reference of the training agreement (koulutussopimus) "
             "with the employer.",
    )
    date_start = fields.Date(string="Start Date")
    date_end = fields.Date(string="End Date")
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Responsible",
        index=True,
        default=lambda self: self.env.user,
        ondelete="restrict",
    )
    meeting_ids = fields.One2many(
        comodel_name="omnia.feedback.meeting",
        inverse_name="training_id",
        string="Steering Group Meetings",
    )
    active = fields.Boolean(default=True)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for training in self:
            if training.date_start and training.date_end \
                    and training.date_end < training.date_start:
                raise ValidationError(_(
                    "End Date: must not be before the start date (%s).")
                    % training.date_start)

    @api.multi
    def name_get(self):
        return [
            (training.id, "%s (%s)" % (training.name, training.partner_id.name)
             if training.partner_id else training.name)
            for training in self
        ]
