"""Two Odoo servers on one database behind nginx, as a deployment grows past
one machine (README "Running for more users"): the addon's scheduled jobs,
due at once on both servers' cron workers, run once; a user's session,
opened through the proxy, works on both servers; a bus message sent on one
server reaches long polls on the other.

Each server runs with ``--workers=1`` and a cron worker, its own HTTP and
long-polling ports, the configuration (data_dir: sessions and filestore)
and database of the running test server. Odoo's cron workers look for due
jobs every ``odoo.service.server.SLEEP_INTERVAL`` (60 s); the servers of
this test start with it set to 1 s, so that both look for the due jobs
within seconds of each other.
"""
import http.cookies
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
import xmlrpc.client

import psycopg2
import pytest
from dateutil.relativedelta import relativedelta

from conftest import ADMIN, ROOT, add_figure

sys.path.insert(0, os.path.join(ROOT, "tools"))
import serve  # noqa: E402  tools/serve.py: the production options and nginx

CRON_XMLIDS = [
    "omnia_customer.omnia_care_activity_cron_sync",
    "omnia_customer.res_partner_cron_refresh_segments",
    "omnia_customer.ir_cron_omnia_project_deadline_reminders",
    "omnia_customer.omnia_event_occurrence_cron_horizon",
    "omnia_customer.omnia_resource_flag_cron",
]
APP_NAME = "omnia-two-servers"
# Odoo's cron (DEBUG): a due job that another process runs, or has just run
BUSY = r"already busy executing job `%s`"
SKIPPED = r"Job `%s` already executed by another process|" + BUSY
# Odoo 11's launcher with the cron workers' polling interval shortened
LAUNCHER = """
import runpy, sys
import odoo.service.server
odoo.service.server.SLEEP_INTERVAL = 1
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


def _wait_for(predicate, what, timeout=120, alive=lambda: True):
    deadline = time.time() + timeout
    while time.time() < deadline:
        assert alive(), "stopped while waiting for %s" % what
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError("timed out waiting for %s" % what)


class Server:
    """One Odoo application server (prefork: an HTTP worker, a cron worker
    and the long-polling process) on the test database."""

    def __init__(self, name, config, db, log):
        self.name, self.config, self.db, self.log = name, config, db, log
        self.http_port = serve.free_port()
        self.longpolling_port = serve.free_port()
        self.url = "http://127.0.0.1:%d" % self.http_port
        self.process = None

    def start(self):
        open(self.log, "w").close()
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen([
                sys.executable, "-c", LAUNCHER,
                os.path.join(ROOT, "tools", "odoo-bin"),
                "-c", self.config, "-d", self.db,
                "--db-filter=^%s$" % self.db,
            ] + serve.odoo_args(serve.odoo_serve_options(
                workers=1, cron_threads=1, http_port=self.http_port,
                longpolling_port=self.longpolling_port)) + [
                "--logfile=%s" % self.log,
                # the jobs a cron worker finds locked or run by the other
                "--log-handler=odoo.addons.base.ir.ir_cron:DEBUG",
            ], stdout=log, stderr=subprocess.STDOUT,
                env=dict(os.environ, PGAPPNAME=APP_NAME),
                start_new_session=True)   # its workers in its process group

    def wait_ready(self):
        common = xmlrpc.client.ServerProxy(self.url + "/xmlrpc/2/common")

        def ready():
            try:
                return bool(common.authenticate(self.db, *ADMIN, {}))
            except (OSError, xmlrpc.client.ProtocolError):
                return False
        _wait_for(ready, "server %s (see %s)" % (self.name, self.log),
                  timeout=180, alive=lambda: self.process.poll() is None)

    def stop(self):
        if self.process and self.process.poll() is None:
            try:
                # the prefork master, its workers and the long-polling process
                os.killpg(self.process.pid, 15)
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
                self.process.wait(30)

    def read_log(self):
        with open(self.log, encoding="utf-8", errors="replace") as log:
            return log.read()


@pytest.fixture(scope="module")
def two_servers(server):
    """Two Odoo servers and nginx in front of both: (proxy url, servers)."""
    config = os.environ.get("ODOO_CONFIG")
    if not config:
        pytest.skip("no server configuration (ODOO_CONFIG); run 'make test'")
    serve.nginx_binary()   # installed by the set-up (make test)
    local = os.path.dirname(config)
    servers = [Server(name, config, server[1],
                      os.path.join(local, "two-servers-%s.log" % name))
               for name in ("a", "b")]
    prefix = os.path.join(local, "two-servers-nginx")
    shutil.rmtree(prefix, ignore_errors=True)
    proxy_port = serve.free_port()
    serve.write_nginx_conf(
        prefix, proxy_port,
        [("127.0.0.1", s.http_port) for s in servers],
        [("127.0.0.1", s.longpolling_port) for s in servers])
    try:
        for one in servers:
            one.start()
        for one in servers:
            one.wait_ready()
        serve.start_nginx(prefix)
        url = "http://127.0.0.1:%d" % proxy_port
        yield url, servers
    finally:
        serve.stop_nginx(prefix)
        for one in servers:
            one.stop()


def _json(url, route, params, cookie=None):
    """A JSON-RPC call: (result, session cookie set by the answer)."""
    request = urllib.request.Request(
        url + route, data=json.dumps({"jsonrpc": "2.0", "method": "call",
                                      "params": params}).encode(),
        headers={"Content-Type": "application/json"})
    if cookie:
        request.add_header("Cookie", "session_id=%s" % cookie)
    with urllib.request.urlopen(request, timeout=60) as answer:
        body = json.loads(answer.read().decode())
        cookies = http.cookies.SimpleCookie()
        for header in answer.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
    assert "error" not in body, body.get("error")
    session = cookies.get("session_id")
    # Odoo leaves out a result of None
    return body.get("result"), session.value if session else None


def test_session_on_both_servers(two_servers, server):
    """Logged in through the proxy, the user's session is valid on each
    server, addressed directly and through the proxy."""
    url, servers = two_servers
    login = _json(url, "/web/session/authenticate",
                  {"db": server[1], "login": ADMIN[0], "password": ADMIN[1]})
    info, cookie = login
    assert cookie and info["uid"] and info["username"] == ADMIN[0]
    seen = {}
    for target in [s.url for s in servers] + [url] * 4:
        result, _ = _json(target, "/web/session/get_session_info", {},
                          cookie=cookie)
        seen.setdefault(target, []).append(
            (result["uid"], result["username"], result["db"],
             result["session_id"]))
    expected = (info["uid"], ADMIN[0], server[1], cookie)
    assert {target: set(values) for target, values in seen.items()} == dict(
        [(s.url, {expected}) for s in servers] + [(url, {expected})])
    # the proxy's calls landed on both servers: nginx's round robin
    landed = [len(re.findall(r"POST /web/session/get_session_info", s.read_log()))
              for s in servers]
    assert sorted(landed) == [3, 3], landed
    add_figure("two servers: session calls answered by each", 3)


def _crons(pg, cron_ids):
    with pg.cursor() as cr:
        cr.execute("""SELECT id, cron_name, nextcall, interval_number,
                             interval_type
                        FROM ir_cron WHERE id IN %s ORDER BY id""",
                   (tuple(cron_ids),))
        return cr.fetchall()


def _care_activities(pg):
    with pg.cursor() as cr:
        cr.execute("""SELECT res_model, res_id, omnia_care_kind, user_id,
                             date_deadline
                        FROM mail_activity WHERE omnia_care_kind IS NOT NULL
                       ORDER BY 1, 2, 3""")
        return cr.fetchall()


def _figures(pg):
    with pg.cursor() as cr:
        cr.execute("""SELECT id, won_count_12m, won_revenue_12m,
                             suggested_segment_id, segment_id
                        FROM res_partner ORDER BY id""")
        return cr.fetchall()


def test_scheduled_jobs_run_once(two_servers, admin, pg):
    """The addon's scheduled jobs, due on both servers at once, run once:
    one open care-model activity per customer and kind, the segment
    figures of one run, each job's next call moved by one interval."""
    _url, servers = two_servers
    cron_ids = [admin.call("ir.model.data", "xmlid_to_res_id", xmlid, True)
                for xmlid in CRON_XMLIDS]
    # computed once, on one server
    for cron_id in cron_ids:
        assert admin.call("ir.cron", "method_direct_trigger", [cron_id]) is True
    activities, figures = _care_activities(pg), _figures(pg)
    assert activities
    with pg.cursor() as cr:
        # undone: the care-model activities and the figures
        cr.execute("DELETE FROM mail_activity WHERE omnia_care_kind IS NOT NULL")
        cr.execute("UPDATE res_partner SET won_count_12m = 0, won_revenue_12m = 0,"
                   " suggested_segment_id = NULL WHERE is_company")
    # The jobs run in a moment on this small database: one server's cron
    # worker would run them all before the other one looks. Customers
    # locked in a transaction of the test's own hold the first job taken
    # until the other server's worker has found a job running and skipped
    # it; then both servers go on with the due jobs at the same time.
    holder = psycopg2.connect(dbname=servers[0].db)
    try:
        with holder.cursor() as cr:
            cr.execute("LOCK TABLE res_partner IN ACCESS EXCLUSIVE MODE")
        with pg.cursor() as cr:
            # due for both servers' cron workers, all in one statement
            cr.execute("""UPDATE ir_cron
                             SET nextcall = date_trunc('second', now() at time zone 'UTC')
                                            - interval '1 minute'
                           WHERE id IN %s""", (tuple(cron_ids),))
        due = _crons(pg, cron_ids)
        names = [name for _id, name, _next, _number, _unit in due]

        def busy():
            return any(re.search(BUSY % "[^`]*", one.read_log())
                       for one in servers)
        _wait_for(busy, "a cron worker to find a job running", timeout=60)
    finally:
        holder.rollback()
        holder.close()

    def moved():
        with pg.cursor() as cr:
            cr.execute("""SELECT count(*) FROM ir_cron WHERE id IN %s
                            AND nextcall > now() at time zone 'UTC'""",
                       (tuple(cron_ids),))
            return cr.fetchone()[0] == len(cron_ids)
    _wait_for(moved, "the scheduled jobs to run", timeout=90)
    assert _crons(pg, cron_ids) == [
        (cron_id, name, nextcall + relativedelta(**{unit: number}),
         number, unit) for cron_id, name, nextcall, number, unit in due]
    # each job started once, on one of the two servers
    started = {name: [s.read_log().count("Starting job `%s`." % name)
                      for s in servers] for name in names}
    assert {name: sum(counts) for name, counts in started.items()} == {
        name: 1 for name in names}, started
    # the result of one run
    assert _care_activities(pg) == activities
    with pg.cursor() as cr:
        cr.execute("""SELECT count(*) FROM (
                        SELECT 1 FROM mail_activity
                         WHERE omnia_care_kind IS NOT NULL
                         GROUP BY res_model, res_id, omnia_care_kind
                        HAVING count(*) > 1) doubles""")
        assert cr.fetchone()[0] == 0
    assert _figures(pg) == figures
    add_figure("two servers: scheduled jobs run once", len(names))
    add_figure("two servers: jobs run by server b",
               sum(counts[1] for counts in started.values()))
    add_figure("two servers: running jobs skipped by the other server", sum(
        len(re.findall(SKIPPED.replace("%s", re.escape(name)), s.read_log()))
        for name in names for s in servers))


