# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.service import model as model_service

from .. import rpc_errors
from .common import OmniaCase


class TestRpcErrors(OmniaCase):
    """The server-wide wrappers are installed by the manifest's post_load
    hook, once, however often it runs."""

    def test_installed_once_by_post_load(self):
        dispatch = model_service.dispatch
        handler = http.JsonRequest._handle_exception
        self.assertTrue(getattr(dispatch, "omnia_readable_faults", False))
        self.assertTrue(getattr(handler, "omnia_safe_json_errors", False))
        rpc_errors.install()
        self.assertIs(model_service.dispatch, dispatch)
        self.assertIs(http.JsonRequest._handle_exception, handler)

    def test_staff_and_administrators(self):
        db = self.env.cr.dbname
        staff = self._user("rpc.errors.staff", "base.group_user", name="Perus Käyttäjä")
        self.assertTrue(rpc_errors._is_admin(db, 1))
        self.assertFalse(rpc_errors._is_admin(db, None))
        # a user created in this transaction is not seen by another cursor:
        # treated as staff, never as an administrator
        self.assertFalse(rpc_errors._is_admin(db, staff.id))
