"""An insider with a staff login, over XML-RPC and JSON-RPC against the
running server: each attack on the record rules is refused and changes no
table; "only one" rules hold under real concurrent transactions; a user who
is not a system administrator never receives a traceback."""
import json
import threading
import time
import urllib.request
import xmlrpc.client

import pytest

from conftest import assert_clean_fault, call_fault, diff_checksums, table_checksums


def _json_call(server, client, model, method, *args, **kwargs):
    """``execute_kw`` over JSON-RPC (``/jsonrpc``): the error dict or None."""
    body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
        "service": "object", "method": "execute_kw",
        "args": [server[1], client.uid, client.password, model, method,
                 list(args), kwargs]}}).encode()
    request = urllib.request.Request(server[0] + "/jsonrpc", data=body,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read().decode()).get("error")


@pytest.fixture(scope="module")
def world(admin, users):
    """Two account managers' customers: the test's account manager owns
    ``own``; ``other`` belongs to another account manager."""
    other_am = admin.call("res.users", "create", {
        "name": "Toinen Asiakasvastaava", "login": "rpc.other.am.%d" % time.time(),
        "groups_id": [(6, 0, [admin.call("ir.model.data", "xmlid_to_res_id",
                                         "omnia_customer.group_account_manager", True)])]})
    am = users["account_manager"]
    for client in users.values():
        # mail of the records' chatter goes out in the user's name
        if client.uid != 1:
            admin.call("res.users", "write", [client.uid],
                       {"email": "%s@example.com" % client.login})
    own = admin.call("res.partner", "create", {
        "name": "Oma Asiakas Oy", "is_company": True, "user_id": am.uid})
    other = admin.call("res.partner", "create", {
        "name": "Toisen Asiakas Oy", "is_company": True, "user_id": other_am})
    own_plan = admin.call("omnia.care.plan", "create", {"partner_id": own, "year": 2026})
    other_plan = admin.call("omnia.care.plan", "create", {"partner_id": other, "year": 2026})
    action = admin.call("omnia.care.plan.action", "create",
                        {"plan_id": own_plan, "name": "Kartoitus", "responsible_id": am.uid})
    feedback = admin.call("omnia.feedback", "create", {
        "partner_id": own, "polarity": "negative", "date": "2026-03-02",
        "description": "Liian pitkät päivät"})
    other_lead = admin.call("crm.lead", "create", {
        "name": "Toisen liidi", "partner_id": other, "user_id": other_am})
    year = 2100 + int(time.time()) % 800    # a year no other run has used
    scorecard = admin.call("omnia.scorecard", "create",
                           {"name": "Tuloskortti %d" % year, "year": year})
    target = admin.call("omnia.target", "create",
                        {"user_id": am.uid, "date_from": "2031-01-01"})
    return dict(own=own, other=other, own_plan=own_plan, other_plan=other_plan,
                action=action, feedback=feedback, other_lead=other_lead,
                scorecard=scorecard, target=target, other_am=other_am)


def _attacks(world, admin):
    """(role, model, method, args, kwargs): what the insider tries."""
    w = world
    return [
        # 1. rules that trust a field the user writes
        ("account_manager", "omnia.care.plan", "create",
         [{"partner_id": w["other"], "year": 2027, "account_manager_id": "__am__"}]),
        ("account_manager", "omnia.care.plan", "write",
         [[w["own_plan"]], {"partner_id": w["other"]}]),
        ("account_manager", "omnia.care.plan.action", "write",
         [[w["action"]], {"plan_id": w["other_plan"]}]),
        ("account_manager", "res.partner", "create",
         [{"name": "Laskutusosoite", "type": "invoice", "parent_id": w["other"]}]),
        ("account_manager", "omnia.feedback", "write",
         [[w["feedback"]], {"partner_id": w["other"]}]),
        # 2. workflow state and approval fields set directly
        ("team_lead", "omnia.scorecard", "create",
         [{"name": "Hyväksytty itse", "year": 2032, "state": "approved",
           "approved_by_id": 1}]),
        ("team_lead", "omnia.scorecard", "write",
         [[w["scorecard"]], {"approved_by_id": 1}]),
        ("team_lead", "omnia.target", "write",
         [[w["target"]], {"approved_date": "2031-01-02 08:00:00"}]),
        ("team_lead", "omnia.target", "create",
         [{"user_id": w["other_am"], "date_from": "2031-01-01", "approved_by_id": 1}]),
        ("account_manager", "omnia.feedback", "write",
         [[w["feedback"]], {"done_date": "2026-03-03"}]),
        ("account_manager", "omnia.feedback", "write",
         [[w["feedback"]], {"state": "done", "response": "\u200b"}]),
        # 3. elevated code reached from a record anyone can create
        ("account_manager", "survey.user_input", "create",
         [{"survey_id": admin.call("ir.model.data", "xmlid_to_res_id",
                                   "omnia_customer.survey_staff_training_feedback", True),
           "omnia_partner_id": w["other"], "state": "done"}]),
        # 4. unbounded work from one call
        ("account_manager", "calendar.event", "create",
         [{"name": "Loputon", "allday": True, "start": "2026-01-01",
           "stop": "7026-01-01", "start_date": "2026-01-01", "stop_date": "7026-01-01"}]),
        ("account_manager", "calendar.event", "create",
         [{"name": "Sarja", "start": "2026-01-05 08:00:00", "stop": "2026-01-05 09:00:00",
           "recurrency": True, "rrule_type": "weekly", "mo": True, "interval": 1,
           "end_type": "count", "count": 100000}]),
        ("account_manager", "calendar.event", "create",
         [{"name": "Nolla", "start": "2026-01-05 08:00:00", "stop": "2026-01-05 09:00:00",
           "recurrency": True, "rrule_type": "daily", "interval": 0,
           "end_type": "count", "count": 3}]),
        # 7. subscribing to what one cannot read
        ("account_manager", "mail.followers", "create",
         [{"res_model": "crm.lead", "res_id": w["other_lead"], "partner_id": "__partner__"}]),
    ]


