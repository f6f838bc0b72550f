"""Offers through one form: the director approves an offer's price from
*Tarjoukset* (after a confirmation) and withdraws the approval; the team
lead's *Tarjoukset* opens on every open offer; an administrator makes a user
with one role, who starts in Finnish and in Helsinki's time zone; over
XML-RPC a user with two roles is refused."""
import xmlrpc.client

import pytest

OFFER = "Esimiestaitojen koulutus"   # Anna Virtanen's new offer, price not approved
APPROVE = "Hyväksy hinta"
WITHDRAW = "Peru hinnan hyväksyntä"
# the director's decision to run the training, not yet taken
DECIDE = ["Päätä toteuttaa", "Päätä olla toteuttamatta"]


def open_offers(web):
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.crm_lead_menu_offers")


def facets(web):
    return [text.strip() for text in
            web.page.locator(".o_searchview_facet .o_facet_values").all_inner_texts()]


def header_buttons(web):
    return [text.strip() for text in
            web.page.locator(".o_form_statusbar .o_statusbar_buttons button:visible")
            .all_inner_texts()]


def confirm(web, question):
    """The confirmation of a button: its question, then OK."""
    assert web.dialog() == ("Vahvistus", question)
    web.page.locator(".modal:visible .modal-footer .btn-primary").click()
    web.wait_idle()


def test_director_approves_and_withdraws_price(web, odoo):
    admin = odoo.rpc("admin")
    [offer] = admin.call("crm.lead", "search_read", [("name", "=", OFFER)],
                         fields=["price_approved_by_id"])
    assert offer["price_approved_by_id"] is False

    web.login("dir.makinen")
    open_offers(web)
    assert facets(web) == ["Avoimet tarjoukset"]
    web.switch_view("list")
    web.open_record(OFFER)
    # The opportunity form: the customer, the stage bar and Won / Lost.
    assert web.field_value("partner_id") == "Espoon Rakennuspalvelu Oy"
    assert web.page.is_visible(".o_statusbar_status")
    assert header_buttons(web) == ["Merkitse voitetuksi", "Merkitse hävityksi", APPROVE] + DECIDE

    web.click_text(APPROVE, ".o_statusbar_buttons button")
    confirm(web, "Hyväksytäänkö tarjouksen hinta? Jos odotettua tuottoa muutetaan "
                 "myöhemmin, hyväksyntä poistuu.")
    assert web.field_value("price_approved_by_id") == "Jukka Mäkinen"
    assert web.page.inner_text(".alert-success").startswith("Hinta hyväksytty")
    assert header_buttons(web) == ["Merkitse voitetuksi", "Merkitse hävityksi", WITHDRAW] + DECIDE
    assert admin.call("crm.lead", "read", [offer["id"]], ["price_approved_by_id"])[0][
        "price_approved_by_id"][1] == "Jukka Mäkinen"

    web.click_text(WITHDRAW, ".o_statusbar_buttons button")
    confirm(web, "Perutaanko tarjouksen hinnan hyväksyntä?")
    assert header_buttons(web) == ["Merkitse voitetuksi", "Merkitse hävityksi", APPROVE] + DECIDE
    assert not web.page.is_visible(".alert-success")
    assert admin.call("crm.lead", "read", [offer["id"]], ["price_approved_by_id"])[0][
        "price_approved_by_id"] is False


def test_team_lead_sees_all_open_offers_and_no_odoo_demo(web, odoo):
    admin = odoo.rpc("admin")
    open_names = admin.call(
        "crm.lead", "search_read",
        [("type", "=", "opportunity"), ("probability", "<", 100)], fields=["name"])
    assert len(open_names) > 10

    web.login("lead.nieminen")
    open_offers(web)
    assert facets(web) == ["Avoimet tarjoukset"]
    web.switch_view("list")
    rows = web.page.locator(".o_data_row").all_inner_texts()
    assert len(rows) == len(open_names)
    assert all(any(rec["name"] in row for row in rows) for rec in open_names)
    # The leads to hand over are the college's: no Odoo demo lead among them.
    web.open_menu("omnia_customer.crm_lead_menu_handover")
    to_hand_over = admin.call("crm.lead", "search", [("to_hand_over", "=", True)])
    data = admin.call("ir.model.data", "search_read",
                      [("model", "=", "crm.lead"), ("res_id", "in", to_hand_over)],
                      fields=["module"])
    assert len(to_hand_over) == 3
    assert [record["module"] for record in data] == ["omnia_customer"] * 3
    assert web.page.locator(".o_data_row").count() == 3
    # The account manager's opens on his own pipeline.
    web.login("am.korhonen")
    open_offers(web)
    assert facets(web) == ["Oma myyntiputki"]


def test_admin_creates_user_with_one_role(web, odoo):
    web.login("admin")
    web.open_menu("base.menu_administration", "base.menu_action_res_users")
    web.create()
    web.set_field("name", "Sari Salonen")
    web.set_field("login", "sari.salonen")
    roles = web.page.locator("select[name^='sel_groups_']").filter(
        has=web.page.locator("option", has_text="Customer Team Lead"))
    assert [text.strip() for text in roles.locator("option").all_inner_texts()] == [
        "", "Account Manager", "Customer Team Lead", "Management"]
    roles.select_option(label="Management")
    web.wait_idle()
    web.open_tab("Preferences")
    assert web.page.locator('select[name="lang"] option:checked').inner_text().strip() \
        == "Finnish / Suomi"
    assert web.field_value("tz") == '"Europe/Helsinki"'
    web.save()

    [user] = odoo.rpc("admin").call(
        "res.users", "search_read", [("login", "=", "sari.salonen")],
        fields=["lang", "tz", "groups_id"])
    assert (user["lang"], user["tz"]) == ("fi_FI", "Europe/Helsinki")
    groups = odoo.rpc("admin").call("res.groups", "search_read",
                                    [("id", "in", user["groups_id"])], fields=["full_name"])
    names = {group["full_name"] for group in groups}
    assert "Omnia customer relationships / Management" in names
    assert not names & {"Omnia customer relationships / Account Manager",
                        "Omnia customer relationships / Customer Team Lead",
                        "Sales / Manager", "Survey / Manager",
                        "Website / Editor and Designer"}

    # Over XML-RPC, two roles are refused.
    admin = odoo.rpc("admin")
    roles = {group["name"]: group["id"] for group in admin.call(
        "res.groups", "search_read",
        [("category_id.name", "=", "Omnia customer relationships")], fields=["name"])}
    with pytest.raises(xmlrpc.client.Fault) as fault:
        admin.call("res.users", "create", {
            "name": "Kaksi Roolia", "login": "kaksi.roolia",
            "groups_id": [(6, 0, [roles["Account Manager"], roles["Management"]])]})
    assert fault.value.faultString == (
        "Omnia customer relationships: Kaksi Roolia has one role, account manager, "
        "customer team lead or management, not several.")
    assert admin.call("res.users", "search", [("login", "=", "kaksi.roolia")]) == []
