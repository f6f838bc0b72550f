# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class OmniaOfferLine(models.Model):
    """A line of an offer (crm.lead): a training of the catalogue, its
    quantity and unit price. The lines' total is the offer's expected
    revenue (crm.lead.offer_amount_total)."""

    _name = "omnia.offer.line"
    _inherit = "omnia.model.mixin"
    _description = "Offer Line"
    _order = "lead_id, sequence, id"
    # A line is put only on an offer the user may change, and stays there.
    _link_fields = ("lead_id",)
    _rule_fields = ("lead_id",)

    lead_id = fields.Many2one(
        comodel_name="crm.lead",
        string="Offer",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        comodel_name="product.product",
        string="Training",
        index=True,
        ondelete="restrict",
        domain=[("omnia_is_training", "=", True)],
    )
    name = fields.Text(
        string="Description",
        required=True,
    )
    qualification_id = fields.Many2one(
        related="product_id.omnia_qualification_id",
        readonly=True,
    )
    duration_days = fields.Float(
        related="product_id.omnia_duration_days",
        readonly=True,
    )
    quantity = fields.Float(
        digits=(16, 2),
        default=1.0,
        required=True,
        help="Participants or units, as the unit price is given.",
    )
    price_unit = fields.Float(
        string="Unit Price",
        digits=(16, 2),
        required=True,
    )
    price_subtotal = fields.Float(
        string="Subtotal",
        digits=(16, 2),
        compute="_compute_price_subtotal",
        store=True,
    )

    @api.depends("quantity", "price_unit")
    def _compute_price_subtotal(self):
        for line in self:
            line.price_subtotal = line.quantity * line.price_unit

    @api.constrains("quantity", "price_unit", "name")
    def _check_values(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(_("Quantity: must be more than 0."))
            if line.price_unit < 0:
                raise ValidationError(_("Unit Price: must not be negative."))
            if not (line.name or "").strip():
                raise ValidationError(_("Description: the line needs a description."))

    @api.onchange("product_id")
    def _onchange_product_id(self):
        if self.product_id:
            self.update(self._product_values(self.product_id))

    @api.model
    def create(self, vals):
        vals = self._with_product_defaults(vals)
        line = super().create(vals)
        line.lead_id._omnia_sync_planned_revenue()
        return line

    @api.multi
    def write(self, vals):
        leads = self.mapped("lead_id")
        result = super().write(vals)
        if {"quantity", "price_unit", "lead_id"} & set(vals):
            (leads | self.mapped("lead_id"))._omnia_sync_planned_revenue()
        return result

    @api.multi
    def unlink(self):
        leads = self.mapped("lead_id")
        result = super().unlink()
        leads.exists()._omnia_sync_planned_revenue()
        return result

    @api.model
    def _with_product_defaults(self, vals):
        """The description and unit price of the catalogue's training, when
        not given (a line created over RPC, without the form's onchange)."""
        product_id = vals.get("product_id")
        if not product_id or not isinstance(product_id, int) \
                or ("name" in vals and "price_unit" in vals):
            return vals
        product = self.env["product.product"].browse(product_id).exists()
        if not product:
            return vals
        return dict(self._product_values(product), **vals)

    @api.model
    def _product_values(self, product):
        """What a line takes from the catalogue's training."""
        return {"name": product.display_name, "price_unit": product.list_price}
