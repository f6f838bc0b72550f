# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# The hours a week an account manager may be given for customer work: more
# than none, at most the regular working week of the Working Hours Act
# (40 hours).
MAX_HOURS_PER_WEEK = 40.0

# Settings: a week whose logged hours are under this percentage of the
# allocation is flagged (omnia.resource.flag).
PARAM_THRESHOLD = "omnia_customer.resource_threshold_percent"
DEFAULT_THRESHOLD = 80

# No two periods of one account manager overlap, also under concurrent
# saves: an exclusion constraint, deferred to the commit (the Python check
# names the other period first in the usual case). Plain GiST has no
# equality on integers: the user is compared as a one-value range; an open
# end is an unbounded range; an end before the start (refused by the Python
# check) is read as the start, so that the range can be made.
ALLOCATION_NO_OVERLAP = (
    "EXCLUDE USING gist ("
    "int4range(user_id, user_id, '[]') WITH &&, "
    "daterange(date_from, CASE WHEN date_to < date_from THEN date_from "
    "ELSE date_to END, '[]') WITH &&"
    ") DEFERRABLE INITIALLY DEFERRED")


class OmniaResourceAllocation(models.Model):
    """The share of an account manager's working time allocated to
    customer work, in hours a week, for a period (open-ended when it has no
    end date). The weekly resource report sets his logged hours against it.
    Kept by the team lead and management; an account manager reads his
    own."""

    _name = "omnia.resource.allocation"
    _inherit = "omnia.model.mixin"
    _description = "Work Time Allocation"
    _order = "date_from desc, user_id"
    _rec_name = "user_id"

    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Account Manager",
        required=True,
        index=True,
        ondelete="cascade",
        domain=lambda self: [(
            "groups_id", "in",
            self.env.ref("omnia_customer.group_account_manager").ids)],
    )
    date_from = fields.Date(string="Start Date", required=True, index=True)
    date_to = fields.Date(
        string="End Date", index=True,
        help="Empty: the allocation goes on until a new one is recorded.")
    hours_per_week = fields.Float(
        string="Hours per Week",
        required=True,
        default=20.0,
        digits=(16, 2),
        help="Hours a week for customer work, at most 40.")
    note = fields.Text()

    # (The hours and the dates are checked in Python, which names the
    # field: a CHECK constraint would refuse the insert before.)
    _sql_constraints = [
        ("allocation_no_overlap", ALLOCATION_NO_OVERLAP,
         "Start Date: the period overlaps another allocation of the same "
         "account manager."),
    ]

    @api.constrains("hours_per_week")
    def _check_hours_per_week(self):
        for allocation in self:
            if not 0 < allocation.hours_per_week <= MAX_HOURS_PER_WEEK:
                raise ValidationError(
                    _("Hours per Week: must be more than 0 and at most 40."))

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for allocation in self:
            if allocation.date_to and allocation.date_to < allocation.date_from:
                raise ValidationError(
                    _("End Date: must not be before the start date."))

    @api.constrains("user_id", "date_from", "date_to")
    def _check_overlap(self):
        for allocation in self:
            domain = [
                ("id", "!=", allocation.id),
                ("user_id", "=", allocation.user_id.id),
                "|", ("date_to", "=", False),
                ("date_to", ">=", allocation.date_from),
            ]
            if allocation.date_to:
                domain.append(("date_from", "<=", allocation.date_to))
            overlapping = self.search(domain, limit=1)
            if overlapping:
                raise ValidationError(
                    _("Start Date: the period overlaps the allocation of "
                      "%(user)s from %(date)s.") % {
                          "user": overlapping.user_id.name,
                          "date": overlapping.date_from})

    @api.model
    def _threshold(self):
        """The threshold of Settings, in per cent of the allocation."""
        # sudo: the threshold is a system parameter, read by the nightly job
        # and by Settings.
        value = self.env["ir.config_parameter"].sudo().get_param(
            PARAM_THRESHOLD, DEFAULT_THRESHOLD)
        try:
            return int(value)
        except (TypeError, ValueError):
            return DEFAULT_THRESHOLD
