"""Flow 2: the customer team lead records a lead and hands it over to an
account manager, who finds it among the leads handed to him and in his
pipeline as an offer of the customer with its offer type and funding
source."""

LEAD = "Hygieniapassikoulutus keittiöhenkilöstölle"
CUSTOMER = "Leppävaaran Kahvila Oy"   # Mikko Korhonen's customer


def test_flow2_lead_handed_over_to_account_manager(web, odoo):
    web.login("lead.nieminen")
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.crm_lead_menu_handover")
    web.create()
    # The one form of leads and offers: a lead has no stage bar nor Won / Lost.
    assert not web.page.is_visible(".o_statusbar_status")
    web.set_field("name", LEAD)
    web.set_field("offer_type", "Henkilöstökoulutus")
    web.set_field("funding_source_id", "Yrityksen maksama")
    web.set_field("user_id", "Mikko Korhonen")   # the handover
    web.open_tab("Yhteystiedot")
    web.set_field("partner_name", CUSTOMER)
    web.save()
    assert web.field_value("opened_by_id") == "Laura Nieminen"
    assert web.field_value("handover_date")

    # Converted into an offer of the customer in the register.
    web.click_text("Muunna mahdollisuudeksi")
    assert web.field_value("partner_id") == CUSTOMER
    assert web.field_value("user_id") == "Mikko Korhonen"
    web.click_text("Luo mahdollisuus", ".modal button")

    lead = odoo.rpc("admin").call(
        "crm.lead", "search_read", [("name", "=", LEAD)],
        fields=["type", "partner_id", "user_id", "opened_by_id", "handover_date"])
    assert [(rec["type"], rec["partner_id"][1], rec["user_id"][1], rec["opened_by_id"][1],
             bool(rec["handover_date"])) for rec in lead] == [
        ("opportunity", CUSTOMER, "Mikko Korhonen", "Laura Nieminen", True)]

    # Handed to him and not yet opened.
    web.login("am.korhonen")
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.crm_lead_menu_handed_to_me")
    assert web.page.locator(".o_data_row", has_text=LEAD).count() == 1
    web.open_menu("omnia_customer.crm_lead_menu_offers")
    web.open_record(LEAD)
    assert web.field_value("partner_id") == CUSTOMER
    assert web.field_value("offer_type") == "Henkilöstökoulutus"
    assert web.field_value("funding_source_id") == "Yrityksen maksama"
    assert web.field_value("opened_by_id") == "Laura Nieminen"
