"""Two real connections on the same record, scheduled actions run twice,
and a bulk change killed half-way."""
import threading
import time

import psycopg2
import pytest

from conftest import diff_checksums, table_checksums

# the addon's records that several people update, and two of their fields
SHARED_RECORDS = {
    "omnia.feedback": ("description", "response"),
    "omnia.care.plan": ("goals", "customer_needs"),
}


def _feedback(admin):
    partner_id = admin.call("res.partner", "create",
                            {"name": "Rinnakkain Oy", "is_company": True})
    return admin.call("omnia.feedback", "create", {
        "partner_id": partner_id, "polarity": "negative",
        "date": "2026-03-02", "description": "start"})


def _care_plan(admin):
    partner_id = admin.call("res.partner", "create",
                            {"name": "Yhteissuunnitelma Oy", "is_company": True})
    return admin.call("omnia.care.plan", "create",
                      {"partner_id": partner_id, "year": 2026})


FACTORIES = {"omnia.feedback": _feedback, "omnia.care.plan": _care_plan}


def _text(value):
    """An Html field's value as its text."""
    return (value or "").replace("<p>", "").replace("</p>", "")


def test_serialization_failure_is_retried_without_lost_update(admin, server):
    """Another transaction holds the row; the XML-RPC write waits, fails to
    serialize when that one commits, is retried by Odoo and keeps both."""
    feedback_id = _feedback(admin)
    other = psycopg2.connect(dbname=server[1])
    try:
        with other.cursor() as cr:
            cr.execute("UPDATE omnia_feedback SET response = %s WHERE id = %s",
                       ("answered by phone", feedback_id))
        outcome = {}

        def write_description():
            try:
                outcome["result"] = admin.call(
                    "omnia.feedback", "write", [feedback_id],
                    {"description": "second client"})
            except Exception as error:  # reported by the assertion below
                outcome["error"] = error

        writer = threading.Thread(target=write_description)
        writer.start()
        time.sleep(1.5)             # the write now waits for the row lock
        assert writer.is_alive()
        other.commit()
        writer.join(60)
    finally:
        other.close()
    assert outcome == {"result": True}
    record = admin.call("omnia.feedback", "read", [feedback_id],
                        ["description", "response"])[0]
    assert record["description"] == "second client"
    assert record["response"] == "answered by phone"


@pytest.mark.parametrize("model", sorted(SHARED_RECORDS))
def test_two_clients_writing_the_same_record(admin, users, model):
    """Two clients write different fields of one record 15 times each, at
    the same time: every call succeeds and both last values are kept."""
    record_id = FACTORIES[model](admin)
    first, second = SHARED_RECORDS[model]
    errors = []

    def writer(field, client):
        for n in range(15):
            try:
                client.call(model, "write", [record_id],
                            {field: "%s %d" % (field, n)})
            except Exception as error:  # collected and asserted below
                errors.append(error)

    # a team lead and the administrator: two users, two connections
    threads = [threading.Thread(target=writer, args=(first, admin)),
               threading.Thread(target=writer,
                                args=(second, users["team_lead"]))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    record = admin.call(model, "read", [record_id], [first, second])[0]
    assert _text(record[first]) == "%s 14" % first
    assert _text(record[second]) == "%s 14" % second


def test_scheduled_actions_twice_give_the_same_result(admin, pg):
    """The addon's scheduled actions run once, then twice at once: the two
    later runs change nothing (nothing done or counted twice)."""
    data = admin.call("ir.model.data", "search_read",
                      [("module", "=", "omnia_customer"),
                       ("model", "=", "ir.cron")], ["res_id"])
    cron_ids = [d["res_id"] for d in data]
    if not cron_ids:
        pytest.skip("the addon has no scheduled action")

    def trigger():
        # one by one: Odoo 11's method_direct_trigger runs one cron per call
        for cron_id in cron_ids:
            admin.call("ir.cron", "method_direct_trigger", [cron_id])

    trigger()
    before = table_checksums(pg)
    before.pop("ir_cron", None)
    threads = [threading.Thread(target=trigger) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    after = table_checksums(pg, sorted(before))
    assert diff_checksums(before, after) == []


def test_killed_bulk_reassignment_leaves_all_or_nothing(
        admin, users, pg, server):
    """The server's transaction of a bulk reassignment is killed half-way
    (its database connection ends, as when the server process dies): every
    customer and care plan is as before; run again, all move."""
    old, new = users["account_manager"].uid, users["team_lead"].uid
    partner_ids = [admin.call("res.partner", "create", {
        "name": "Keskeytys %02d Oy" % n, "is_company": True, "user_id": old})
        for n in range(20)]
    plan_ids = [admin.call("omnia.care.plan", "create",
                           {"partner_id": partner_id, "year": 2026})
                for partner_id in partner_ids]
    wizard_id = admin.call("omnia.customer.reassign", "create", {
        "partner_ids": [(6, 0, partner_ids)], "account_manager_id": new})
    # another transaction holds the last care plan: the reassignment stops
    # there, after it has updated the customers
    locker = psycopg2.connect(dbname=server[1])
    with locker.cursor() as cr:
        cr.execute("SELECT id FROM omnia_care_plan WHERE id = %s FOR UPDATE",
                   (plan_ids[-1],))
    outcome = {}

    def reassign():
        try:
            admin.call("omnia.customer.reassign", "action_reassign",
                       [wizard_id])
            outcome["result"] = "done"
        except Exception as error:  # the killed call; asserted below
            outcome["error"] = error

    worker = threading.Thread(target=reassign)
    worker.start()
    waiting = []
    with pg.cursor() as cr:
        for _attempt in range(120):
            cr.execute("""SELECT pid FROM pg_stat_activity
                          WHERE datname = %s AND wait_event_type = 'Lock'""",
                       (server[1],))
            waiting = [row[0] for row in cr.fetchall()]
            if waiting:
                break
            time.sleep(0.25)
        assert waiting, "the reassignment never reached the locked care plan"
        cr.execute("SELECT pg_terminate_backend(%s)", (waiting[0],))
    worker.join(60)
    locker.rollback()
    locker.close()
    assert "error" in outcome, outcome

    def managers():
        partners = admin.call("res.partner", "read", partner_ids, ["user_id"])
        plans = admin.call("omnia.care.plan", "read", plan_ids,
                           ["account_manager_id"])
        return ({p["user_id"][0] for p in partners},
                {p["account_manager_id"][0] for p in plans})

    assert managers() == ({old}, {old})
    admin.call("omnia.customer.reassign", "action_reassign", [wizard_id])
    assert managers() == ({new}, {new})
