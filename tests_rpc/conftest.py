"""What a real XML-RPC client sees: fixtures for tests against a running server.

``tools/dev.sh test`` starts Odoo on the test database and runs these tests
with ``ODOO_URL``, ``ODOO_DB``, the server's configuration (``ODOO_CONFIG``)
and the PostgreSQL connection (``PGHOST``, ``PGPORT``, ``PGUSER``) in the
environment. They never run on ``omnia``.
"""
import os
import signal
import socket
import subprocess
import sys
import time
import xmlrpc.client

import psycopg2
import pytest

ADMIN = ("admin", "admin")
# the roles of the access matrix: login suffix -> groups (xml ids)
ROLES = {
    "account_manager": ["omnia_customer.group_account_manager"],
    "team_lead": ["omnia_customer.group_team_lead"],
    "management": ["omnia_customer.group_management"],
    "internal": ["base.group_user"],
    "portal": ["base.group_portal"],
}
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# figures of the run, shown at its end: {name: number}
FIGURES = {}
# tables that change without any call of the tests' clients
VOLATILE_TABLES = {"res_users_log", "bus_bus", "bus_presence"}


def pytest_terminal_summary(terminalreporter):
    for name, value in sorted(FIGURES.items()):
        terminalreporter.write_line("%s: %s" % (name, value))


class Client:
    """One XML-RPC user: ``client.call(model, method, *args, **kwargs)``."""

    def __init__(self, url, db, login, password):
        self.url, self.db, self.login, self.password = url, db, login, password
        common = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/common")
        self.uid = common.authenticate(db, login, password, {})
        assert self.uid, "cannot log in as %s" % login

    def proxy(self):
        # a new connection per call: calls of one client may run in threads
        return xmlrpc.client.ServerProxy(self.url + "/xmlrpc/2/object",
                                         allow_none=True)

    def call(self, model, method, *args, **kwargs):
        return self.proxy().execute_kw(self.db, self.uid, self.password,
                                       model, method, list(args), kwargs)


@pytest.fixture(scope="session")
def server():
    url = os.environ.get("ODOO_URL")
    db = os.environ.get("ODOO_DB")
    if not (url and db):
        pytest.skip("no running server (ODOO_URL, ODOO_DB); run 'make test'")
    assert db != "omnia", "the tests never run on the 'omnia' database"
    return url, db


@pytest.fixture(scope="session")
def admin(server):
    return Client(server[0], server[1], *ADMIN)


@pytest.fixture(scope="session")
def users(server, admin):
    """One user per role, created for this run (password = login), in
    English (not the company's default language for new users): the tests
    read the messages."""
    suffix = "%d" % (time.time() * 1000)
    clients = {"admin": admin}
    for role, xmlids in ROLES.items():
        group_ids = [admin.call("ir.model.data", "xmlid_to_res_id", xmlid,
                                True) for xmlid in xmlids]
        login = "rpc.%s.%s" % (role, suffix)
        admin.call("res.users", "create", {
            "name": "RPC %s %s" % (role.replace("_", " ").title(), suffix),
            "login": login,
            "password": login,
            "lang": "en_US",
            "groups_id": [(6, 0, group_ids)],
        })
        clients[role] = Client(server[0], server[1], login, login)
    return clients


@pytest.fixture(scope="session")
def pg(server):
    connection = psycopg2.connect(dbname=server[1])
    connection.autocommit = True
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def addon_models(admin):
    """The models the addon defines (not the ones it extends)."""
    data = admin.call("ir.model.data", "search_read",
                      [("module", "=", "omnia_customer"),
                       ("model", "=", "ir.model")], ["res_id"])
    models = admin.call("ir.model", "search_read",
                        [("id", "in", [d["res_id"] for d in data]),
                         ("transient", "=", False)], ["model"])
    # Abstract models (mixins, no table) have no access rules; the unit
    # tests check that every other model has some.
    with_access = {access["model_id"][0] for access in admin.call(
        "ir.model.access", "search_read",
        [("model_id", "in", [m["id"] for m in models])], ["model_id"])}
    names = sorted(m["model"] for m in models
                   if m["model"].startswith("omnia.") and m["id"] in with_access)
    assert names, "no model of the addon found"
    return names


def table_checksums(connection, tables=None):
    """{table: (rows, md5 of its rows)} for the tables of the database."""
    with connection.cursor() as cr:
        if tables is None:
            cr.execute("""SELECT table_name FROM information_schema.tables
                          WHERE table_schema = 'public'
                            AND table_type = 'BASE TABLE'""")
            tables = sorted(r[0] for r in cr.fetchall()
                            if r[0] not in VOLATILE_TABLES)
        result = {}
        for table in tables:
            # table names come from the catalogue, not from input
            cr.execute('SELECT count(*), md5(coalesce(string_agg(md5(t::text),'
                       ' \',\' ORDER BY md5(t::text)), \'\')) FROM "%s" t'
                       % table)
            result[table] = cr.fetchone()
    return result


def diff_checksums(before, after):
    return sorted(t for t in set(before) | set(after)
                  if before.get(t) != after.get(t))


