# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools

from ..models.crm_lead import OFFER_TYPES
from ..models.rules import WON_LEAD_WHERE

STATE_OPEN = "open"
STATE_WON = "won"
STATE_LOST = "lost"
OFFER_STATES = [
    (STATE_OPEN, "Open"),
    (STATE_WON, "Won"),
    (STATE_LOST, "Lost"),
]


class OmniaOfferReport(models.Model):
    """The team's offer situation: every offer (opportunity), open, won or
    lost, with its value, for pivots by offer type, account manager, stage
    and month."""

    _name = "omnia.offer.report"
    _inherit = "omnia.report.mixin"
    _description = "Offer Situation"
    _auto = False
    _order = "date desc"
    _rec_name = "lead_id"

    lead_id = fields.Many2one(comodel_name="crm.lead", string="Offer", readonly=True)
    date = fields.Date(string="Created On", readonly=True)
    date_closed = fields.Date(string="Closed On", readonly=True)
    user_id = fields.Many2one(comodel_name="res.users", string="Account Manager", readonly=True)
    team_id = fields.Many2one(comodel_name="crm.team", string="Sales Channel", readonly=True)
    stage_id = fields.Many2one(comodel_name="crm.stage", readonly=True)
    state = fields.Selection(selection=OFFER_STATES, string="Status", readonly=True)
    offer_type = fields.Selection(selection=OFFER_TYPES, readonly=True)
    funding_source_id = fields.Many2one(
        comodel_name="omnia.funding.source", readonly=True)
    industry_id = fields.Many2one(comodel_name="omnia.industry", readonly=True)
    partner_id = fields.Many2one(comodel_name="res.partner", string="Customer", readonly=True)
    segment_id = fields.Many2one(
        comodel_name="omnia.segment", string="Segment Class", readonly=True)
    is_price_approved = fields.Boolean(string="Price Approved", readonly=True)
    offer_count = fields.Integer(string="# Offers", readonly=True)
    planned_revenue = fields.Float(string="Value", readonly=True)
    expected_revenue = fields.Float(string="Expected Value", readonly=True)

    def _select(self):
        # The won state is WON_LEAD_WHERE, the figures' own definition.
        return """
                SELECT
                    l.id,
                    l.id AS lead_id,
                    l.create_date::date AS date,
                    l.date_closed::date AS date_closed,
                    l.user_id,
                    l.team_id,
                    l.stage_id,
                    CASE
                        WHEN NOT l.active THEN 'lost'
                        WHEN {won} THEN 'won'
                        ELSE 'open'
                    END AS state,
                    l.offer_type,
                    l.funding_source_id,
                    l.industry_id,
                    COALESCE(p.commercial_partner_id, l.partner_id) AS partner_id,
                    l.segment_id,
                    l.price_approved_by_id IS NOT NULL AS is_price_approved,
                    1 AS offer_count,
                    COALESCE(l.planned_revenue, 0.0) AS planned_revenue,
                    COALESCE(l.planned_revenue, 0.0)
                        * COALESCE(l.probability, 0.0) / 100.0 AS expected_revenue
        """.format(won=WON_LEAD_WHERE.format(l="l"))

    def _from(self):
        return """
            FROM crm_lead l
            LEFT JOIN res_partner p ON p.id = l.partner_id
        """

    def _where(self):
        return "WHERE l.type = 'opportunity'"

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("CREATE VIEW %s AS (%s %s %s)" % (
            self._table, self._select(), self._from(), self._where()))
