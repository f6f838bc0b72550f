# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import ValidationError


class ResUsers(models.Model):
    _inherit = "res.users"

    # New users: language, time zone and rights

    @api.model
    def default_get(self, fields_list):
        """A new user speaks the language and lives in the time zone of
        the company's setting (Finnish, Europe/Helsinki), in the user form
        and over XML-RPC alike, unless the caller gives them."""
        defaults = super().default_get(fields_list)
        company = self.env.user.company_id
        context = self.env.context
        # A language uninstalled since it was chosen is no default.
        if "lang" in fields_list and company.omnia_user_lang \
                and company.omnia_user_lang in dict(self.env["res.lang"].get_installed()) \
                and not context.get("default_lang"):
            defaults["lang"] = company.omnia_user_lang
        if "tz" in fields_list and company.omnia_user_tz and not context.get("default_tz"):
            defaults["tz"] = company.omnia_user_tz
        return defaults

    @api.model
    def _omnia_reset_default_user_groups(self):
        """New users get the employee's rights only, and the contact
        creation base gives them: the template user (base.default_user)
        loses the app rights other modules gave it (Sales Manager, Survey
        Manager, Website Designer...)."""
        template = self.env.ref("base.default_user", raise_if_not_found=False)
        if template:
            groups = self.env.ref("base.group_user") | self.env.ref("base.group_partner_manager")
            template.write({"groups_id": [(6, 0, groups.ids)]})

    # One role in the customer team

    @api.constrains("groups_id")
    def _check_omnia_role(self):
        # Management with the account manager's or team lead's role (the
        # groups themselves: has_group's cache is cleared after the write).
        roles = self.env["res.groups"]._omnia_role_groups()
        if not roles:
            return
        management = roles[-1]
        # Not named `user`: Odoo 11's _() would speak that user's language.
        for member in self:
            if management in member.groups_id and member.groups_id & (roles - management):
                raise ValidationError(_(
                    "Omnia customer relationships: %s has one role, account manager, "
                    "customer team lead or management, not several.") % member.name)
