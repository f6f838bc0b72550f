"""The customer at a glance and the calendar flows started from it: an
account manager opens a key account, reads its state from the badges and
counts, logs a visit with *Kirjaa käynti*, records negative feedback from
the visit, and is stopped before saving an event of negative duration."""
import datetime
from zoneinfo import ZoneInfo

CUSTOMER = "Espoon Konepaja Oy"
VISIT = "Asiakaskäynti: Espoon Konepaja, vuosikatsaus"
FEEDBACK = "Vuosikatsauksen aikataulu ei sopinut asiakkaalle."
BAD_EVENT = "Asiakaskäynti: Kauklahden Logistiikka, kesto väärin"
ZERO_INTERVAL_EVENT = "Asiakaskäynti: Kauklahden Logistiikka, toisto väärin"


def stat_button(web, label):
    """The words of the visible smart button of the customer form whose
    label (part of its text) is given."""
    return web.page.locator(".oe_button_box .oe_stat_button:visible", has=web.page.locator(
        ".o_stat_text", has_text=label)).first.inner_text().split()


def next_full_hours(tz_name):
    """The next full hour as the web client shows it in the time zone
    ``tz_name``, now and a minute on (the test may cross an hour)."""
    moments = []
    for minutes in (0, 1):
        now = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=minutes)
        start = now.replace(minute=0, second=0, microsecond=0) + datetime.timedelta(hours=1)
        moments.append(start.astimezone(ZoneInfo(tz_name)).strftime("%d.%m.%Y %H.%M.%S"))
    return moments


def test_account_manager_reads_the_customer_and_logs_a_visit(web, odoo):
    rpc = odoo.rpc("am.virtanen")
    [customer] = rpc.call(
        "res.partner", "search_read", [("name", "=", CUSTOMER)],
        fields=["omnia_event_count", "omnia_offer_count", "care_plan_count",
                "omnia_project_count", "steering_group_count",
                "feedback_positive_count", "feedback_negative_count"])

    web.login("am.virtanen")
    # The web client shows times in the browser's time zone; the server
    # dates the feedback in the user's.
    browser_tz = web.page.evaluate("() => Intl.DateTimeFormat().resolvedOptions().timeZone")
    tz_name = web.session_info("user_context")["tz"] or "UTC"
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.res_partner_menu_my_customers")
    web.open_record(CUSTOMER)

    # The badges of the header.
    badges = web.page.inner_text(".o_omnia_customer_badges")
    assert "A Avainasiakkaat" in badges
    assert "Anna Virtanen" in badges
    assert "Hoitosuunnitelma voimassa" in badges
    # No new care plan beside the active one.
    web.open_tab("Asiakkuus")
    assert not web.page.locator('button[name="action_create_care_plan"]:visible').count()

    # The smart buttons, with Finnish labels that fit.
    assert stat_button(web, "Tapaamiset") == [
        str(customer["omnia_event_count"]), "Tapaamiset"]
    assert stat_button(web, "Tarjoukset")[-2:] == [
        "Tarjoukset:", str(customer["omnia_offer_count"])]
    assert stat_button(web, "Suunnitelmat") == [
        str(customer["care_plan_count"]), "Suunnitelmat"]
    assert stat_button(web, "Projektit") == [
        str(customer["omnia_project_count"]), "Projektit"]
    assert stat_button(web, "Ohjausryhmät") == [
        str(customer["steering_group_count"]), "Ohjausryhmät"]
    assert stat_button(web, "Palaute") == [
        str(customer["feedback_positive_count"]), "/",
        str(customer["feedback_negative_count"]), "Palaute"]
    cut = web.page.evaluate("""() => Array.from(document.querySelectorAll(
        '.oe_button_box .o_stat_text, .oe_button_box .o_stat_value'))
        .filter(e => e.offsetParent && e.scrollWidth > e.clientWidth)
        .map(e => e.innerText)""")
    assert cut == []

    # Logging the visit from the customer.
    web.click_text("Kirjaa käynti")
    assert web.field_value("omnia_partner_id") == CUSTOMER
    assert web.field_value("work_type_id") == "Asiakaskäynti"
    assert web.field_value("duration") == "01:00"
    assert web.field_value("start_datetime") in next_full_hours(browser_tz)
    attendees = web.field("partner_ids").inner_text()
    assert "Anna Virtanen" in attendees and CUSTOMER not in attendees
    web.set_field("name", VISIT)
    web.save()

    admin = odoo.rpc("admin")
    [event] = admin.call("calendar.event", "search_read", [("name", "=", VISIT)],
                         fields=["omnia_partner_id", "work_type_id", "duration",
                                 "user_id", "partner_ids", "start"])
    assert event["omnia_partner_id"][1] == CUSTOMER
    assert event["duration"] == 1.0
    assert event["user_id"][1] == "Anna Virtanen"
    assert event["omnia_partner_id"][0] not in event["partner_ids"]

    # Negative feedback heard at the visit: its form comes in front.
    web.click_text("Kirjaa palaute")
    assert web.page.locator(".modal:visible .o_form_view").count() == 1
    assert web.field_value("partner_id") == CUSTOMER
    assert web.field_value("event_id") == VISIT
    start = datetime.datetime.strptime(event["start"], "%Y-%m-%d %H:%M:%S").replace(
        tzinfo=datetime.timezone.utc)
    event_day = start.astimezone(ZoneInfo(tz_name)).date()
    today = datetime.datetime.now(ZoneInfo(tz_name)).date()
    assert web.field_value("date") == min(event_day, today).strftime("%d.%m.%Y")
    web.set_field("polarity", "Kielteinen")
    web.set_field("description", FEEDBACK)
    web.click_text("Tallenna", ".modal .modal-footer button")
    [feedback] = admin.call("omnia.feedback", "search_read", [("description", "=", FEEDBACK)],
                            fields=["polarity", "event_id", "partner_id", "date"])
    assert feedback["polarity"] == "negative"
    assert feedback["event_id"][0] == event["id"]
    assert feedback["partner_id"][1] == CUSTOMER
    assert feedback["date"] == min(event_day, today).isoformat()