def _resolve(args, client, admin):
    partner_id = admin.call("res.users", "read", [client.uid], ["partner_id"])[0]["partner_id"][0]

    def fix(value):
        if value == "__am__":
            return client.uid
        if value == "__partner__":
            return partner_id
        if isinstance(value, dict):
            return {key: fix(item) for key, item in value.items()}
        if isinstance(value, list):
            return [fix(item) for item in value]
        return value
    return fix(args)


def test_insider_attacks_refused_and_nothing_changes(admin, users, world, pg, server):
    before = table_checksums(pg)
    refused = 0
    for role, model, method, args in _attacks(world, admin):
        client = users[role]
        args = _resolve(args, client, admin)
        fault = call_fault(client, model, method, *args)
        assert_clean_fault(fault)
        # the same over JSON-RPC: an error with a message, no traceback
        error = _json_call(server, client, model, method, *args)
        assert error, "accepted over JSON-RPC: %s.%s %r" % (model, method, args)
        assert "Traceback" not in json.dumps(error)
        assert error["data"]["message"]
        refused += 1
    after = table_checksums(pg, sorted(before))
    changed = [table for table in diff_checksums(before, after)
               if table not in ("res_users_log", "bus_bus", "bus_presence")]
    assert changed == [], "tables changed by refused attacks: %s" % changed
    assert refused == len(_attacks(world, admin)) == 16


def test_malformed_input_gives_no_traceback_to_staff(admin, users, server, world):
    """A price-approved offer given a price that is text, a malformed
    groupby on a report: a message, never the server's traceback."""
    am = users["account_manager"]
    lead = admin.call("crm.lead", "create", {"name": "Hinnoiteltu", "type": "opportunity",
                                             "planned_revenue": 100.0, "user_id": am.uid})
    users["management"].call("crm.lead", "action_approve_price", [lead])
    fault = call_fault(am, "crm.lead", "write", [lead], {"planned_revenue": "abc"})
    assert_clean_fault(fault)
    assert "Expected Revenue" in fault.faultString
    for report in ("omnia.work.hours.report", "omnia.feedback.report",
                   "omnia.offer.report"):
        for groupby in (["no_such_field"], [{"x": 1}], ["date:fortnight"], [["a", "b"]]):
            fault = call_fault(users["team_lead"], report, "read_group", [], ["id"], groupby)
            assert_clean_fault(fault)
            error = _json_call(server, users["team_lead"], report, "read_group",
                               [], ["id"], groupby)
            assert error and "Traceback" not in json.dumps(error)
            assert "File \"" not in json.dumps(error)


def _one_succeeds_at_once(calls, message_start):
    """Make ``calls`` (functions making one XML-RPC call each) at the same
    moment, each in its own connection and transaction: exactly one may
    succeed, the others get the refusal starting with ``message_start``."""
    outcomes = []
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        try:
            call()
            outcomes.append("ok")
        except xmlrpc.client.Fault as fault:
            outcomes.append(fault)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 1, outcomes
    for fault in (o for o in outcomes if o != "ok"):
        assert_clean_fault(fault)
        assert fault.faultString.startswith(message_start), fault.faultString


