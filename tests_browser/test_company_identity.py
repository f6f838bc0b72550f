"""A company's identity: an account manager starts a new customer company
with the business ID (Y-tunnus) of an existing one, is warned in Finnish
before saving, with the existing company to open; a business ID whose check
digit is wrong is refused naming the field, and nothing is saved."""

EXISTING = "Espoon Konepaja Oy"
NEW = "Konepaja Espoo Uusi Oy"
OTHER = "Tarkistusmerkki Testi Oy"


def test_duplicate_warned_and_invalid_refused(web, odoo):
    admin = odoo.rpc("admin")
    [existing] = admin.call("res.partner", "search_read", [("name", "=", EXISTING)],
                            fields=["business_id"])
    business_id = existing["business_id"]
    assert business_id

    web.login("am.virtanen")
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.res_partner_menu_customers")
    web.create()
    warning = web.page.locator(".o_form_view .o_omnia_duplicates")
    web.set_field("name", NEW)
    assert not warning.is_visible()
    # Typed as the VAT number shows it: the same company.
    web.set_field("business_id", "FI" + business_id.replace("-", ""))

    # Warned before saving, in Finnish, with the company to open.
    assert warning.is_visible()
    text = warning.inner_text()
    assert "Mahdollinen kaksoiskappale" in text
    assert "on jo asiakkaissa" in text
    row = warning.locator(".o_data_row", has_text=EXISTING)
    assert business_id in row.inner_text()
    row.click()
    web.wait_idle()
    assert web.field_value("name") == EXISTING
    web.close_dialog()

    # A business ID with a wrong check digit is refused, naming the field.
    digits = business_id[:7]
    wrong = "%s-%d" % (digits, (int(business_id[8]) + 1) % 10)
    web.set_field("name", OTHER)
    web.set_field("business_id", wrong)
    web.save()
    title, message = web.dialog()
    assert title.startswith("Tarkista tiedot") and "Odoo" not in title
    assert message.splitlines()[0] == (
        "Y-tunnus: %s ei ole kelvollinen: tarkistusmerkki ei täsmää numeroihin." % wrong)
    web.close_dialog()
    assert admin.call("res.partner", "search_count",
                      [("name", "in", [NEW, OTHER])]) == 0
