"""Each role's day, from login, through the web client only: the account
manager follows an overdue meeting from her home to the customer, logs the
visit there (the care model's activity closes) and records negative
feedback from it; the team lead hands a lead over and it shows on the
account manager's home; the director approves a target from his home and
prints the scorecard.

The tests run in this order (pytest keeps the order of a module) on the
server's own copy of the demo database.
"""
MEETING_TYPE = "omnia_customer.mail_activity_type_customer_meeting"
VISIT = "Asiakaskäynti: koulutustarpeet keväälle"
FEEDBACK = "Laskutus tuli kahteen kertaan, eikä kukaan vastannut sähköpostiin."
LEAD = "Varastotyön koulutus, 12 henkilöä"


def count_on_home(web, name):
    link = web.page.locator(".o_omnia_count_%s" % name).first
    return int(link.locator(".o_omnia_count_value").inner_text().strip())


def open_activities(admin, partner_id, type_xmlid):
    module, name = type_xmlid.split(".")
    [type_id] = admin.call("ir.model.data", "search_read",
                           [("module", "=", module), ("name", "=", name)], ["res_id"])
    return admin.call("mail.activity", "search_read",
                      [("res_model", "=", "res.partner"), ("res_id", "=", partner_id),
                       ("activity_type_id", "=", type_id["res_id"])], ["user_id"])


def test_account_manager_day(web, odoo):
    admin = odoo.rpc("admin")
    web.login("am.virtanen")
    assert web.breadcrumb() == "Oma työpöytä"
    overdue = count_on_home(web, "meeting_overdue")
    assert overdue > 0

    # From her home to the customers whose meeting is overdue, then one.
    web.page.locator(".o_omnia_count_meeting_overdue").first.click()
    web.wait_idle()
    web.page.locator(".o_data_row, .o_kanban_record:not(.o_kanban_ghost)").first.click()
    web.wait_idle()
    customer = web.page.inner_text(".o_form_view .oe_title h1").strip()
    [partner] = admin.call("res.partner", "search_read", [("name", "=", customer)],
                           ["meeting_overdue", "account_manager_id"])
    assert partner["meeting_overdue"] is True
    assert partner["account_manager_id"][1] == "Anna Virtanen"
    assert "Tapaaminen myöhässä" in web.page.inner_text(".o_omnia_customer_badges")
    # The care model asks her for the meeting.
    [activity] = open_activities(admin, partner["id"], MEETING_TYPE)
    assert activity["user_id"][1] == "Anna Virtanen"

    # The visit, logged from the customer: the meeting activity is done.
    web.click_text("Kirjaa käynti")
    assert web.field_value("omnia_partner_id") == customer
    web.set_field("name", VISIT)
    web.save()
    assert open_activities(admin, partner["id"], MEETING_TYPE) == []

    # Negative feedback heard at the visit, from the event.
    web.click_text("Kirjaa palaute")
    assert web.field_value("partner_id") == customer
    web.set_field("polarity", "Kielteinen")
    web.set_field("description", FEEDBACK)
    web.click_text("Tallenna", ".modal .modal-footer button")
    [feedback] = admin.call("omnia.feedback", "search_read",
                            [("description", "=", FEEDBACK)],
                            ["polarity", "partner_id", "account_manager_id", "state"])
    assert (feedback["polarity"], feedback["partner_id"][0], feedback["state"]) \
        == ("negative", partner["id"], "new")
    assert feedback["account_manager_id"][1] == "Anna Virtanen"


def test_team_lead_hands_over_a_lead(web, odoo):
    am = odoo.rpc("am.korhonen")
    context = am.call("res.users", "context_get")
    [before] = am.call("omnia.dashboard", "search_read", [("kind", "=", "my_work")],
                       ["lead_unopened_count"], context=context)

    web.login("lead.nieminen")
    assert web.breadcrumb() == "Tiimin työpöytä"
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.crm_lead_menu_handover")
    web.create()
    web.set_field("name", LEAD)
    web.set_field("user_id", "Mikko Korhonen")
    web.save()

    # Mikko Korhonen's home shows it, and its list has it.
    web.login("am.korhonen")
    assert web.breadcrumb() == "Oma työpöytä"
    assert count_on_home(web, "lead_unopened") == before["lead_unopened_count"] + 1
    web.page.locator(".o_omnia_count_lead_unopened").first.click()
    web.wait_idle()
    assert LEAD in web.page.inner_text(".o_content")


def test_director_approves_a_target_and_prints_the_scorecard(web, odoo):
    admin = odoo.rpc("admin")
    waiting = admin.call("omnia.target", "search_count", [("state", "=", "draft")])
    assert waiting > 0

    web.login("dir.makinen")
    assert web.breadcrumb() == "Johdon työpöytä"
    assert count_on_home(web, "target_approval") == waiting
    web.page.locator(".o_omnia_count_target_approval").first.click()
    web.wait_idle()
    web.page.locator(".o_data_row").first.click()
    web.wait_idle()
    name = web.page.inner_text(".o_form_view .oe_title").strip()
    web.click_text("Hyväksy", ".o_statusbar_buttons button")
    assert web.page.inner_text(".o_statusbar_status .btn-primary").strip() == "Hyväksytty"
    assert admin.call("omnia.target", "search_count", [("state", "=", "draft")]) \
        == waiting - 1
    assert name

    # The college's scorecard, printed: its PDF is named in Finnish.
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.omnia_scorecard_menu")
    [scorecard] = admin.call("omnia.scorecard", "search_read",
                             [("name", "like", "Asiakkuusstrategian tuloskortti")],
                             ["name", "year"], order="year desc", limit=1)
    web.open_record(scorecard["name"])
    web.page.locator(".o_cp_sidebar .o_dropdown_toggler_btn", has_text="Tulosta").click()
    with web.page.expect_download(timeout=60000) as download:
        web.page.locator(".o_cp_sidebar .dropdown-menu a", has_text="Tuloskortti").click()
    assert download.value.suggested_filename == "Tuloskortti %d.pdf" % scorecard["year"]
