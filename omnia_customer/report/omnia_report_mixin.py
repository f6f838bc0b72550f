# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class OmniaReportMixin(models.AbstractModel):
    """Grouping of the managers' reports (SQL views) by account manager,
    customer or other records, fast on large tables.

    Odoo 11 orders groups of a many2one by the target's own order, e.g. the
    name of the user's partner: it joins res_users and res_partner to every
    row of the report before grouping, which costs more than the grouping
    itself on a year of a large team. The reports order such groups by id
    in SQL and by name here, after the grouping, and name them by reading
    the names only.
    """

    _name = "omnia.report.mixin"
    _inherit = "omnia.model.mixin"
    _description = "Managers' Report Grouping"

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False,
                   lazy=True):
        """Groups by many2one or text fields only are put in name order
        here, after the grouping (see _generate_m2o_order_by). An explicit
        order, offset or limit is left to SQL."""
        result = super().read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)
        if orderby or offset or limit:
            return result
        keys = [groupby] if isinstance(groupby, str) else list(groupby)
        keys = keys[:1] if lazy else keys

        def sort_key(group):
            values = []
            for key in keys:
                value = group.get(key.split(":")[0])
                if isinstance(value, tuple):
                    value = value[1] or ""
                values.append((value is False, value or ""))
            return values
        if keys and all(
                self._fields[key.split(":")[0]].type in ("many2one", "char") for key in keys):
            result.sort(key=sort_key)
        return result

    @api.model
    def _generate_m2o_order_by(self, alias, order_field, query, reverse_direction, seen):
        # Order by the many2one's id: no join of its table (and of the user's
        # partner) to every row before grouping; read_group sorts by name.
        direction = " DESC" if reverse_direction else ""
        return ['"%s"."%s"%s' % (alias, order_field, direction)]

    def _read_group_resolve_many2one_fields(self, data, fields):
        # The names of the grouped records only: without this, naming 200
        # account managers reads every column of their users and partners.
        # (Odoo 11's read_group internals, as _generate_m2o_order_by above;
        # 17.0 rewrote read_group as _read_group: see readme/ROADMAP.rst.)
        return super(
            OmniaReportMixin, self.with_context(prefetch_fields=False)
        )._read_group_resolve_many2one_fields(data, fields)
