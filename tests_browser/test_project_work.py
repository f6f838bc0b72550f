"""A project in the daily work: an account manager logs a meeting for a
development project on the event form, sees its hours per project in *Oma
viikko*, then opens the project and finds the meeting in its count and its
hours on the smart buttons, and the hours pivot of the project."""
import datetime
from zoneinfo import ZoneInfo

PROJECT = "pk-yritysten digitaidot"     # the demo's TYKE application being prepared
MEETING = "TYKE-hakemus: pilottiyritysten työpaja"
HOURS = 2.5


def hhmm(hours):
    return "%02d:%02d" % divmod(round(hours * 60), 60)


def stat_button(web, label):
    """The words of the visible smart button whose label is given."""
    return web.page.locator(".oe_button_box .oe_stat_button:visible", has=web.page.locator(
        ".o_stat_text", has_text=label)).first.inner_text().split()


def test_account_manager_logs_project_work(web, odoo):
    rpc = odoo.rpc("am.virtanen")
    context = rpc.call("res.users", "context_get")
    [project] = rpc.call("omnia.project", "search_read", [("name", "ilike", PROJECT)],
                         fields=["name", "event_count", "lead_count", "hours_total",
                                 "hours_this_year"], context=context)
    # Today in Helsinki (the user's and the browser's time zone), early in
    # the morning: a meeting of today counts as hours of today.
    today = datetime.datetime.now(ZoneInfo("Europe/Helsinki")).date()

    web.login("am.virtanen")
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.calendar_event_menu")
    web.switch_view("list")
    web.create()
    web.set_field("name", MEETING)
    web.set_field("start_datetime", today.strftime("%d.%m.%Y") + " 01.00.00")
    web.set_field("duration", hhmm(HOURS))
    web.set_field("work_type_id", "Sisäinen asiakastyö")
    web.set_field("project_id", PROJECT)
    web.save()
    assert web.field_value("project_id") == project["name"]
    assert web.field_value("hours") == hhmm(HOURS)

    # Oma viikko: the week's hours per project.
    monday = today - datetime.timedelta(days=today.weekday())
    [week] = rpc.call("omnia.work.hours.report", "read_group", [
        ("user_id", "=", rpc.uid), ("project_id", "=", project["id"]),
        ("date", ">=", str(monday)), ("date", "<", str(monday + datetime.timedelta(days=7)))],
        ["hours"], [], context=context)
    assert week["hours"] >= HOURS
    web.open_menu("omnia_customer.omnia_work_hours_report_menu_my_week")
    assert web.pivot_rows()[project["name"]][-1] == hhmm(week["hours"])

    # The project: the meeting in its count, its hours on the button and
    # this year's beside the manager.
    web.open_menu("omnia_customer.omnia_project_menu")
    web.open_record(PROJECT)
    assert stat_button(web, "Kokoukset") == [str(project["event_count"] + 1), "Kokoukset"]
    assert stat_button(web, "Tarjoukset") == [str(project["lead_count"]), "Tarjoukset"]
    total = project["hours_total"] + HOURS
    assert stat_button(web, "Tunnit") == [hhmm(total), "Tunnit"]
    assert web.field_value("hours_total") == hhmm(total)
    assert web.field_value("hours_this_year") == hhmm(project["hours_this_year"] + HOURS)
    assert "Tunnit tänä vuonna" in web.page.inner_text(".o_form_view")

    # Its meetings, then its hours per week and account manager.
    web.click_text("Kokoukset", ".oe_stat_button")
    assert "Projektin tapaamiset" in web.breadcrumb()
    assert web.page.locator(".o_data_row", has_text=MEETING).count() == 1
    web.page.locator(".o_control_panel .breadcrumb li a").last.click()   # the project
    web.wait_idle()
    web.click_text("Tunnit", ".oe_stat_button")
    assert "Projektin tunnit" in web.breadcrumb()
    rows = web.pivot_rows()
    assert rows["Yhteensä"][-1] == hhmm(total)
    assert "Anna Virtanen" in rows
