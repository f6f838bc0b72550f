#!/usr/bin/env python3
"""Take the screenshots of docs/ anew from a server with demo data.

Run it with ``make screenshots`` (it needs the browser-test environment and
the project's database cluster). Each shot is a file name, the user who
looks, and what he does before the picture is taken; add shots to SHOTS.
"""
import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests_browser.conftest import CHROMIUM_ARGS  # noqa: E402
from tests_browser.server import LOCAL, OdooServer, ServerError  # noqa: E402
from tests_browser.web import WebClient  # noqa: E402

DOCS = ROOT / "docs"


def login_page(web):
    web.page.goto(web.base_url + "/web/login")


def home(web):
    """The home of the user's role, where the login lands."""
    web.wait_idle()


def offer_form(web):
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.crm_lead_menu_offers")
    web.switch_view("list")
    web.page.click(".o_list_view .o_data_row")
    web.wait_idle()


def my_customers(web):
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.res_partner_menu_my_customers")


def customer_form(web):
    my_customers(web)
    web.open_record("Espoon Konepaja Oy")
    web.open_tab("Asiakkuus")


def care_plan_reviews(web):
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.omnia_care_plan_menu_reviews")


def weekly_hours(web):
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.omnia_work_hours_report_menu")


def team_dashboard(web):
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.omnia_target_menu_dashboard")


def feedback_pivot(web):
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.omnia_feedback_report_menu")


def settings(web):
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.res_config_settings_menu")
    web.page.click('.settings_tab .tab[data-key="omnia_customer"]')
    web.wait_idle()


SHOTS = [
    # file in docs/, login (None: not logged in), steps
    ("am_home.png", "am.virtanen", home),
    ("team_home.png", "lead.nieminen", home),
    ("management_home.png", "dir.makinen", home),
    ("offer_form.png", "dir.makinen", offer_form),
    ("login.png", None, login_page),
    ("my_customers.png", "am.virtanen", my_customers),
    ("customer_form.png", "am.virtanen", customer_form),
    ("care_plan_reviews.png", "dir.makinen", care_plan_reviews),
    ("weekly_hours.png", "lead.nieminen", weekly_hours),
    ("feedback_pivot.png", "lead.nieminen", feedback_pivot),
    ("team_dashboard.png", "lead.nieminen", team_dashboard),
    ("settings.png", "admin", settings),
]


def main():
    config = os.environ.get("OMNIA_ODOO_CONFIG") or str(LOCAL / "test" / "odoo.conf")
    chromium = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
    DOCS.mkdir(exist_ok=True)
    with OdooServer(config, template_db=os.environ.get("OMNIA_TEMPLATE_DB"),
                    name="omnia_screenshots") as odoo, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for filename, login, steps in SHOTS:
            context = browser.new_context(locale="en-US", timezone_id="Europe/Helsinki",
                                          viewport={"width": 1280, "height": 800})
            context.set_default_timeout(20000)
            web = WebClient(context.new_page(), odoo.url)
            if login:
                web.login(login)
            steps(web)
            # The guided tours' tips of a new database are not part of the screens.
            web.page.add_style_tag(content=".o_tooltip { display: none !important; }")
            web.page.mouse.move(1270, 790)   # no menu's tooltip under the pointer
            web.page.wait_for_timeout(500)  # let the opening animations end
            web.page.screenshot(path=str(DOCS / filename))
            print("docs/%s" % filename)
            context.close()
        browser.close()


if __name__ == "__main__":
    try:
        main()
    except ServerError as error:
        sys.exit("error: %s" % error)
