"""Every demo user logs in and lands in the web client, in his language."""
import pytest

CUSTOMERS_APP = "omnia_customer.omnia_customer_menu_root"
CALENDAR_APP = "calendar.mail_menu_calendar"
CALENDAR_LABEL = {"en_US": "Calendar", "fi_FI": "Kalenteri"}

USERS = [
    # login, name shown in the top bar, language, label of the Customers app
    ("admin", "Administrator", "en_US", "Customers"),
    ("am.virtanen", "Anna Virtanen", "fi_FI", "Asiakkaat"),
    ("am.korhonen", "Mikko Korhonen", "fi_FI", "Asiakkaat"),
    ("lead.nieminen", "Laura Nieminen", "fi_FI", "Asiakkaat"),
    ("dir.makinen", "Jukka Mäkinen", "fi_FI", "Asiakkaat"),
]


@pytest.mark.parametrize("login, name, lang, app_label", USERS, ids=[u[0] for u in USERS])
def test_login(web, login, name, lang, app_label):
    web.login(login)
    assert web.page.inner_text(".oe_topbar_name").strip() == name
    assert web.session_info("user_context")["lang"] == lang
    # Odoo's own menus speak the user's language too.
    assert web.menu(CALENDAR_APP).inner_text().strip() == CALENDAR_LABEL[lang]
    assert web.menu(CUSTOMERS_APP).inner_text().strip() == app_label
