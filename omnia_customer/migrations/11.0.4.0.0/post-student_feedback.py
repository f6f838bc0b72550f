# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""11.0.4.0.0: student feedback in its own right. The qualifications
written as text on the meetings become qualification records, and each
employer's steering group becomes the steering group of a training. Run
again, it changes nothing."""
from odoo import SUPERUSER_ID, api
from odoo.tools import column_exists


def convert_qualifications(env):
    """A qualification record for every distinct qualification written on a
    meeting (the same name in any case and spacing is one qualification; an
    existing record of that name is used), linked to its meetings. The old
    text column is kept as it was."""
    cr = env.cr
    if not column_exists(cr, "omnia_feedback_meeting", "qualification"):
        return
    # Raw SQL: the text column is no field of the new version; one look-up
    # of its distinct values and one update linking them.
    cr.execute("""
        SELECT LOWER(TRIM(qualification)), MIN(TRIM(qualification))
          FROM omnia_feedback_meeting
         WHERE qualification_id IS NULL AND TRIM(COALESCE(qualification, '')) != ''
         GROUP BY LOWER(TRIM(qualification))
    """)
    Qualification = env["omnia.qualification"].with_context(active_test=False)
    ids = {}
    for key, name in cr.fetchall():
        qualification = Qualification.search([("name", "=ilike", name)], limit=1) \
            or Qualification.create({"name": name})
        ids[key] = qualification.id
    if ids:
        cr.execute("""
            UPDATE omnia_feedback_meeting m
               SET qualification_id = v.qualification_id
              FROM (SELECT UNNEST(%s) AS key, UNNEST(%s) AS qualification_id) v
             WHERE m.qualification_id IS NULL
               AND LOWER(TRIM(m.qualification)) = v.key
        """, (list(ids), list(ids.values())))
    env["omnia.feedback.meeting"].invalidate_cache()


def create_steering_group_trainings(env):
    """The steering-group meetings of an employer, per qualification (none
    is one), become the meetings of one training: named and run as their
    latest meeting, from the date of their first; each meeting's previous
    meeting is then looked up within its training."""
    Meeting = env["omnia.feedback.meeting"].with_context(
        tracking_disable=True, mail_notrack=True)
    meetings = Meeting.search([
        ("type", "=", "steering_group"), ("training_id", "=", False)],
        order="date, id")
    groups = {}
    for meeting in meetings:
        groups.setdefault(
            (meeting.partner_id.id, meeting.qualification_id.id), Meeting)
        groups[(meeting.partner_id.id, meeting.qualification_id.id)] |= meeting
    # A previous meeting in another group is another training's: cleared
    # first (the meetings refuse it), looked up again at the end.
    crossed = meetings.filtered(lambda m: m.previous_meeting_id and not (
        m.previous_meeting_id & groups[(m.partner_id.id, m.qualification_id.id)]))
    crossed.write({"previous_meeting_id": False})
    Training = env["omnia.training"]
    for (partner_id, qualification_id), group in groups.items():
        latest = group[-1]
        training = Training.create({
            "name": latest.name,
            "partner_id": partner_id,
            "qualification_id": qualification_id,
            "user_id": latest.user_id.id,
            "date_start": group[0].date,
        })
        group.write({"training_id": training.id, "partner_id": partner_id})
    for meeting in crossed:
        meeting.previous_meeting_id = meeting._find_previous_meeting()


def link_meeting_feedback(env):
    """Feedback received at a meeting is about the meeting's training or
    qualification."""
    feedbacks = env["omnia.feedback"].search([
        ("meeting_id", "!=", False),
        ("training_id", "=", False), ("qualification_id", "=", False)])
    for meeting in feedbacks.mapped("meeting_id"):
        if meeting.training_id or meeting.qualification_id:
            feedbacks.filtered(lambda f, m=meeting: f.meeting_id == m).write({
                "training_id": meeting.training_id.id,
                "qualification_id": meeting.qualification_id.id,
            })


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    convert_qualifications(env)
    create_steering_group_trainings(env)
    link_meeting_feedback(env)
