"""The database served as in production (make serve, tools/serve.py):
Odoo's prefork server with two workers and its long-polling process behind
nginx. An account manager logs in through the proxy; an activity scheduled
for her from another session reaches her page's systray without a reload,
through /longpolling via nginx; nginx's headers, gzip and static cache."""
import os
import sys
import urllib.request
import xmlrpc.client

import pytest

from .server import ROOT, OdooServer, ServerError, free_port
from .web import WebClient

sys.path.insert(0, str(ROOT / "tools"))
import serve  # noqa: E402  (tools/ is no package)

ACTIVITY_COUNTER = ".o_mail_navbar_item:has(.fa-clock-o) .o_notification_counter"


class ServedOdoo(OdooServer):
    """The OdooServer of the browser tests, started with make serve's
    options (two workers, the long-polling process) behind nginx."""

    def _odoo(self, *args, **kwargs):
        command = super()._odoo(*args, **kwargs)
        if "--workers=0" not in command:
            return command
        command = [arg for arg in command if arg not in ("--workers=0", "--max-cron-threads=0")
                   and not arg.startswith("--http-interface")]
        return command + serve.odoo_args(serve.odoo_serve_options(
            workers=2, cron_threads=0, longpolling_port=self.longpolling_port))

    def _start(self):
        self.longpolling_port = free_port()
        super()._start()
        self.odoo_url = self.url
        self.prefix = str(self.log_dir / ("nginx-%s" % self.db))
        proxy_port = free_port()
        serve.write_nginx_conf(self.prefix, proxy_port, [("127.0.0.1", self.port)],
                               [("127.0.0.1", self.longpolling_port)])
        serve.start_nginx(self.prefix)
        self.url = "http://127.0.0.1:%d" % proxy_port
        return self

    def stop(self):
        if getattr(self, "prefix", None):
            serve.stop_nginx(self.prefix)
        super().stop()


@pytest.fixture(scope="module")
def served():
    config = os.environ.get("OMNIA_ODOO_CONFIG") or str(ROOT / ".local" / "test" / "odoo.conf")
    server = ServedOdoo(config, template_db=os.environ.get("OMNIA_TEMPLATE_DB"),
                        name="omnia_serve")
    try:
        server.start()
    except (ServerError, serve.ServeError) as error:
        pytest.fail(str(error), pytrace=False)
    yield server
    server.stop()


def test_activity_arrives_through_the_proxy(served, page):
    web = WebClient(page, served.url)
    web.login("am.virtanen")
    assert web.session_info("user_context")["lang"] == "fi_FI"
    polls = []
    page.on("requestfinished", lambda request: polls.append(request.url)
            if "/longpolling/poll" in request.url else None)
    counter = page.locator(ACTIVITY_COUNTER)
    before = int(counter.inner_text().strip() or 0) if counter.count() else 0

    # another session, through the proxy: the administrator schedules a to-do for her
    admin = served.rpc("admin", "admin")
    user = served.rpc("am.virtanen")
    partner_id = user.call("res.partner", "search", [("is_company", "=", True)], limit=1)[0]
    model_id = admin.call("ir.model", "search", [("model", "=", "res.partner")])[0]
    admin.call("mail.activity", "create", {
        "res_model_id": model_id, "res_id": partner_id, "user_id": user.uid,
        "summary": "Soita asiakkaalle (make serve)",
        "activity_type_id": admin.call("mail.activity.type", "search", [], limit=1)[0],
    })
    page.wait_for_function(
        "([selector, before]) => { const el = document.querySelector(selector);"
        " return el && parseInt(el.textContent.trim() || '0') > before; }",
        arg=[ACTIVITY_COUNTER, before], timeout=60000)
    assert polls and all(url.startswith(served.url) for url in polls)


def test_nginx_headers_gzip_and_static_cache(served):
    with urllib.request.urlopen(served.url + "/web/login") as response:
        assert response.headers["Server"] == "nginx"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    url = served.url + "/web/static/src/js/boot.js"
    headers = {"Accept-Encoding": "gzip"}
    statuses = []
    for _ in range(2):
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert "max-age" in response.headers["Cache-Control"]
            statuses.append(response.headers["X-Cache-Status"])
    assert statuses[-1] == "HIT"


def test_xmlrpc_through_the_proxy(served):
    common = xmlrpc.client.ServerProxy(served.url + "/xmlrpc/2/common")
    assert common.version()["server_version"].startswith("11.0")
