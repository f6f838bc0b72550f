# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import UserError, ValidationError

from .access import check_links, check_rules_after, check_workflow_fields

CHECKED_TYPES = ("selection", "date", "datetime")
X2MANY_TYPES = ("one2many", "many2many")


def warning_of(problems):
    """The onchange result that warns of ``problems`` (messages that start
    with their field's label) before the form is saved; None if none."""
    if not problems:
        return None
    return {"warning": {"title": _("Check the Input"), "message": "\n".join(problems)}}


class OmniaModelMixin(models.AbstractModel):
    """What every model of the addon checks on create, write and unlink:
    input values Odoo 11 would store unchecked, reports (SQL views) that
    nobody changes, and who may change what (see access.py), as each model
    declares it. Inherited by the addon's own models only."""

    _name = "omnia.model.mixin"
    _description = "Omnia Model Checks"

    # State, approver and approval-date fields: set by the records' action
    # methods (or management) only, by nobody on create.
    _workflow_fields = ()
    # Links to a parent record the user must be allowed to change.
    _link_fields = ()
    # Fields the record rules read: the rules must hold after a change.
    _rule_fields = ()

    @api.model
    def create(self, vals):
        # Odoo 11 validates selection keys and dates on write but stores
        # them unchecked on create (a key outside the list, a date Python
        # cannot read back), and on both sends a list or dict given for a
        # single value to the database: refuse them.
        self._check_not_report()
        self._check_input_values(vals)
        check_workflow_fields(self, vals, self._workflow_fields, creating=True)
        check_links(self, vals, self._link_fields)
        record = super().create(vals)
        check_rules_after(record, vals, self._rule_fields)
        return record

    @api.multi
    def write(self, vals):
        self._check_not_report()
        self._check_input_values(vals)
        check_workflow_fields(self, vals, self._workflow_fields)
        check_links(self, vals, self._link_fields)
        result = super().write(vals)
        check_rules_after(self, vals, self._rule_fields)
        return result

    @api.multi
    def unlink(self):
        self._check_not_report()
        return super().unlink()

    @api.model
    def _check_not_report(self):
        """Refuse to change a report (an SQL view), even for the superuser,
        whom access rights do not stop."""
        if not self._auto and not self._abstract:
            raise UserError(_("%s: a report cannot be changed.")
                            % self._description)

    @api.model
    def _check_input_values(self, vals):
        """Raise ValidationError, naming the field, when a value of ``vals``
        is a list or dict for a single-valued field, or a selection or date
        value that ``write`` would refuse."""
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None:
                continue
            label = field.get_description(self.env)["string"]
            if field.type not in X2MANY_TYPES \
                    and isinstance(value, (list, tuple, dict)):
                raise ValidationError(
                    _("%(field)s: %(value)r is not a valid value.")
                    % {"field": label, "value": value})
            if field.type not in CHECKED_TYPES or not value:
                continue
            if field.type == "selection":
                if value not in field.get_values(self.env):
                    raise ValidationError(
                        _("%(field)s: %(value)r is not one of its values.")
                        % {"field": label, "value": value})
                continue
            try:
                if not isinstance(value, str):
                    raise TypeError(value)
                field.convert_to_cache(value, self)
            except (ValueError, TypeError):
                raise ValidationError(
                    _("%(field)s: %(value)r is not a valid date.")
                    % {"field": label, "value": value})
