"""What a real XML-RPC client sees: fixtures for tests against a running server.

``tools/dev.sh test`` starts Odoo on the test database and runs these tests
with ``ODOO_URL``, ``ODOO_DB`` and the PostgreSQL connection (``PGHOST``,
``PGPORT``, ``PGUSER``) in the environment. They never run on ``omnia``.
"""
import os
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
    """One user per role, created for this run (password = login)."""
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
    names = sorted(m["model"] for m in models
                   if m["model"].startswith("omnia."))
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
