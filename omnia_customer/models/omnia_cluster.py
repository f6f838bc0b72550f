# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

FIELD_CRAFTS = "crafts"
FIELD_WELLBEING = "wellbeing"
FIELD_TECHNOLOGY = "technology"
FIELD_BUSINESS = "business"
CLUSTER_FIELDS = [
    (FIELD_CRAFTS, "Crafts"),
    (FIELD_WELLBEING, "Wellbeing"),
    (FIELD_TECHNOLOGY, "Technology"),
    (FIELD_BUSINESS, "Business"),
]


class OmniaCluster(models.Model):
    """A regional cluster of adult education (klusteri): working-life
    organisations and schools of one field; each account manager is a member
    of one cluster."""

    _name = "omnia.cluster"
    _description = "Cluster"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    field = fields.Selection(selection=CLUSTER_FIELDS, required=True)
    active = fields.Boolean(default=True)
    leader_id = fields.Many2one(comodel_name="res.users")
    member_user_ids = fields.Many2many(
        comodel_name="res.users",
        relation="omnia_cluster_res_users_rel",
        column1="cluster_id",
        column2="user_id",
        string="Account Managers",
    )
    member_partner_ids = fields.Many2many(
        comodel_name="res.partner",
        relation="omnia_cluster_res_partner_rel",
        column1="cluster_id",
        column2="partner_id",
        string="Member Organisations",
        help="Working-life organisations and schools taking part in the cluster.",
    )
