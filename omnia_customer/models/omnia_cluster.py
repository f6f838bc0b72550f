# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

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
    _inherit = "omnia.model.mixin"
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
    meeting_ids = fields.One2many(
        comodel_name="calendar.event",
        inverse_name="cluster_id",
        string="Meetings",
        help="Calendar events recorded for the cluster, e.g. cluster meetings.",
    )

    @api.constrains("member_user_ids", "active")
    def _check_member_user_ids(self):
        users = self.filtered("active").mapped("member_user_ids")
        if not users:
            return
        # Raw SQL: one grouped look-up of all memberships of these users.
        self.env.cr.execute("""
            SELECT rel.user_id, array_agg(c.id ORDER BY c.id)
              FROM omnia_cluster_res_users_rel rel
              JOIN omnia_cluster c ON c.id = rel.cluster_id
             WHERE c.active AND rel.user_id IN %s
             GROUP BY rel.user_id
            HAVING COUNT(*) > 1
        """, (tuple(users.ids),))
        row = self.env.cr.fetchone()
        if row:
            user = self.env["res.users"].browse(row[0])
            clusters = self.browse(row[1])
            raise ValidationError(
                _("Account Managers: %(user)s can be a member of one cluster "
                  "only, not of %(clusters)s.") % {
                    "user": user.name,
                    "clusters": ", ".join(clusters.mapped("name")),
                })
