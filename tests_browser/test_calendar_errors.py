"""Flow 6, the error path: an account manager saves a calendar event that
ends before it starts; the web client shows why, and nothing is saved."""

EVENT = "Asiakaskäynti: Rakennus Lahtinen Oy"


def test_event_ending_before_start_is_refused(web, odoo):
    web.login("am.virtanen")
    web.open_menu("calendar.mail_menu_calendar")
    web.switch_view("list")
    web.create()
    web.set_field("name", EVENT)
    web.set_field("allday", True)
    web.set_field("start_date", "20.03.2030")
    web.set_field("stop_date", "18.03.2030")
    web.save()

    title, message = web.dialog()
    # Refused input, not a server error.
    assert title.startswith("Tarkista tiedot") and "Odoo" not in title
    assert message.splitlines()[0].startswith(
        "Loppu: tapahtuma '%s' ei saa päättyä ennen alkuaan (" % EVENT)
    web.close_dialog()
    assert odoo.rpc("admin").call("calendar.event", "search_count", [("name", "=", EVENT)]) == 0