def test_one_active_plan_under_concurrent_activation(admin, users, world):
    """Four clients activate four draft plans of one customer at once:
    exactly one succeeds; the others get the message naming the field."""
    customer = admin.call("res.partner", "create", {
        "name": "Kilpailu Oy", "is_company": True, "user_id": users["account_manager"].uid})
    plans = [admin.call("omnia.care.plan", "create", {"partner_id": customer, "year": year})
             for year in (2026, 2027, 2028, 2029)]
    _one_succeeds_at_once([
        lambda plan=plan: users["team_lead"].call("omnia.care.plan", "action_activate", [plan])
        for plan in plans], "Status:")
    assert admin.call("omnia.care.plan", "search_count",
                      [("partner_id", "=", customer), ("state", "=", "active")]) == 1


def test_one_target_per_period_under_concurrent_creates(admin, users, world):
    am = users["account_manager"]
    _one_succeeds_at_once([
        lambda: users["team_lead"].call("omnia.target", "create", {
            "user_id": am.uid, "period_type": "quarter", "date_from": "2033-04-01"})
        for _ in range(4)], "Start Date:")
    assert admin.call("omnia.target", "search_count", [
        ("user_id", "=", am.uid), ("date_from", "=", "2033-04-01")]) == 1


def _web_call(server, client, model, method, args, kwargs=None):
    """A call of the web client (``/web/dataset/call_kw``) in a session
    logged in as ``client``: the error dict or None."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())

    def post(path, params):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1,
                           "params": params}).encode()
        request = urllib.request.Request(server[0] + path, data=body,
                                         headers={"Content-Type": "application/json"})
        with opener.open(request, timeout=60) as response:
            return json.loads(response.read().decode())

    login = post("/web/session/authenticate", {
        "db": server[1], "login": client.login, "password": client.password})
    assert login.get("result", {}).get("uid") == client.uid
    return post("/web/dataset/call_kw", {"model": model, "method": method,
                                         "args": args, "kwargs": kwargs or {}}).get("error")


def test_web_client_errors_without_traceback_for_staff(admin, users, server, world):
    am = users["account_manager"]
    # refused input: its message, a reference instead of the traceback
    error = _web_call(server, am, "omnia.care.plan", "create",
                      [{"partner_id": world["other"], "year": 2027}])
    assert error["data"]["message"].startswith("Customer:")
    assert error["data"]["debug"].startswith("Reference ")
    assert "Traceback" not in json.dumps(error)
    # an unexpected error: a short message with the reference the log has
    error = _web_call(server, am, "omnia.work.hours.report", "read_group",
                      [[], ["hours"], [["user_id"]]])
    assert error["data"]["exception_type"] == "user_error"
    assert "reference" in error["data"]["message"]
    assert "Traceback" not in json.dumps(error)
    # the system administrator still sees the traceback, to debug
    error = _web_call(server, admin, "omnia.work.hours.report", "read_group",
                      [[], ["hours"], [["user_id"]]])
    assert "Traceback" in error["data"]["debug"]


def test_blank_response_does_not_close_over_rpc(admin, users, world, pg):
    am = users["account_manager"]
    am.call("omnia.feedback", "write", [world["feedback"]], {"response": "\u200b\u2060 \u3000"})
    before = table_checksums(pg, ["omnia_feedback", "mail_activity"])
    fault = call_fault(am, "omnia.feedback", "action_done", [world["feedback"]])
    assert_clean_fault(fault)
    assert fault.faultString.startswith("Response:")
    assert table_checksums(pg, ["omnia_feedback", "mail_activity"]) == before


def test_private_event_not_revealed_over_rpc(admin, users, world):
    """Another account manager's private meeting with a customer: a search
    or grouping by customer does not find it, its occurrences are not
    listed; its organiser finds it."""
    other = admin.call("res.users", "read", [world["other_am"]], ["partner_id"])[0]
    event = admin.call("calendar.event", "create", {
        "name": "Luottamuksellinen neuvottelu", "privacy": "private",
        "start": "2031-02-03 10:00:00", "stop": "2031-02-03 11:00:00",
        "user_id": world["other_am"], "partner_ids": [(6, 0, [other["partner_id"][0]])],
        "omnia_partner_id": world["own"]})
    am = users["account_manager"]
    domain = [("omnia_partner_id", "=", world["own"]), ("privacy", "=", "private")]
    assert am.call("calendar.event", "search", domain) == []
    groups = am.call("calendar.event", "read_group", [("id", "=", event)],
                     ["omnia_partner_id"], ["omnia_partner_id"])
    assert groups == []
    assert am.call("omnia.event.occurrence", "search", [("event_id", "=", event)]) == []
    assert admin.call("calendar.event", "search", domain) == [event]
