"""An Odoo server for the browser tests and the screenshots.

The server runs the project's Odoo (``.venv``) on a free port against a
database of its own: a copy of a database that already has the addon and its
demo data (fast), or, when none is given, a new one installed here. The
database and its filestore are dropped when the server stops.
"""
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
import xmlrpc.client
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCAL = ROOT / ".local"
ODOO_PYTHON = ROOT / ".venv" / "bin" / "python"
ADDON = "omnia_customer"
START_TIMEOUT = 180  # seconds; the first page compiles the stylesheets


class ServerError(RuntimeError):
    """The test server could not be prepared or started."""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class XmlRpc:
    """Odoo's external API as one user: ``rpc.call(model, method, *args, **kw)``."""

    def __init__(self, url, db, login, password):
        self.db = db
        self.password = password
        common = xmlrpc.client.ServerProxy("%s/xmlrpc/2/common" % url)
        self.uid = common.authenticate(db, login, password, {})
        if not self.uid:
            raise ServerError("login %s refused over XML-RPC" % login)
        self.models = xmlrpc.client.ServerProxy("%s/xmlrpc/2/object" % url, allow_none=True)

    def call(self, model, method, *args, **kwargs):
        return self.models.execute_kw(
            self.db, self.uid, self.password, model, method, list(args), kwargs)


class OdooServer:
    def __init__(self, config, template_db=None, name="omnia_browser", log_dir=None):
        self.config = Path(config)
        self.template_db = template_db
        self.db = "%s_%d" % (name, os.getpid())
        self.log_dir = Path(log_dir or LOCAL / "test")
        self.port = None
        self.url = None
        self.process = None
        self.env = dict(os.environ)
        self.env["PATH"] = "%s:%s" % (LOCAL / "node" / "node_modules" / ".bin", self.env["PATH"])

    # Database ---------------------------------------------------------------

    def _odoo(self, *args, **kwargs):
        return [str(ODOO_PYTHON), str(ROOT / "tools" / "odoo-bin"), "-c", str(self.config)] \
            + list(args)

    def _run(self, command, what):
        log = self.log_dir / ("%s.log" % self.db)
        with open(log, "ab") as out:
            result = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, env=self.env,
                                    cwd=str(ROOT), check=False)
        if result.returncode:
            raise ServerError("%s failed (exit %d); see %s" % (what, result.returncode, log))

    def _db_chore(self, *args):
        self._run([str(ODOO_PYTHON), str(ROOT / "tests_browser" / "odoo_db.py"),
                   "-c", str(self.config)] + list(args), "database %s" % args[0])

    def create_database(self):
        self._db_chore("drop", self.db)
        if self.template_db:
            self._db_chore("duplicate", self.template_db, self.db)
        else:
            self._run(self._odoo("-d", self.db, "-i", ADDON, "--stop-after-init", "--no-http",
                                 "--logfile=%s" % (self.log_dir / ("%s.log" % self.db))),
                      "installing %s with demo data" % ADDON)

    # Server -----------------------------------------------------------------

    def start(self):
        try:
            return self._start()
        except BaseException:
            try:
                self.stop()
            except ServerError:
                pass   # the first error says what went wrong
            raise

    def _start(self):
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.create_database()
        self.port = free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        log = self.log_dir / ("%s.log" % self.db)
        self.process = subprocess.Popen(
            self._odoo("-d", self.db, "--db-filter=^%s$" % self.db, "--http-port=%d" % self.port,
                       "--http-interface=127.0.0.1", "--workers=0", "--max-cron-threads=0",
                       "--logfile=%s" % log),
            env=self.env, cwd=str(ROOT), stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if self.process.poll() is not None:
                raise ServerError("Odoo stopped at start (exit %d); see %s"
                                  % (self.process.returncode, log))
            try:
                with urllib.request.urlopen(self.url + "/web/login", timeout=30) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, socket.timeout):
                pass
            if time.monotonic() > deadline:
                raise ServerError("Odoo did not answer on %s within %d s; see %s"
                                  % (self.url, START_TIMEOUT, log))
            time.sleep(0.5)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        self._db_chore("drop", self.db)

    def rpc(self, login, password=None):
        return XmlRpc(self.url, self.db, login, password or login)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
