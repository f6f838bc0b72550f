# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Readable XML-RPC faults for refused input.

Odoo 11 sends a ``ValidationError`` (a constraint's message, an SQL
constraint's message, a missing required value) and the ORM's refusal of a
malformed value (wrong type, a selection key outside its list, a date that
does not parse or is out of range) to an XML-RPC client as fault 1 with the
server's whole traceback: the fault of an unexpected server error. A client
(an import script, an integration) cannot tell "your input was refused" from
"the server broke", and is shown the server's internals. Since Odoo 13 a
``ValidationError`` is a ``UserError`` and arrives as fault 2 with its message
only; this module gives the addon's databases that behaviour on Odoo 11.

XML-RPC does not pass through ``ir.http``, and Odoo 11 has no hook for the
fault of an XML-RPC call, so the object service's ``dispatch`` is wrapped once
when the addon is imported. The wrapper changes nothing in databases without
the addon, nothing for successful calls, and nothing in the web client
(JSON-RPC, which already shows these errors as messages):

- in a database with the addon, a ``ValidationError`` on any model is sent
  as a ``UserError`` (fault 2, its message);
- on the addon's own models (``omnia.*``), malformed values refused by the
  ORM or by PostgreSQL (``ValueError``, ``TypeError``, ``OverflowError``,
  ``psycopg2.DataError`` and PostgreSQL's type mismatches) are sent as a
  ``UserError`` with the first line of the refusal.

The transaction of the call is rolled back before the fault is sent, as for
any error; the server log keeps the full traceback.
"""
import functools
import logging

import psycopg2

import odoo
from odoo import _
from odoo.exceptions import UserError, ValidationError
from odoo.service import model as model_service

_logger = logging.getLogger(__name__)

ADDON_MODEL_PREFIX = "omnia."
ADDON_MARKER_MODEL = "omnia.industry"
MALFORMED_INPUT_ERRORS = (ValueError, TypeError, OverflowError,
                          psycopg2.DataError)
# PostgreSQL's refusals of a value of the wrong type sent as a parameter:
# datatype mismatch, no operator for those types, type cannot be coerced.
# Other programming errors (syntax, unknown column) stay server errors.
MALFORMED_INPUT_PGCODES = ("42804", "42883", "42846")


class OmniaInputError(UserError):
    """Refused input, sent to XML-RPC clients as a readable fault 2."""


def _addon_installed(dbname):
    registry = odoo.modules.registry.Registry.registries.get(dbname)
    return registry is not None and ADDON_MARKER_MODEL in registry


def _first_line(error):
    text = odoo.tools.ustr(getattr(error, "name", None) or error).strip()
    return text.splitlines()[0] if text else error.__class__.__name__


def readable_faults(dispatch):
    """Wrap the object service's ``dispatch(method, params)``."""
    if getattr(dispatch, "omnia_readable_faults", False):
        return dispatch

    @functools.wraps(dispatch)
    def wrapper(method, params):
        try:
            return dispatch(method, params)
        except ValidationError as error:
            if not _addon_installed(params[0]):
                raise
            _logger.info("XML-RPC input refused: %s", _first_line(error))
            raise OmniaInputError(odoo.tools.ustr(error.name)) from error
        except (MALFORMED_INPUT_ERRORS + (psycopg2.ProgrammingError,)) as error:
            model = params[3] if len(params) > 3 else None
            if isinstance(error, psycopg2.ProgrammingError) \
                    and error.pgcode not in MALFORMED_INPUT_PGCODES:
                raise
            if not (isinstance(model, str)
                    and model.startswith(ADDON_MODEL_PREFIX)
                    and _addon_installed(params[0])):
                raise
            _logger.info("XML-RPC input refused on %s", model, exc_info=True)
            raise OmniaInputError(
                _("The input was refused: %s") % _first_line(error)
            ) from error

    wrapper.omnia_readable_faults = True
    return wrapper


model_service.dispatch = readable_faults(model_service.dispatch)
