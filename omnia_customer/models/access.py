# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How the addon's models enforce who may change what, beyond the record
rules and access rights: one place for the checks that a rule alone cannot
make.

- Odoo 11 checks a write rule *before* the write: a user may move a record he
  may write onto a parent he may not (``check_links``), or out of his own
  reach into someone else's (``check_rules_after``).
- State, approver and approval-date fields change through the records'
  action methods only (``check_workflow_fields`` / ``workflow``); a client
  cannot reach the flag those methods set, which is kept on the database
  cursor of the call, not in anything a client sends.
- Dates that measure people (when feedback was handled) come from the
  system's clock (``rules.system_today``), not from a value or context key
  the client sends.
"""
import unicodedata
from contextlib import contextmanager

from odoo import SUPERUSER_ID, _
from odoo.exceptions import AccessError

GROUP_MANAGEMENT = "omnia_customer.group_management"
GROUP_TEAM_LEAD = "omnia_customer.group_team_lead"

# check_workflow_fields and check_links name the records they check `self`:
# Odoo 11's _() finds the user's language through the caller's `self`.

# The flag of the action methods (see workflow()), an attribute of the
# call's cursor: no value a client sends (context, arguments) reaches it.
_WORKFLOW_ATTR = "_omnia_workflow_depth"


def is_superuser(env):
    """The superuser: data files, migrations, scheduled jobs and the code
    that says why it runs with ``sudo()``."""
    return env.uid == SUPERUSER_ID


def is_management(env):
    """Management, or the superuser (who loads approved records of data
    files)."""
    return is_superuser(env) or env.user.has_group(GROUP_MANAGEMENT)


@contextmanager
def cursor_flag(env, name):
    """Raise the flag ``name`` on the call's database cursor while inside:
    what the code inside does is the system's own doing. A client reaches
    no attribute of the cursor (unlike a context key, which it can send)."""
    depth = getattr(env.cr, name, 0)
    setattr(env.cr, name, depth + 1)
    try:
        yield
    finally:
        setattr(env.cr, name, depth)


def flag_raised(env, name):
    return bool(getattr(env.cr, name, 0))


def workflow(env):
    """The writes inside are made by an action method, which may change
    the state and approval fields: ``with workflow(self.env): self.write()``.
    """
    return cursor_flag(env, _WORKFLOW_ATTR)


def check_workflow_fields(self, vals, field_names, creating=False):
    """Refuse ``vals`` setting a field of ``field_names`` (state, approver,
    approval date) unless the write comes from an action method or from
    management; on create, nobody sets them (but the superuser). Raises
    AccessError naming the field."""
    given = [name for name in field_names if name in vals]
    if not given or is_superuser(self.env):
        return
    if not creating and (flag_raised(self.env, _WORKFLOW_ATTR)
                         or is_management(self.env)):
        return
    if creating:
        # A default is no choice of the user's: refuse only a real value.
        defaults = {name: self._fields[name].default(self)
                    if self._fields[name].default else False for name in given}
        given = [name for name in given if vals[name] and vals[name] != defaults[name]]
        if not given:
            return
    label = self._fields[given[0]].get_description(self.env)["string"]
    raise AccessError(_("%(field)s: it is set by the record's buttons "
                        "(%(model)s), not directly.")
                      % {"field": label, "model": self._description})


def check_links(self, vals, link_fields):
    """Refuse ``vals`` pointing a field of ``link_fields`` at a record the
    user may not write: a record is only put under a parent (a customer, a
    plan, a feedback) that the user may change himself."""
    if is_superuser(self.env):
        return
    for name in link_fields:
        value = vals.get(name)
        if not value or not isinstance(value, int):
            continue
        target = self.env[self._fields[name].comodel_name].browse(value)
        try:
            target.check_access_rights("write")
            target.check_access_rule("write")
        except AccessError:
            label = self._fields[name].get_description(self.env)["string"]
            raise AccessError(_("%(field)s: you may not add to a %(model)s that you "
                                "may not change (id %(id)s).")
                              % {"field": label, "model": target._description, "id": value})


def check_rules_after(records, vals, link_fields):
    """After a create or write that changed a field of ``link_fields``:
    the records must still be within the user's write rules (Odoo 11
    checks them before the write only)."""
    if is_superuser(records.env) or not any(name in vals for name in link_fields):
        return
    records.check_access_rule("write")


def has_visible_text(text):
    """Whether ``text`` has a character other than Unicode spaces, line
    breaks and format or control characters (a zero-width space is no
    response)."""
    return any(unicodedata.category(char)[0] not in "ZC" for char in text or "")
