"""The account manager's work time allocation: the team lead records one for
a new account manager, whose home shows his logged against his allocated
hours this week and last week; his empty weeks are listed for the team
lead among the weeks under target.

The account manager is made for the test (admin over XML-RPC), outside the
demo team, with an event of his own this week: no demo record is changed.
"""
import datetime
import re

LOGIN = "am.lahtinen"
NAME = "Laura Lahtinen"
HOURS = "30:00"


def monday(weeks=0):
    today = datetime.date.today()
    return today - datetime.timedelta(days=today.weekday(), weeks=weeks)


def test_allocation_on_the_homes(web, odoo):
    admin = odoo.rpc("admin")
    group = admin.call("ir.model.data", "xmlid_to_res_id",
                       "omnia_customer.group_account_manager")
    user_id = admin.call("res.users", "create", {
        "name": NAME, "login": LOGIN, "password": LOGIN, "lang": "fi_FI",
        "email": "laura.lahtinen@omnia.fi",
        "tz": "Europe/Helsinki", "groups_id": [(6, 0, [group])]})
    # Three hours on Monday of this week, logged by himself.
    start = datetime.datetime.combine(monday(), datetime.time(7, 0))
    odoo.rpc(LOGIN).call("calendar.event", "create", {
        "name": "Asiakaskäynti: koulutustarpeiden kartoitus",
        "start": start.strftime("%Y-%m-%d %H:%M:%S"),
        "stop": (start + datetime.timedelta(hours=3)).strftime("%Y-%m-%d %H:%M:%S"),
        "user_id": user_id})

    # The team lead records his allocation from the Monday two weeks ago.
    web.login("lead.nieminen")
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.omnia_resource_allocation_menu")
    assert web.breadcrumb() == "Työaikaresurssit"
    web.create()
    web.set_field("user_id", NAME)
    web.set_field("date_from", monday(2).strftime("%d.%m.%Y"))
    web.set_field("hours_per_week", HOURS)
    web.set_field("note", "Uusi asiakasvastaava: puolet työajasta asiakastyöhön.")
    web.save()
    assert web.field_value("user_id") == NAME
    assert web.field_value("hours_per_week") == HOURS

    # His home: logged against allocated, this week and last week.
    web.login(LOGIN)
    assert web.breadcrumb() == "Oma työpöytä"
    rows = [[cell.strip() for cell in row.locator("td").all_inner_texts()]
            for row in web.page.locator(".o_omnia_resource_hours tbody tr").all()]
    assert rows == [["Tämä viikko", "03:00", HOURS], ["Viime viikko", "00:00", HOURS]]
    assert web.page.inner_text(".o_omnia_resource_hours thead").split() \
        == ["Työaikaresurssi", "Kirjattu", "Resurssi"]

    # The team lead finds his last week under target.
    last_week = monday(1).strftime("%G-W%V")
    web.login("lead.nieminen")
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.omnia_resource_week_report_menu_under")
    assert web.breadcrumb() == "Alle kirjatut viikot"
    # His last two weeks: both empty.
    assert web.page.locator(".o_data_row", has_text=NAME).count() == 2
    row = web.page.locator(".o_data_row", has_text=NAME).filter(has_text=last_week)
    assert row.count() == 1
    cells = [cell.strip() for cell in row.first.locator("td").all_inner_texts()]
    assert cells[1:6] == [last_week, NAME, "00:00", HOURS, "-" + HOURS], cells

    # The team's home counts the weeks under target of his team, and opens
    # exactly those.
    lead = odoo.rpc("lead.nieminen")
    [card] = lead.call("omnia.dashboard", "search_read", [("kind", "=", "team_targets")],
                       ["resource_under_count"],
                       context=lead.call("res.users", "context_get"))
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.omnia_dashboard_menu_team_lead")
    link = web.page.locator(".o_omnia_resource_under")
    assert link.locator(".o_omnia_resource_under_value").inner_text().strip() \
        == str(card["resource_under_count"])
    link.click()
    web.wait_idle()
    assert web.breadcrumb().startswith("Tiimin työpöytä")
    headers = web.page.locator(".o_list_view .o_group_header").all_inner_texts()
    assert sum(int(re.search(r"\((\d+)\)", text).group(1)) for text in headers) \
        == card["resource_under_count"]
