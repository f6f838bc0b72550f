"""The Odoo server process killed (SIGKILL) in the middle of a bulk
reassignment, an import and each scheduled action of the addon.

Each test calls the work on a server process of its own (``killable``),
waits in ``pg_stat_activity`` until that server's transaction has written
part of the work, kills the process and checks that PostgreSQL aborted the
transaction. Then every table of the database is compared with its state
before the call, the server is started again on the same database and the
work is run again: the result is that of an uninterrupted run, nothing done
twice.
"""
import os
import threading
import time
import xmlrpc.client
from datetime import timedelta

import pytest

from conftest import (ServerTransaction, add_figure, diff_checksums,
                      table_checksums)

# Customers of the bulk reassignment, each with an open lead and care plan.
REASSIGN_CUSTOMERS = int(os.environ.get("KILL_REASSIGN_CUSTOMERS", "24"))
# Rows of the imported files: partners, feedback.
IMPORT_ROWS = int(os.environ.get("KILL_IMPORT_ROWS", "200"))
FEEDBACK_ROWS = int(os.environ.get("KILL_FEEDBACK_ROWS", "60"))
# Work of each scheduled action: customers, projects (a third as many
# recurring events).
CRON_RECORDS = int(os.environ.get("KILL_CRON_RECORDS", "30"))
# Set-up data only: without the chatter's messages of a creation.
QUIET = {"tracking_disable": True}


