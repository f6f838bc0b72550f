# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Readable faults for refused input, and no tracebacks for staff.

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
fault of an XML-RPC call (nor for the JSON error of ``/jsonrpc``, which skips
``ir.http`` too), so the object service's ``dispatch`` and the JSON request's
error handler are wrapped once per server process by :func:`install`, which
the manifest's ``post_load`` hook calls. The wrapper changes nothing in databases without
the addon, nothing for successful calls, and in the web client (JSON-RPC,
which already shows these errors as messages) only the title of the dialog
of refused input, which Odoo 11 takes from the response's message, "Odoo
Server Error": a ``ValidationError`` or ``UserError`` is titled "Check the
Input" in the user's language. Over XML-RPC:

- in a database with the addon, a ``ValidationError`` on any model is sent
  as a ``UserError`` (fault 2, its message);
- on the addon's own models (``omnia.*``), malformed values refused by the
  ORM or by PostgreSQL (``ValueError``, ``TypeError``, ``OverflowError``,
  ``psycopg2.DataError`` and PostgreSQL's type mismatches) are sent as a
  ``UserError`` with the first line of the refusal.

The transaction of the call is rolled back before the fault is sent, as for
any error; the server log keeps the full traceback.

A user who is not a system administrator never receives a traceback (file
paths and code are the server's internals): over XML-RPC an unexpected error
reaches him as fault 2 with a short message and a reference that the server
log has with the traceback; over JSON-RPC (the web client, ``/jsonrpc``) the
error's ``debug`` holds that reference instead of the traceback, and an
unexpected error's message is the same short message.
"""
import functools
import json
import logging
import uuid

import psycopg2
import werkzeug.exceptions

import odoo
from odoo import SUPERUSER_ID, _, api, http
from odoo.exceptions import (AccessDenied, AccessError, MissingError, UserError,
                             ValidationError, except_orm)
from odoo.service import model as model_service

from .models.rules import ADDON_MODEL_PREFIX

_logger = logging.getLogger(__name__)

ADDON_MARKER_MODEL = "omnia.industry"
MALFORMED_INPUT_ERRORS = (ValueError, TypeError, OverflowError,
                          psycopg2.DataError)
# PostgreSQL's refusals of a value of the wrong type sent as a parameter:
# datatype mismatch, no operator for those types, type cannot be coerced.
# Other programming errors (syntax, unknown column) stay server errors.
MALFORMED_INPUT_PGCODES = ("42804", "42883", "42846")


# Errors whose message is meant for the user; any other is unexpected.
USER_FACING_ERRORS = (UserError, AccessError, AccessDenied, MissingError, except_orm,
                      werkzeug.exceptions.HTTPException,
                      http.SessionExpiredException, http.AuthenticationError)


# Refused input: the web client shows their message as a warning.
REFUSED_INPUT_ERRORS = (ValidationError, UserError)
REFUSED_INPUT_TITLE = "Check the Input"


class OmniaInputError(UserError):
    """Refused input, sent to XML-RPC clients as a readable fault 2."""


def _reference():
    return uuid.uuid4().hex[:10]


def _unexpected_message(reference):
    return _("The server could not complete the request. Tell the system "
             "administrator the reference %s.") % reference


def _is_admin(dbname, uid):
    """Whether ``uid`` is a system administrator of ``dbname`` (in a
    cursor of its own: the call's transaction may be broken)."""
    if not _addon_installed(dbname):
        return True     # databases without the addon keep Odoo's faults
    if not isinstance(uid, int):
        return False
    if uid == SUPERUSER_ID:
        return True
    try:
        with odoo.registry(dbname).cursor() as cr:
            return api.Environment(cr, uid, {}).user.has_group("base.group_system")
    except Exception:   # no such user or database: treat as staff
        _logger.debug("administrator check failed", exc_info=True)
        return False


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
        except USER_FACING_ERRORS:
            raise
        except Exception as error:
            if len(params) < 2 or _is_admin(params[0], params[1]):
                raise
            reference = _reference()
            _logger.exception("Unexpected error in an RPC call (reference %s)", reference)
            raise OmniaInputError(_unexpected_message(reference)) from error

    wrapper.omnia_readable_faults = True
    return wrapper


def _json_lang(json_request):
    """The language of the user of a JSON request (his session's context,
    or the context sent with the call)."""
    context = getattr(json_request, "context", None) or {}
    params = getattr(json_request, "params", None)
    if not context.get("lang") and isinstance(params, dict):
        context = (params.get("kwargs") or {}).get("context") or params.get("context") or {}
    return context.get("lang") if isinstance(context, dict) else None


def _refused_input_title(dbname, lang):
    """The title of the dialog that shows refused input, in ``lang`` (in a
    cursor of its own: the call's transaction is broken)."""
    if not lang:
        return REFUSED_INPUT_TITLE
    try:
        with odoo.registry(dbname).cursor() as cr:
            return _translated_title(cr, {"lang": lang})
    except Exception:   # no translation at hand: the English title
        _logger.debug("translation of the error title failed", exc_info=True)
        return REFUSED_INPUT_TITLE


def _translated_title(cr, context):
    """REFUSED_INPUT_TITLE in the language of ``context``: Odoo 11's _()
    finds the caller's local variables ``context`` and ``cr``."""
    return _("Check the Input")


def _json_caller(json_request):
    """(database, user id) of a JSON request: its web session's, or for
    ``/jsonrpc`` the ``execute_kw`` arguments' (not yet authenticated: only
    used to decide what the error shows)."""
    session = getattr(json_request, "session", None)
    if session is not None and session.db and session.uid:
        return session.db, session.uid
    params = getattr(json_request, "params", None)
    args = params.get("args") if isinstance(params, dict) else None
    if isinstance(args, list) and len(args) >= 2 and isinstance(args[0], str):
        return args[0], args[1] if isinstance(args[1], int) else None
    return (session.db if session is not None else None), None


def safe_json_errors(handle_exception):
    """Wrap ``JsonRequest._handle_exception``: the JSON error of a user who
    is not a system administrator carries no traceback."""
    if getattr(handle_exception, "omnia_safe_json_errors", False):
        return handle_exception

    @functools.wraps(handle_exception)
    def wrapper(self, exception):
        response = handle_exception(self, exception)
        dbname, uid = _json_caller(self)
        if not dbname or not _addon_installed(dbname):
            return response
        try:
            payload = json.loads(response.get_data(as_text=True))
        except ValueError:
            return response
        error = payload.get("error")
        data = (error or {}).get("data")
        if not isinstance(data, dict):
            return response
        if isinstance(exception, REFUSED_INPUT_ERRORS):
            # The web client titles every error with the response's message,
            # "Odoo Server Error" (Odoo 11): refused input is no server error.
            error["message"] = _refused_input_title(dbname, _json_lang(self))
        if not _is_admin(dbname, uid):
            reference = _reference()
            if not isinstance(exception, USER_FACING_ERRORS):
                _logger.error("Unexpected error in a JSON request (reference %s)", reference,
                              exc_info=exception)
                message = _unexpected_message(reference)
                data.update(name="odoo.exceptions.UserError", message=message,
                            arguments=[message], exception_type="user_error")
            else:
                _logger.info("Error sent to a JSON client without its traceback "
                             "(reference %s)", reference, exc_info=exception)
            data["debug"] = _("Reference %s") % reference
        response.set_data(json.dumps(payload))
        return response

    wrapper.omnia_safe_json_errors = True
    return wrapper


def install():
    """Wrap the server's RPC entry points, once per process: called by the
    manifest's ``post_load`` hook, Odoo's place for server-wide code (it runs
    when the addon is loaded, before any request of a database with it).
    Each wrapper does nothing in databases without the addon."""
    model_service.dispatch = readable_faults(model_service.dispatch)
    http.JsonRequest._handle_exception = safe_json_errors(http.JsonRequest._handle_exception)
