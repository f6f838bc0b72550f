"""Flows 1 and 3: an account manager's customer visit, and the team lead
finding its hours in the weekly hours report.

The two tests run in this order (pytest keeps the order of a module): the
second looks for the hours the first logged. The visit is on a fixed day far
from the demo data (Monday 18 March 2030, ISO week 2030-W12), so that the
week holds only the hours logged here.
"""
import datetime

CUSTOMER = "Espoon Konepaja Oy"
VISIT = "Asiakaskäynti: Espoon Konepaja, hitsauskoulutuksen tarpeet"
VISIT_START = "18.03.2030 09.00.00"   # the Finnish date and time format
VISIT_HOURS = "02:30"
VISIT_WEEK = "2030-W12"
FEEDBACK = "Koulutuksen aloitus viivästyi, eikä siitä kerrottu ajoissa."


def finnish_date(value):
    return datetime.datetime.strptime(value, "%Y-%m-%d").strftime("%d.%m.%Y") if value else ""


def test_flow1_account_manager_visits_a_key_account(web, odoo):
    web.login("am.virtanen")
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.res_partner_menu_my_customers")
    web.open_record(CUSTOMER)

    [customer] = odoo.rpc("am.virtanen").call(
        "res.partner", "search_read", [("name", "=", CUSTOMER)],
        fields=["current_care_plan_id", "next_meeting_due"])
    assert customer["current_care_plan_id"]
    web.open_tab("Asiakkuus")
    assert web.field_value("account_manager_id") == "Anna Virtanen"
    assert web.field_value("segment_id") == "A Avainasiakkaat"
    assert web.field_value("current_care_plan_id") == customer["current_care_plan_id"][1]
    web.open_tab("Asiakastyö")
    assert web.field_value("next_meeting_due") == finnish_date(customer["next_meeting_due"])

    # The visit, in the calendar of the Customers app.
    web.open_menu("omnia_customer.calendar_event_menu")
    web.switch_view("list")
    web.create()
    web.set_field("name", VISIT)
    web.set_field("start_datetime", VISIT_START)
    web.set_field("duration", VISIT_HOURS)
    web.set_field("omnia_partner_id", "Espoon Konepaja")
    web.set_field("work_type_id", "Asiakaskäynti")
    web.save()
    assert web.field_value("omnia_partner_id") == CUSTOMER
    assert web.field_value("work_type_id") == "Asiakaskäynti"
    assert web.field_value("hours") == VISIT_HOURS

    # Negative feedback heard at the visit.
    web.click_text("Kirjaa palaute")
    assert web.field_value("partner_id") == CUSTOMER
    assert web.field_value("event_id") == VISIT
    web.set_field("polarity", "Kielteinen")
    web.set_field("description", FEEDBACK)
    web.save()
    assert web.page.inner_text(".o_statusbar_status .btn-primary").strip() == "Uusi"
    assert "Reagoi kielteiseen palautteeseen" in web.page.inner_text(".o_mail_activity")

    admin = odoo.rpc("admin")
    [event] = admin.call("calendar.event", "search_read", [("name", "=", VISIT)],
                         fields=["start", "duration", "omnia_partner_id", "user_id"])
    assert event["start"] == "2030-03-18 07:00:00"   # Helsinki is UTC+2 in March
    assert event["duration"] == 2.5
    assert event["user_id"][1] == "Anna Virtanen"
    [feedback] = admin.call("omnia.feedback", "search_read", [("description", "=", FEEDBACK)],
                            fields=["polarity", "event_id"])
    assert feedback["polarity"] == "negative" and feedback["event_id"][0] == event["id"]


def test_flow3_team_lead_sees_the_hours_of_the_week(web):
    web.login("lead.nieminen")
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.omnia_work_hours_report_menu")
    web.remove_filters()
    web.search(VISIT_WEEK, "Viikko")
    header = web.page.inner_text(".o_pivot table thead")
    assert VISIT_WEEK in header
    rows = web.pivot_rows()
    assert rows["Anna Virtanen"][-1] == VISIT_HOURS
    assert rows["Yhteensä"][-1] == VISIT_HOURS
