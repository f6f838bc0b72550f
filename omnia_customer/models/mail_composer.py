# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Documents sent from their record with Odoo's mail composer."""


def composer_action(record, template_xmlid, name):
    """The action opening Odoo's mail composer on ``record`` with the mail
    template ``template_xmlid`` (its report attached), titled ``name``."""
    template = record.env.ref(template_xmlid)
    compose_form = record.env.ref("mail.email_compose_message_wizard_form")
    return {
        "type": "ir.actions.act_window",
        "name": name,
        "res_model": "mail.compose.message",
        "view_mode": "form",
        "views": [(compose_form.id, "form")],
        "view_id": compose_form.id,
        "target": "new",
        "context": {
            "default_model": record._name,
            "default_res_id": record.id,
            "default_use_template": True,
            "default_template_id": template.id,
            "default_composition_mode": "comment",
        },
    }
