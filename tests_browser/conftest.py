"""Fixtures of the browser tests: an Odoo server with demo data on a free
port (one per run), Debian's Chromium driven by Playwright, a web client per
test, and a screenshot in test-artifacts/ of every test that fails.

``make test`` runs them on a copy of the database its install-time tests
used (``OMNIA_TEMPLATE_DB``); without it a new database is installed.
"""
import os
import re
import shutil

import pytest
from playwright.sync_api import sync_playwright

from .server import LOCAL, ROOT, OdooServer, ServerError
from .web import WebClient

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium():
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") \
        or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Chromium not found; install Debian's 'chromium' package or set CHROMIUM.",
                    pytrace=False)
    return path


@pytest.fixture(scope="session")
def odoo():
    """The running server: ``odoo.url``, ``odoo.db``, ``odoo.rpc(login)``."""
    config = os.environ.get("OMNIA_ODOO_CONFIG") or str(LOCAL / "test" / "odoo.conf")
    if not os.path.exists(config):
        pytest.fail("no Odoo configuration at %s; run the browser tests with 'make test'."
                    % config, pytrace=False)
    server = OdooServer(config, template_db=os.environ.get("OMNIA_TEMPLATE_DB"))
    try:
        server.start()
    except ServerError as error:
        pytest.fail(str(error), pytrace=False)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=_chromium(), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, "report_%s" % report.when, report)


@pytest.fixture
def page(browser, request):
    # The staff work in Helsinki: the web client shows times in the browser's zone.
    context = browser.new_context(locale="en-US", timezone_id="Europe/Helsinki",
                                  viewport={"width": 1366, "height": 768})
    context.set_default_timeout(20000)
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
        page.screenshot(path=str(ARTIFACTS / ("%s.png" % name)), full_page=True)
    context.close()


@pytest.fixture
def web(page, odoo):
    """A web client on the test server, not logged in: ``web.login(login)``."""
    return WebClient(page, odoo.url)