def test_meetings_button_counts_the_list_it_opens(web, odoo):
    [customer] = odoo.rpc("am.virtanen").call(
        "res.partner", "search_read", [("name", "=", CUSTOMER)],
        fields=["omnia_event_count"])
    web.login("am.virtanen")
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.res_partner_menu_my_customers")
    web.open_record(CUSTOMER)
    web.page.locator(".oe_button_box .oe_stat_button:visible", has=web.page.locator(
        ".o_stat_text", has_text="Tapaamiset")).first.click()
    web.wait_idle()
    assert web.page.locator(".o_list_view .o_data_row").count() == customer["omnia_event_count"]


def test_negative_duration_is_stopped_with_a_finnish_message(web, odoo):
    web.login("am.virtanen")
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.calendar_event_menu")
    web.switch_view("list")
    web.create()
    web.set_field("name", BAD_EVENT)
    web.set_field("start_datetime", "18.03.2030 09.00.00")
    web.set_field("duration", "-01:00")

    # Warned before saving, the field named.
    title, message = web.dialog()
    assert title == "Tarkista tiedot"
    assert message == "Kesto: ei saa olla negatiivinen (tapahtuma '%s')." % BAD_EVENT
    web.close_dialog()

    # Refused on save, every wrong field in one message, no "server error".
    web.save()
    title, message = web.dialog()
    assert title.startswith("Tarkista tiedot")
    assert "Odoo" not in title and "Server" not in title
    lines = message.splitlines()
    assert lines[0].startswith("Loppu: tapahtuma '%s' ei saa päättyä ennen alkuaan (" % BAD_EVENT)
    assert lines[1] == "Kesto: ei saa olla negatiivinen (tapahtuma '%s')." % BAD_EVENT
    web.close_dialog()
    assert odoo.rpc("admin").call(
        "calendar.event", "search_count", [("name", "=", BAD_EVENT)]) == 0


def test_zero_interval_is_stopped_with_a_finnish_message(web, odoo):
    web.login("am.virtanen")
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.calendar_event_menu")
    web.switch_view("list")
    web.create()
    web.set_field("name", ZERO_INTERVAL_EVENT)
    web.set_field("start_datetime", "19.03.2030 09.00.00")
    web.set_field("duration", "01:00")
    web.open_tab("Vaihtoehdot")
    web.set_field("recurrency", True)
    web.set_field("rrule_type", "Päivä(t)")
    web.set_field("interval", "0")

    title, message = web.dialog()
    assert title == "Tarkista tiedot"
    assert message == "Toista joka: vähintään 1 (tapahtuma '%s')." % ZERO_INTERVAL_EVENT
    web.close_dialog()

    web.save()
    title, message = web.dialog()
    assert title.startswith("Tarkista tiedot")
    assert message == "Toista joka: vähintään 1 (tapahtuma '%s')." % ZERO_INTERVAL_EVENT
    web.close_dialog()
    assert odoo.rpc("admin").call(
        "calendar.event", "search_count", [("name", "=", ZERO_INTERVAL_EVENT)]) == 0
