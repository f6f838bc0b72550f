# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.osv import expression

from .access import GROUP_TEAM_LEAD, cursor_flag, flag_raised, is_management, is_superuser
from .odoo11 import is_detached_lookup, real_event_ids
from .omnia_event_occurrence import HORIZON_DAYS, OCCURRENCE_FIELDS
from .omnia_model_mixin import warning_of
from .omnia_project import OPEN_PROJECT_DOMAIN

# All-day events count as this many hours per day unless Settings say otherwise.
ALLDAY_HOURS_PARAM = "omnia_customer.allday_hours"
ALLDAY_HOURS_DEFAULT = 7.5
# A timed event longer than this is a typing error (longer work is all-day).
MAX_EVENT_HOURS = 24.0
# Fields whose change may log, move or remove a customer meeting (the care
# model's activities follow).
CARE_FIELDS = OCCURRENCE_FIELDS | {"omnia_partner_id"}
# A meeting started from a customer lasts this long unless changed.
CUSTOMER_MEETING_HOURS = 1.0
# Fields only the organiser, a team lead or management may change.
PROTECTED_WORK_FIELDS = ("work_type_id", "omnia_partner_id")
# What one event may make: an all-day event covers at most this many days,
# a recurrence has at most this many occurrences and ends within
# omnia.event.occurrence's HORIZON_DAYS (ten years) of its start, so that all
# of its occurrences are stored and counts match the calendar's lists.
MAX_ALLDAY_DAYS = 366
MAX_RECURRENCE_COUNT = 1000
WEEKDAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")
# The addon's fields of an event, which a search must not match on the
# private events of others (Odoo masks them when reading only).
PRIVATE_FIELDS = ("omnia_partner_id", "work_type_id", "project_id", "cluster_id")