def test_bus_across_servers(two_servers, server):
    """A message sent on one server reaches a long poll on the other, on
    its long-polling port and through the proxy: Odoo's bus goes through
    PostgreSQL's NOTIFY."""
    url, servers = two_servers
    _info, cookie = _json(url, "/web/session/authenticate",
                          {"db": server[1], "login": ADMIN[0],
                           "password": ADMIN[1]})
    channel = "omnia-two-servers-%d" % (time.time() * 1000)
    with psycopg2.connect(dbname=server[1]) as connection, \
            connection.cursor() as cr:
        cr.execute("SELECT coalesce(max(id), 0) FROM bus_bus")
        last = cr.fetchone()[0]
    connection.close()
    polls = {}

    def poll(name, target):
        result, _ = _json(target, "/longpolling/poll",
                          {"channels": [channel], "last": last}, cookie=cookie)
        polls[name] = [(m["channel"], m["message"]) for m in result]

    threads = [threading.Thread(target=poll, args=args) for args in (
        ("server b", "http://127.0.0.1:%d" % servers[1].longpolling_port),
        ("proxy", url))]
    for thread in threads:
        thread.start()
    # the polls are let wait for the message (one sent before a poll starts
    # is found as well: they ask for the bus's messages after ``last``)
    time.sleep(1)
    # sent on server a, in the same session
    _json(servers[0].url, "/web/dataset/call_kw", {
        "model": "bus.bus", "method": "sendone",
        "args": [channel, {"text": "hei"}], "kwargs": {}}, cookie=cookie)
    for thread in threads:
        thread.join(60)
    assert polls == {"server b": [(channel, {"text": "hei"})],
                     "proxy": [(channel, {"text": "hei"})]}
    add_figure("two servers: bus messages received across servers", 2)
