# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


ROLE_EMPLOYER = "employer"
ROLE_STUDENT = "student"
ROLE_SCHOOL = "school"
ROLES = [
    (ROLE_EMPLOYER, "Employer"),
    (ROLE_STUDENT, "Student"),
    (ROLE_SCHOOL, "School"),
]


class OmniaFeedbackMeetingParticipant(models.Model):
    """A member of a steering group or student forum at one meeting."""

    _name = "omnia.feedback.meeting.participant"
    _inherit = "omnia.model.mixin"
    # Put only under a meeting the user may change (omnia.model.mixin).
    _link_fields = ("meeting_id",)
    _description = "Meeting Participant"
    _order = "meeting_id, role, deputy, name"

    meeting_id = fields.Many2one(
        comodel_name="omnia.feedback.meeting",
        required=True,
        index=True,
        ondelete="cascade",
    )
    name = fields.Char(required=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Contact",
        ondelete="set null",
        help="The contact in the customer register, if there is one; "
             "students are usually not.",
    )
    role = fields.Selection(
        selection=ROLES,
        required=True,
        default=ROLE_EMPLOYER,
    )
    deputy = fields.Boolean(
        help="A deputy member, e.g. a forum's deputy student representative.",
    )
    attended = fields.Boolean(default=True)

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id:
            self.name = self.partner_id.name