def assert_clean_fault(fault):
    """A refusal a client can show: user error (2), access denied (3) or
    access error (4), with a message and without the server's traceback."""
    assert fault.faultCode in (2, 3, 4), (
        "unexpected server error (fault %s): %s"
        % (fault.faultCode, fault.faultString[-600:]))
    assert fault.faultString.strip()
    assert "Traceback" not in fault.faultString


def call_fault(client, model, method, *args, **kwargs):
    """The fault of a call that must be refused."""
    with pytest.raises(xmlrpc.client.Fault) as info:
        client.call(model, method, *args, **kwargs)
    return info.value


def add_figure(name, value):
    FIGURES[name] = FIGURES.get(name, 0) + value


class OdooProcess:
    """An Odoo server of the tests' own on the test database, beside the one
    ``tools/dev.sh`` runs, that a test kills (SIGKILL) and starts again. Its
    database connections carry the application name ``APP_NAME``, so that
    the tests find its transactions in ``pg_stat_activity``."""

    APP_NAME = "omnia-killed-server"

    def __init__(self, config, db, log):
        self.config, self.db, self.log = config, db, log
        self.process = None
        self.url = None

    def start(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = "http://127.0.0.1:%d" % port
        env = dict(os.environ, PGAPPNAME=self.APP_NAME)
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen([
                sys.executable, os.path.join(ROOT, "tools", "odoo-bin"),
                "-c", self.config, "-d", self.db,
                "--db-filter=^%s$" % self.db, "--workers=0",
                "--max-cron-threads=0", "--http-port=%d" % port,
            ], stdout=log, stderr=subprocess.STDOUT, env=env)
        common = xmlrpc.client.ServerProxy(self.url + "/xmlrpc/2/common")
        for _attempt in range(600):
            assert self.process.poll() is None, (
                "the server stopped at start (see %s)" % self.log)
            try:
                # logging in loads the database's registry
                if common.authenticate(self.db, *ADMIN, {}):
                    break
            except (OSError, xmlrpc.client.ProtocolError):
                pass
            time.sleep(0.1)
        else:
            raise AssertionError("the server did not answer (see %s)" % self.log)
        return Client(self.url, self.db, *ADMIN)

    def ensure_started(self):
        if self.process and self.process.poll() is None:
            return Client(self.url, self.db, *ADMIN)
        return self.start()

    def kill(self):
        """SIGKILL: the process ends at once, without any clean-up."""
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(30)
        assert self.process.returncode == -signal.SIGKILL
        add_figure("server processes killed (SIGKILL)", 1)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(60)


@pytest.fixture(scope="session")
def killable(server):
    """An Odoo server process on the test database that tests may kill."""
    config = os.environ.get("ODOO_CONFIG")
    if not config:
        pytest.skip("no server configuration (ODOO_CONFIG); run 'make test'")
    log = os.path.join(os.path.dirname(config), "rpc-killed-server.log")
    open(log, "w").close()   # the log of this run only
    process = OdooProcess(config, server[1], log)
    yield process
    process.stop()


class ServerTransaction:
    """The transaction of the killable server that a test kills."""

    def __init__(self, pg, db):
        self.pg, self.db = pg, db
        self.pid = self.xid = self.query = None

    def wait_for(self, pattern=".", progress=None, alive=None, timeout=300):
        """Wait until the killable server's transaction has written rows
        (it has a transaction id), its current or last statement matches
        ``pattern`` (a regular expression) and ``progress()``, when given,
        is true. ``alive()`` false: the work ended before that."""
        deadline = time.time() + timeout
        with self.pg.cursor() as cr:
            while time.time() < deadline:
                assert alive is None or alive(), (
                    "the work ended before the server's transaction was seen")
                cr.execute("""
                    SELECT pid, backend_xid::text::bigint, query
                      FROM pg_stat_activity
                     WHERE datname = %s AND application_name = %s
                       AND state IN ('active', 'idle in transaction')
                       AND backend_xid IS NOT NULL AND query ~* %s
                """, (self.db, OdooProcess.APP_NAME, pattern))
                row = cr.fetchone()
                if row and (progress is None or progress()):
                    self.pid, self.xid, self.query = row
                    return self
                time.sleep(0.002)
        raise AssertionError("the server never ran %r in a transaction" % pattern)

    def outcome(self, timeout=120):
        """How the transaction ended, once its backend is gone:
        'aborted' or 'committed'."""
        deadline = time.time() + timeout
        with self.pg.cursor() as cr:
            while time.time() < deadline:
                cr.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s",
                           (self.pid,))
                if not cr.fetchone():
                    break
                time.sleep(0.05)
            else:
                raise AssertionError("the killed server's backend %d never "
                                     "ended" % self.pid)
            # the 32-bit transaction id within the current epoch
            cr.execute("""
                SELECT txid_status(((txid_snapshot_xmax(txid_current_snapshot())
                                     >> 32) << 32) | %s)""", (self.xid,))
            return cr.fetchone()[0]