# Raised on the cursor (access.cursor_flag) inside calendar.event's create,
# whose own writes check and refresh nothing.
_CREATING_FLAG = "_omnia_creating_events"


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    omnia_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        index=True,
        domain=[("is_company", "=", True)],
        help="The customer company the work is for; empty for customer work "
             "not tied to one customer.",
    )
    work_type_id = fields.Many2one(
        comodel_name="omnia.work.type",
        index=True,
        ondelete="restrict",
    )
    project_id = fields.Many2one(
        comodel_name="omnia.project",
        index=True,
        ondelete="set null",
        domain=OPEN_PROJECT_DOMAIN,
        help="The development project this is for; open projects only.",
    )
    # Time tracking
    # Odoo looks up the detached occurrences of a recurring event by this
    # column each time it expands the event: index it.
    recurrent_id = fields.Integer(index=True)
    cluster_id = fields.Many2one(
        comodel_name="omnia.cluster",
        index=True,
        ondelete="set null",
        help="The cluster this work is for, e.g. a cluster meeting.",
    )
    hours = fields.Float(
        compute="_compute_hours",
        help="Hours counted in the weekly hours report: the duration, or for "
             "all-day events the hours of a working day (Settings) per day.",
    )

    @api.model
    def default_get(self, fields_list):
        defaults = super().default_get(fields_list)
        context = self.env.context
        partner = self.env["res.partner"]
        if context.get("default_opportunity_id"):
            partner = self.env["crm.lead"].browse(context["default_opportunity_id"]).partner_id
        elif context.get("active_model") == "res.partner" and context.get("active_id"):
            partner = partner.browse(context["active_id"])
        partner = partner.commercial_partner_id
        if partner.is_company:
            if "omnia_partner_id" in fields_list and not defaults.get("omnia_partner_id"):
                defaults["omnia_partner_id"] = partner.id
            if "work_type_id" in fields_list and not defaults.get("work_type_id"):
                defaults["work_type_id"] = self._omnia_customer_meeting_type().id
        if defaults.get("omnia_partner_id") and defaults.get("partner_ids"):
            # Odoo invites the partner a meeting is started from: the
            # customer company itself is no attendee of its meetings.
            defaults["partner_ids"] = self._without_companies(defaults["partner_ids"])
        if context.get("omnia_customer_meeting") and not defaults.get("start"):
            defaults.update(self._omnia_next_hour_defaults(fields_list))
        return defaults

    @api.model
    def _without_companies(self, value):
        """A many2many default (ids or a (6, 0, ids) command) without the
        companies in it."""
        if value and isinstance(value[0], (list, tuple)):
            return [tuple(command[:2]) + (self._without_companies(list(command[2])),)
                    if command[0] == 6 else command for command in value]
        companies = self.env["res.partner"].browse(value).filtered("is_company")
        return [partner_id for partner_id in value if partner_id not in companies.ids]

    @api.model
    def _omnia_next_hour_defaults(self, fields_list, now=None):
        """A one-hour timed event from the next full hour after ``now``
        (a datetime, UTC; default: now)."""
        now = now or fields.Datetime.from_string(fields.Datetime.now())
        start = now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        values = {
            "start": start, "start_datetime": start,
            "stop": start + timedelta(hours=CUSTOMER_MEETING_HOURS),
            "stop_datetime": start + timedelta(hours=CUSTOMER_MEETING_HOURS),
        }
        defaults = {name: fields.Datetime.to_string(value)
                    for name, value in values.items() if name in fields_list}
        if "duration" in fields_list:
            defaults["duration"] = CUSTOMER_MEETING_HOURS
        if "allday" in fields_list:
            defaults["allday"] = False
        return defaults

    @api.model
    def _omnia_customer_meeting_type(self):
        """The work type of a meeting started from a customer: the
        customer visit, or else the first active customer-meeting type."""
        work_type = self.env.ref(
            "omnia_customer.work_type_customer_visit", raise_if_not_found=False)
        if work_type and work_type.active and work_type.is_customer_meeting:
            return work_type
        return self.env["omnia.work.type"].search(
            [("is_customer_meeting", "=", True)], limit=1)

    @api.multi
    @api.depends("allday", "start", "stop", "duration")
    def _compute_hours(self):
        allday_hours = self._get_allday_hours()
        for event in self:
            if event.allday and event.start and event.stop:
                days = (fields.Date.from_string(event.stop)
                        - fields.Date.from_string(event.start)).days + 1
                event.hours = days * allday_hours
            else:
                event.hours = event.duration

    @api.constrains("start", "stop", "start_datetime", "stop_datetime", "start_date",
                    "stop_date", "duration", "allday")
    def _check_closing_date(self):
        # Replaces the core check, to name the field first as the team's
        # other messages do, and to name every wrong field of an event in
        # one message.
        for event in self:
            problems = event._date_problems()
            if problems:
                raise ValidationError("\n".join(message for dummy, message in problems))

    @api.multi
    def _date_problems(self):
        """The problems of this event's dates and duration: (field name,
        message) pairs, one per wrong field, each message starting with the
        field's label."""
        self.ensure_one()
        problems = []
        name = self.name or ""
        if self.start and self.stop and self.stop < self.start:
            problems.append(("stop", _(
                "End: the event '%(name)s' must not end before it starts (%(start)s).")
                % {"name": name, "start": self.start}))
        if self.duration < 0:
            problems.append(("duration", _("Duration: must not be negative (event '%s').") % name))
        if not self.allday:
            span = 0.0
            if self.start and self.stop:
                delta = (fields.Datetime.from_string(self.stop)
                         - fields.Datetime.from_string(self.start))
                span = delta.total_seconds() / 3600.0
            if max(span, self.duration) > MAX_EVENT_HOURS:
                problems.append(("duration", _(
                    "Duration: a timed event lasts at most %(max)s hours; mark "
                    "longer work as an all-day event (event '%(name)s').")
                    % {"max": MAX_EVENT_HOURS, "name": name}))
        return problems

    @api.onchange("duration")
    def _onchange_duration_warning(self):
        # The duration alone: a warning per changed field would repeat as
        # the calendar's own onchange moves the end.
        return warning_of([message for fname, message in self._date_problems()
                           if fname == "duration"])

    @api.onchange("interval", "recurrency")
    def _onchange_interval_warning(self):
        if self.recurrency and self.interval < 1:
            return warning_of([_("Repeat Every: must be at least 1 (event '%s').")
                               % (self.name or "")])
        return None

    @api.multi
    def _check_size(self):
        """Bound what one event makes in the hours report (occurrence rows).
        Checked after create and write, not as a constraint: reading the
        rule's fields while Odoo 11's calendar creates an event leaves its
        rule (rrule) uncomputed."""
        for event in self:
            if event.allday and event.start and event.stop:
                days = (fields.Date.from_string(event.stop[:10])
                        - fields.Date.from_string(event.start[:10])).days + 1
                if days > MAX_ALLDAY_DAYS:
                    raise ValidationError(
                        _("End: an all-day event covers at most %(max)d days "
                          "(event '%(name)s' covers %(days)d).")
                        % {"max": MAX_ALLDAY_DAYS, "name": event.name, "days": days})
            if event.recurrency:
                event._check_recurrence_size()

    @api.multi
    def _check_recurrence_size(self):
        """Bound a recurrence from its rule's fields alone (no expansion:
        this runs inside the calendar's own write, before its rule is
        recomputed): at most MAX_RECURRENCE_COUNT occurrences, the last one
        (at the latest) within HORIZON_DAYS of the start."""
        self.ensure_one()
        if self.interval < 1:
            raise ValidationError(
                _("Repeat Every: must be at least 1 (event '%s').") % self.name)
        if self.end_type == "count" and not 1 <= self.count <= MAX_RECURRENCE_COUNT:
            raise ValidationError(self._recurrence_too_often_message())
        if not self.start:
            return
        start = fields.Datetime.from_string(self.start)
        last_allowed = start + timedelta(days=HORIZON_DAYS)
        # occurrences per period: the weekdays of a weekly rule
        per_period = max(len([day for day in WEEKDAYS if self[day]]), 1) \
            if self.rrule_type == "weekly" else 1
        if self.end_type == "count":
            periods = -(-self.count // per_period) - 1      # ceil - 1
            if start + self._rule_step(periods) > last_allowed:
                raise ValidationError(self._recurrence_too_long_message(last_allowed))
        elif self.end_type == "end_date" and self.final_date:
            final = fields.Datetime.from_string(self.final_date[:10] + " 23:59:59")
            if final > last_allowed:
                raise ValidationError(self._recurrence_too_long_message(last_allowed))
            periods = 0
            while start + self._rule_step(periods + 1) <= final \
                    and periods * per_period <= MAX_RECURRENCE_COUNT:
                periods += 1
            if (periods + 1) * per_period > MAX_RECURRENCE_COUNT:
                raise ValidationError(self._recurrence_too_often_message())

    @api.multi
    def _rule_step(self, periods):
        """The time from the start to the start of the rule's period number
        ``periods`` (0 is the first)."""
        steps = periods * self.interval
        if self.rrule_type == "weekly":
            return relativedelta(weeks=steps)
        if self.rrule_type == "monthly":
            return relativedelta(months=steps)
        if self.rrule_type == "yearly":
            return relativedelta(years=steps)
        return relativedelta(days=steps)

    @api.multi
    def _recurrence_too_often_message(self):
        return _("Repeat: an event repeats 1 to %(max)d times (event '%(name)s').") % {
            "max": MAX_RECURRENCE_COUNT, "name": self.name}

    @api.multi
    def _recurrence_too_long_message(self, last):
        return _("Repeat Until: a recurring event ends at most ten years after its "
                 "start, by %(last)s (event '%(name)s').") % {
            "last": fields.Date.to_string(last.date()), "name": self.name}

    @api.onchange("opportunity_id")
    def _onchange_opportunity_id(self):
        partner = self.opportunity_id.partner_id.commercial_partner_id
        if partner.is_company and not self.omnia_partner_id:
            self.omnia_partner_id = partner

    @api.model
    def _where_calc(self, domain, active_test=True):
        # A domain on the addon's fields matches only events whose details
        # the user may see: Odoo masks a private event's fields on read
        # alone, so a search (or a grouping) by customer would reveal it.
        # (_where_calc serves search, search_count and read_group in Odoo 11;
        # from 13.0 on the same belongs in _search and _read_group_raw.)
        if domain and any(
                isinstance(leaf, (list, tuple)) and len(leaf) == 3
                and isinstance(leaf[0], str) and leaf[0].split(".")[0] in PRIVATE_FIELDS
                for leaf in domain):
            domain = self._with_private_masked(domain)
        return super()._where_calc(domain, active_test=active_test)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False,
                   lazy=True):
        # Groups by the addon's fields leave out others' private events too.
        groupbys = [groupby] if isinstance(groupby, str) else list(groupby or ())
        if any(isinstance(name, str) and name.split(":")[0] in PRIVATE_FIELDS
               for name in groupbys):
            domain = self._with_private_masked(domain or [])
        return super().read_group(domain, fields, groupby, offset=offset, limit=limit,
                                  orderby=orderby, lazy=lazy)

    @api.model
    def _with_private_masked(self, domain):
        """``domain`` restricted to the events whose details the user sees:
        not private, or his own or attended by him (as Odoo's read)."""
        if is_superuser(self.env):
            return domain
        return expression.AND([domain, [
            "|", "|", ("privacy", "!=", "private"),
            ("user_id", "=", self.env.uid),
            ("partner_ids", "in", [self.env.user.partner_id.id]),
        ]])

    @api.model
    def search(self, args, offset=0, limit=0, order=None, count=False):
        detached = self.env.context.get("omnia_detached_ids")
        if detached is not None and is_detached_lookup(args) and not (
                offset or limit or order or count):
            # The detached occurrences of a recurring event that Odoo's
            # expansion looks up, event by event: read beforehand for a
            # whole batch of events (omnia.event.occurrence).
            return self.browse(detached.get(args[0][2], ()))
        return super().search(args, offset=offset, limit=limit, order=order, count=count)

    @api.model
    def create(self, vals):
        if vals.get("opportunity_id") and "omnia_partner_id" not in vals:
            partner = self.env["crm.lead"].browse(vals["opportunity_id"]).partner_id
            if partner.commercial_partner_id.is_company:
                vals = dict(vals, omnia_partner_id=partner.commercial_partner_id.id)
        # Core create writes the event again (final date, attendees): check
        # and count its occurrences once, at the end. (A flag on the cursor,
        # which no client can send, unlike a context key.)
        with cursor_flag(self.env, _CREATING_FLAG):
            event = super().create(vals)
        event = self.browse(event.id)
        event._check_size()
        self.env["omnia.event.occurrence"]._refresh([event.id, event.recurrent_id])
        if event.omnia_partner_id and event.work_type_id.is_customer_meeting:
            # A customer meeting logged: the care model's activities follow.
            self.env["omnia.care.activity"]._sync(event.omnia_partner_id.ids)
        return event

    @api.multi
    def write(self, vals):
        self._check_work_fields_rights(vals)
        if flag_raised(self.env, _CREATING_FLAG):
            return super().write(vals)
        care_partner_ids = []
        if CARE_FIELDS.intersection(vals):
            care_partner_ids = self._omnia_care_partner_ids()
        if not OCCURRENCE_FIELDS.intersection(vals):
            result = super().write(vals)
            self._omnia_sync_care(care_partner_ids)
            return result
        result = super().write(vals)
        real_ids = real_event_ids(self.ids)
        self.browse(real_ids)._check_size()
        # A detached or deleted occurrence changes its recurring event too.
        parent_ids = [
            event.recurrent_id for event in self.browse(real_ids).with_context(active_test=False)
            if event.recurrent_id
        ]
        self.env["omnia.event.occurrence"]._refresh(real_ids + parent_ids)
        self._omnia_sync_care(care_partner_ids)
        return result

    @api.multi
    def unlink(self):
        care_partner_ids = self._omnia_care_partner_ids()
        result = super().unlink()
        self.env["omnia.care.activity"]._sync(care_partner_ids)
        return result

    @api.multi
    def _omnia_care_partner_ids(self):
        """The customers of these events (real ids, archived too) whose
        work type is a customer meeting: their care model activities depend
        on them."""
        ids = real_event_ids(self.ids)
        if not ids:
            return []
        # Raw SQL: two columns of the events, whatever the user may read of
        # them (others' private events count as meetings too).
        self.env.cr.execute("""
            SELECT DISTINCT e.omnia_partner_id
              FROM calendar_event e
              JOIN omnia_work_type wt ON wt.id = e.work_type_id AND wt.is_customer_meeting
             WHERE e.id = ANY(%s) AND e.omnia_partner_id IS NOT NULL
        """, (list(ids),))
        return [row[0] for row in self.env.cr.fetchall()]

    @api.multi
    def _omnia_sync_care(self, partner_ids_before):
        """After a write: sync the care model's activities of the customers
        the events were and are now meetings of."""
        self.env["omnia.care.activity"]._sync(
            set(partner_ids_before) | set(self._omnia_care_partner_ids()))

    @api.multi
    def action_record_omnia_feedback(self):
        """Open a new feedback form received at this event, in a dialog in
        front of the event (which the calendar shows in a dialog itself),
        dated on the event's day in the user's time zone, never later than
        today."""
        self.ensure_one()
        company = self.omnia_partner_id
        contacts = self.partner_ids.filtered(
            lambda p: company and p.parent_id == company)
        action = self.env["omnia.feedback"]._action_record({
            "default_partner_id": company.id,
            "default_contact_id": contacts[:1].id,
            "default_event_id": real_event_ids([self.id])[0],
            "default_date": self._omnia_local_date(),
            "default_source": "visit",
        })
        action["target"] = "new"
        return action

    @api.multi
    def _omnia_local_date(self):
        """The event's day in the user's time zone (its date for an all-day
        event), or today if that is later."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        if not self.start:
            return today
        if self.allday:
            day = self.start[:10]
        else:
            day = fields.Date.context_today(self, fields.Datetime.from_string(self.start))
        return min(day, today)

    @api.multi
    def _check_work_fields_rights(self, vals):
        """Only the organiser, a team lead or management change what work an
        event records; attendees may still edit the rest."""
        if not any(name in vals for name in PROTECTED_WORK_FIELDS):
            return
        user = self.env.user
        if is_management(self.env) or user.has_group(GROUP_TEAM_LEAD):
            return
        events = self.browse(real_event_ids(self.ids))
        if any(event.user_id and event.user_id != user for event in events):
            raise AccessError(_(
                "Work Type and Customer: only the organiser of the event, a "
                "team lead or management can change them."))

    @api.model
    def _get_allday_hours(self):
        # sudo: system parameters are readable by admins only; every user's
        # hours depend on this one.
        value = self.env["ir.config_parameter"].sudo().get_param(ALLDAY_HOURS_PARAM)
        try:
            return float(value) if value else ALLDAY_HOURS_DEFAULT
        except ValueError:
            return ALLDAY_HOURS_DEFAULT