def _start(function, *args):
    """Run ``function(*args)`` in a thread: (thread, outcome)."""
    outcome = {}

    def run():
        try:
            outcome["result"] = function(*args)
        except Exception as error:  # a killed call; asserted by the caller
            outcome["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def _load(admin, model, fields, rows):
    result = admin.call(model, "load", fields, rows, context=QUIET)
    assert result["messages"] == [] and len(result["ids"]) == len(rows)
    return result["ids"]


def _last_value(pg, sequence):
    with pg.cursor() as cr:
        # the sequence name is the test's own constant
        cr.execute('SELECT last_value FROM "%s"' % sequence)
        return cr.fetchone()[0]


def _kill_during(killable, pg, server, call, sequence, rows, pattern="."):
    """Run ``call(client)`` on the killable server and kill it once its
    transaction has inserted ``rows`` rows with ids from ``sequence`` (a
    sequence advances outside transactions: the work done so far shows)
    and runs a statement matching ``pattern``.

    Asserts that the call broke off, that PostgreSQL aborted the
    transaction, that every table is as before the call, once after the
    kill and once after the restart; returns the restarted server's client.
    """
    client = killable.ensure_started()
    before = table_checksums(pg)
    start = _last_value(pg, sequence) if sequence else 0
    thread, outcome = _start(call, client)
    transaction = ServerTransaction(pg, server[1]).wait_for(
        pattern, lambda: (not sequence or _last_value(pg, sequence) - start >= rows),
        alive=thread.is_alive)
    killable.kill()
    thread.join(60)
    assert "error" in outcome, outcome
    # mid-transaction: the server's transaction had written and never ended
    assert transaction.outcome() == "aborted"
    add_figure("kills that aborted a transaction half-way", 1)
    differing = diff_checksums(before, table_checksums(pg))
    client = killable.start()
    differing += diff_checksums(before, table_checksums(pg))
    add_figure("tables differing from the state before a kill", len(differing))
    assert differing == []
    add_figure("table rows compared with the state before a kill",
               2 * sum(count for count, _md5 in before.values()))
    return client


# --------------------------------------------------------------------------
# Scheduled actions
# --------------------------------------------------------------------------

def _today(pg):
    with pg.cursor() as cr:
        cr.execute("SELECT current_date")
        return cr.fetchone()[0]


def _segments_work(admin, pg, request):
    """Customers without a segment class and with their figures of the day
    before; the suggested classes applied automatically (Settings)."""
    admin.call("ir.config_parameter", "set_param",
               "omnia_customer.segment_auto_apply", "True")
    request.addfinalizer(lambda: admin.call(
        "ir.config_parameter", "set_param", "omnia_customer.segment_auto_apply", False))
    with pg.cursor() as cr:
        # the customers of the other tests already follow their suggestion
        # (keeps the test short)
        cr.execute("UPDATE res_partner SET segment_id = suggested_segment_id,"
                   " segment_mismatch = FALSE WHERE segment_mismatch")
    partner_ids = _load(admin, "res.partner", ["name", "is_company"], [
        ["Luokiteltava %03d Oy" % n, "1"] for n in range(CRON_RECORDS)])
    with pg.cursor() as cr:
        # the 12-month figures of the day before, which the job moves
        cr.execute("UPDATE res_partner SET won_count_12m = 1, won_revenue_12m = 500"
                   " WHERE id IN %s", (tuple(partner_ids),))
    segment_c = admin.call("ir.model.data", "xmlid_to_res_id",
                           "omnia_customer.segment_c", True)

    def result(client):
        partners = client.call("res.partner", "read", partner_ids, [
            "segment_id", "won_count_12m", "won_revenue_12m", "segment_mismatch"])
        changes = client.call("mail.tracking.value", "search_count", [
            ("field", "=", "segment_id"),
            ("mail_message_id.model", "=", "res.partner"),
            ("mail_message_id.res_id", "in", partner_ids)])
        return (sorted({(p["segment_id"] and p["segment_id"][0], p["won_count_12m"],
                         p["won_revenue_12m"], p["segment_mismatch"])
                        for p in partners}), changes)

    # killed once half the customers' new classes are in their chatter
    return (result, ([(segment_c, 0, 0.0, False)], CRON_RECORDS),
            "mail_tracking_value_id_seq", CRON_RECORDS // 2, ".")


def _reminders_work(admin, pg, request):
    """Projects whose application deadline is near: a to-do each."""
    deadline = (_today(pg) + timedelta(days=5)).isoformat()
    project_ids = _load(admin, "omnia.project", [
        "name", "application_deadline", "reminder_days"], [
        ["Hakemus %03d" % n, deadline, "10"] for n in range(CRON_RECORDS)])

    def result(client):
        projects = client.call("omnia.project", "read", project_ids,
                               ["reminder_deadline"])
        activities = client.call("mail.activity", "search_read", [
            ("res_model", "=", "omnia.project"), ("res_id", "in", project_ids)],
            ["res_id", "date_deadline"])
        return (sorted({p["reminder_deadline"] for p in projects}),
                sorted(a["res_id"] for a in activities),
                sorted({a["date_deadline"] for a in activities}))

    # killed once half the to-dos are written
    return (result, ([deadline], sorted(project_ids), [deadline]),
            "mail_activity_id_seq", CRON_RECORDS // 2, ".")


OCCURRENCE_COLUMNS = "event_id, start, stop, date, week, allday, hours, user_id, work_type_id"


def _occurrences(pg, event_ids=None):
    """The occurrences (without their ids) of the events, or of all."""
    with pg.cursor() as cr:
        # the columns are the test's own constant
        cr.execute("SELECT %s FROM omnia_event_occurrence"
                   " WHERE %%(all)s OR event_id IN %%(ids)s ORDER BY %s"
                   % (OCCURRENCE_COLUMNS, OCCURRENCE_COLUMNS),
                   {"all": event_ids is None, "ids": tuple(event_ids or [0])})
        return cr.fetchall()


def _horizon_work(admin, pg, request):
    """Weekly events for eight years whose occurrences are stored for one
    year only, as when the horizon was set a year ago: the monthly job
    stores those of the second year."""
    start = _today(pg) + timedelta(days=30)
    events = max(CRON_RECORDS // 3, 1)
    event_ids = _load(admin, "calendar.event", [
        "name", "start", "stop", "duration", "recurrency", "rrule_type",
        "end_type", "final_date"], [
        ["Viikkopalaveri %03d" % n, "%s %02d:00:00" % (start, 7 + n % 3),
         "%s %02d:00:00" % (start, 8 + n % 3), "1", "1", "weekly", "end_date",
         (start + timedelta(days=8 * 365)).isoformat()] for n in range(events)])
    complete = _occurrences(pg, event_ids)
    assert len(complete) >= 100 * events
    with pg.cursor() as cr:
        cr.execute("DELETE FROM omnia_event_occurrence"
                   " WHERE event_id IN %s AND date > %s",
                   (tuple(event_ids), start + timedelta(days=365)))

    def result(_client):
        return _occurrences(pg, event_ids)

    # killed once its transaction has deleted the stored occurrences and
    # reads the events to expand them
    return result, complete, None, 0, '"?calendar_event"?'


CRONS = {
    "omnia_customer.res_partner_cron_refresh_segments": _segments_work,
    "omnia_customer.ir_cron_omnia_project_deadline_reminders": _reminders_work,
    "omnia_customer.omnia_event_occurrence_cron_horizon": _horizon_work,
}


def _settled(pg):
    """Every table, the occurrences without their ids (the job writes the
    occurrences of an event anew)."""
    state = table_checksums(pg)
    state["omnia_event_occurrence"] = _occurrences(pg)
    return state


@pytest.mark.parametrize("xmlid", sorted(CRONS))
def test_killed_scheduled_action(admin, pg, server, killable, request, xmlid):
    """Killed half-way: all as before. Run again, twice at once: the result
    of one uninterrupted run. Once more: nothing changes."""
    cron_id = admin.call("ir.model.data", "xmlid_to_res_id", xmlid, True)
    result, done, sequence, rows, pattern = CRONS[xmlid](admin, pg, request)
    before = result(admin)
    assert before != done

    def trigger(client):
        return client.call("ir.cron", "method_direct_trigger", [cron_id])

    client = _kill_during(killable, pg, server, trigger, sequence, rows, pattern)
    assert result(client) == before
    # twice at once: on the restarted server and, once that one's
    # transaction has written, on the other server
    first, first_outcome = _start(trigger, client)
    ServerTransaction(pg, server[1]).wait_for(alive=first.is_alive)
    second, second_outcome = _start(trigger, admin)
    first.join(300)
    second.join(300)
    assert first_outcome == second_outcome == {"result": True}
    assert result(admin) == done
    settled = _settled(pg)
    trigger(admin)
    assert diff_checksums(settled, _settled(pg)) == []
    add_figure("scheduled actions run twice at once", 1)


def test_killed_during_bulk_reassignment(admin, users, pg, server, killable):
    """Killed once half the customers' leads and care plans have moved:
    all as before; run again after the restart, all moved, each change in
    the chatter once."""
    old, new = users["account_manager"].uid, users["team_lead"].uid
    count = REASSIGN_CUSTOMERS
    partner_ids = _load(admin, "res.partner", ["name", "is_company", "user_id/.id"], [
        ["Siirtyvä %03d Oy" % n, "1", str(old)] for n in range(count)])
    lead_ids = _load(admin, "crm.lead", ["name", "type", "partner_id/.id", "user_id/.id"], [
        ["Koulutustarve %03d" % n, "opportunity", str(partner_id), str(old)]
        for n, partner_id in enumerate(partner_ids)])
    plan_ids = _load(admin, "omnia.care.plan", ["partner_id/.id", "year"], [
        [str(partner_id), "2026"] for partner_id in partner_ids])
    wizard_id = admin.call("omnia.customer.reassign", "create", {
        "partner_ids": [(6, 0, partner_ids)], "account_manager_id": new})

    def managers(client):
        return (
            {r["user_id"][0] for r in client.call(
                "res.partner", "read", partner_ids, ["user_id"])},
            {r["user_id"][0] for r in client.call(
                "crm.lead", "read", lead_ids, ["user_id"])},
            {r["account_manager_id"][0] for r in client.call(
                "omnia.care.plan", "read", plan_ids, ["account_manager_id"])},
        )

    def notes(client):
        return client.call("mail.message", "search_count", [
            ("model", "=", "res.partner"), ("res_id", "in", partner_ids),
            ("body", "like", "open care plans moved")])

    def chatter(client):
        return tuple(client.call("mail.message", "search_count", [
            ("model", "=", model), ("res_id", "in", ids)])
            for model, ids in (("res.partner", partner_ids), ("crm.lead", lead_ids),
                               ("omnia.care.plan", plan_ids)))

    client = _kill_during(
        killable, pg, server,
        lambda c: c.call("omnia.customer.reassign", "action_reassign", [wizard_id]),
        # past half the customers: first a message on each customer, then
        # four as each one's work moves (see below)
        "mail_message_id_seq", count + 4 * (count // 2))
    assert managers(client) == ({old}, {old}, {old})
    assert notes(client) == 0
    messages = chatter(client)
    client.call("omnia.customer.reassign", "action_reassign", [wizard_id])
    assert managers(client) == ({new}, {new}, {new})
    # each customer: the change of manager and the note; each lead: the
    # assignment mail and the change; each care plan: the change
    assert chatter(client) == tuple(n + 2 * count for n in messages[:2]) + (
        messages[2] + count,)
    assert notes(client) == count
    add_figure("records checked after a rerun", 3 * count)


def _import_partners(admin, users, run):
    """A file of customer companies: (model, fields, rows, their check)."""
    names = ["Tuotu %s-%05d Oy" % (run, n) for n in range(IMPORT_ROWS)]
    rows = [[name, "1", "tuotu%05d@example.com" % n] for n, name in enumerate(names)]

    def imported(client):
        records = client.call("res.partner", "search_read",
                              [("name", "=like", "Tuotu %s-%%" % run)], ["name"])
        return sorted(r["name"] for r in records), 0

    return "res.partner", ["name", "is_company", "email"], rows, imported, (names, 0)


def _import_feedback(admin, users, run):
    """A file of external feedback (Aipal): each negative one gets a to-do
    for the customer's account manager."""
    customers = ["Palautteen antaja %s-%d Oy" % (run, n) for n in range(3)]
    _load(admin, "res.partner", ["name", "is_company", "user_id/.id"], [
        [name, "1", str(users["account_manager"].uid)] for name in customers])
    # Aipal feedback is about a qualification
    qualification = "Tuontitutkinto %s" % run
    admin.call("omnia.qualification", "create", {"name": qualification})
    texts = ["Palaute %s-%05d" % (run, n) for n in range(FEEDBACK_ROWS)]
    rows = [[customers[n % 3], "2026-05-%02d" % (1 + n % 28),
             "negative" if n % 3 == 0 else "positive", "aipal", text, qualification]
            for n, text in enumerate(texts)]

    def imported(client):
        records = client.call("omnia.feedback", "search_read", [
            ("description", "=like", "Palaute %s-%%" % run)], ["description"])
        to_dos = client.call("mail.activity", "search_count", [
            ("res_model", "=", "omnia.feedback"),
            ("res_id", "in", [r["id"] for r in records])])
        return sorted(r["description"] for r in records), to_dos

    negatives = len(range(0, FEEDBACK_ROWS, 3))
    return ("omnia.feedback", ["partner_id", "date", "polarity", "source", "description",
                               "qualification_id"],
            rows, imported, (texts, negatives))


@pytest.mark.parametrize("file_of", [_import_partners, _import_feedback],
                         ids=["partners", "feedback"])
def test_killed_during_import(admin, users, pg, server, killable, file_of):
    """Odoo's import of a file (``base_import``) killed after half its
    rows: nothing imported; imported again after the restart, every row
    once (and each negative feedback's to-do once)."""
    model, fields, rows, imported, done = file_of(admin, users, "%d" % time.time())
    content = ",".join(fields) + "\n" + "".join(",".join(row) + "\n" for row in rows)
    import_id = admin.call("base_import.import", "create", {
        "res_model": model,
        "file": xmlrpc.client.Binary(content.encode("utf-8")),
        "file_name": "import.csv",
        "file_type": "text/csv",
    })
    options = {"headers": True, "quoting": '"', "separator": ",",
               "encoding": "utf-8", "date_format": "%Y-%m-%d"}
    client = _kill_during(
        killable, pg, server,
        lambda c: c.call("base_import.import", "do", [import_id], fields, options),
        "%s_id_seq" % model.replace(".", "_"), len(rows) // 2,
        pattern='"%s"' % model.replace(".", "_"))
    assert imported(client) == ([], 0)
    assert client.call("base_import.import", "do", [import_id], fields, options) == []
    assert imported(client) == done
    add_figure("records checked after a rerun", len(rows) + done[1])
