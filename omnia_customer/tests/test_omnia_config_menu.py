# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import OmniaCase

# The addon's configuration: what administrators set up once.
CONFIG_MODELS = {
    "omnia.funding.source", "omnia.industry", "omnia.scorecard.perspective",
    "omnia.segment", "omnia.work.type",
}


class TestOmniaConfigMenu(OmniaCase):
    """Every configuration model under Customers > Configuration, for the
    administrators only."""

    def test_config_models_under_configuration(self):
        config = self.env.ref("omnia_customer.omnia_customer_menu_config")
        menus = self.env["ir.ui.menu"].search([("parent_id", "=", config.id)])
        self.assertEqual(
            {menu.action.res_model for menu in menus} - {"res.config.settings"},
            CONFIG_MODELS)

    def test_work_types_for_administrators(self):
        menu = self.env.ref("omnia_customer.omnia_work_type_menu")
        path = menu | menu.parent_id | menu.parent_id.parent_id
        for user, visible in ((self.admin, True), (self.director, False),
                              (self.team_lead, False), (self.am1, False)):
            # The web client shows a menu whose parents it shows.
            visible_ids = self.env["ir.ui.menu"].sudo(user)._visible_menu_ids()
            self.assertEqual(set(path.ids) <= visible_ids, visible, user.login)
        work_type = self.env["omnia.work.type"].sudo(self.admin).create({
            "name": "Messut", "code": "T-FAIR", "is_customer_meeting": True})
        self.assertTrue(work_type.is_customer_meeting)
