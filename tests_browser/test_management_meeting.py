"""Management meeting: the director records a meeting, adds the key
accounts' care plans due for review, writes a note on each and marks the
meeting as handled; the plans' reviews show the meeting, in Finnish."""

MEETING = "Johtoryhmän kokous 2030/4"
DUE_CUSTOMER = "Nupurin Sähkö Oy"   # a key account whose plan is overdue for review


def header_buttons(web):
    return [text.strip() for text in
            web.page.locator(".o_form_statusbar .o_statusbar_buttons button:visible")
            .all_inner_texts()]


def status(web):
    return web.page.inner_text(".o_statusbar_status .btn-primary").strip()


def line_rows(web):
    return web.page.locator('.o_field_widget[name="review_ids"] .o_data_row')


def test_management_reviews_plans_in_a_meeting(web, odoo):
    web.login("dir.makinen")
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.omnia_management_meeting_menu")
    assert "Johdon kokoukset" in web.breadcrumb()
    web.create()
    web.set_field("name", MEETING)
    assert status(web) == "Luonnos"
    assert header_buttons(web) == ["Lisää erääntyvät suunnitelmat", "Merkitse käsitellyksi"]

    # The plans due for review come in, one line each.
    web.click_text("Lisää erääntyvät suunnitelmat", ".o_statusbar_buttons button")
    rows = line_rows(web)
    assert rows.count() >= 1
    assert DUE_CUSTOMER in web.page.inner_text('.o_field_widget[name="review_ids"]')

    # A line without a note: refused, in Finnish, nothing handled.
    web.click_text("Merkitse käsitellyksi", ".o_statusbar_buttons button")
    _title, text = web.dialog()
    assert text.startswith("Muistiinpanot: kirjoita muistiinpano hoitosuunnitelmasta")
    web.close_dialog()
    assert status(web) == "Luonnos"

    # A note on each plan, in the review's dialog (the form is still in edit
    # mode after the refusal).
    if web.page.locator(".o_form_button_edit:visible").count():
        web.edit()
    for index in range(line_rows(web).count()):
        line_rows(web).nth(index).locator("td.o_data_cell").first.click()
        web.wait_idle()
        web.set_field("notes", "Käsitelty johtoryhmässä, suunnitelma etenee.")
        web.click_button(".modal-footer .btn-primary")
        web.page.wait_for_selector(".modal:visible", state="detached")
    web.save()
    web.click_text("Merkitse käsitellyksi", ".o_statusbar_buttons button")
    assert status(web) == "Käsitelty"
    assert header_buttons(web) == []

    # The plan's reviews show the meeting.
    admin = odoo.rpc("admin")
    [meeting] = admin.call("omnia.management.meeting", "search_read",
                           [("name", "=", MEETING)], fields=["date", "review_ids"])
    [plan] = admin.call("omnia.care.plan", "search_read",
                        [("partner_id.name", "=", DUE_CUSTOMER), ("state", "=", "active")],
                        fields=["last_review_date", "review_due"])
    assert plan["last_review_date"] == meeting["date"]
    assert not plan["review_due"]
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.omnia_care_plan_menu")
    web.remove_filters()
    web.open_record(DUE_CUSTOMER)
    web.open_tab("Läpikäynnit")
    reviews = web.page.inner_text('.o_field_widget[name="review_ids"]')
    assert "Johdon kokous" in web.page.inner_text(
        '.o_field_widget[name="review_ids"] thead')
    assert MEETING in reviews
