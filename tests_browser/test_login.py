"""Every demo user logs in and lands in the web client, in his language."""
import pytest

CUSTOMERS_APP = "omnia_customer.omnia_customer_menu_root"
CALENDAR_APP = "calendar.mail_menu_calendar"
CALENDAR_LABEL = {"en_US": "Calendar", "fi_FI": "Kalenteri"}

USERS = [
    # login, name shown in the top bar, language, label of the Customers app
    # (checked where the user has an entry of the app: admin's Configuration)
    ("admin", "Administrator", "en_US", "Customers"),
    ("am.virtanen", "Anna Virtanen", "fi_FI", None),
    ("am.korhonen", "Mikko Korhonen", "fi_FI", None),
    ("lead.nieminen", "Laura Nieminen", "fi_FI", None),
    ("dir.makinen", "Jukka Mäkinen", "fi_FI", None),
]


@pytest.mark.parametrize("login, name, lang, app_label", USERS, ids=[u[0] for u in USERS])
def test_login(web, login, name, lang, app_label):
    web.login(login)
    assert web.page.inner_text(".oe_topbar_name").strip() == name
    assert web.session_info("user_context")["lang"] == lang
    # Odoo's own menus speak the user's language too.
    assert web.menu(CALENDAR_APP).inner_text().strip() == CALENDAR_LABEL[lang]
    app = web.page.locator('a[data-menu-xmlid="%s"]' % CUSTOMERS_APP)
    if app_label:
        assert app.inner_text().strip() == app_label
