"""An offer as a document: the account manager adds two trainings of the
catalogue (*Koulutustarjonta*) to her offer on its *Tarjousrivit* tab and
saves; the lines' total is the offer's expected revenue. The director
approves the price and decides to run the training (*Toteutetaan*), then
prints the offer: the PDF *Tarjous <offer>.pdf*."""

OFFER = "Hygieniakoulutus ja työturvallisuuskortit"   # the test's own offer
CUSTOMER = "Espoon Rakennuspalvelu Oy"                  # Anna Virtanen's customer


def open_offer(web):
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.crm_lead_menu_offers")
    web.switch_view("list")
    web.search(OFFER)
    web.open_record(OFFER)


def add_line(web, training, quantity):
    """A line of the catalogue's training on the open offer's lines."""
    web.page.locator('.o_field_x2many_list_row_add a:visible').first.click()
    web.wait_idle()
    row = web.page.locator(".o_field_one2many .o_data_row.o_selected_row").first
    product = row.locator('.o_field_widget[name="product_id"] input').first
    product.fill(training)
    web.page.locator("ul.ui-autocomplete:visible li a", has_text=training).first.click()
    web.wait_idle()
    quantity_input = row.locator('input[name="quantity"], '
                                 '.o_field_widget[name="quantity"]').first
    quantity_input.fill(str(quantity))
    quantity_input.press("Tab")
    web.wait_idle()


def amount(text):
    return text.replace("\u00a0", " ").strip()


def test_offer_lines_approval_decision_and_pdf(web, odoo):
    admin = odoo.rpc("admin")
    [anna] = admin.call("res.users", "search", [("login", "=", "am.virtanen")])
    [customer] = admin.call("res.partner", "search", [("name", "=", CUSTOMER)])
    offer_id = admin.call("crm.lead", "create", {
        "name": OFFER, "type": "opportunity", "partner_id": customer, "user_id": anna,
        "offer_type": "staff_training", "planned_revenue": 1000})

    # The account manager adds two trainings of the catalogue and saves.
    web.login("am.virtanen")
    open_offer(web)
    web.edit()
    web.open_tab("Tarjousrivit")
    add_line(web, "Hygieniapassi", 20)
    add_line(web, "Työturvallisuuskortti", 20)
    web.save()
    assert amount(web.field_value("offer_amount_total")) == "4 200,00"
    assert amount(web.field_value("planned_revenue")) == "4 200,00 €"
    lines = web.page.locator(".o_field_one2many .o_data_row").all_inner_texts()
    assert len(lines) == 2
    assert "Hygieniapassi" in lines[0] and "1 900,00" in amount(lines[0])
    assert "Työturvallisuuskortti" in lines[1] and "2 300,00" in amount(lines[1])
    # Hers to sell, not to approve or decide.
    buttons = web.page.locator(".o_statusbar_buttons button:visible").all_inner_texts()
    assert not {"Hyväksy hinta", "Päätä toteuttaa"} & {text.strip() for text in buttons}
    [offer] = admin.call("crm.lead", "read", [offer_id],
                         ["planned_revenue", "offer_amount_total", "price_approved_by_id"])
    assert (offer["planned_revenue"], offer["offer_amount_total"]) == (4200.0, 4200.0)
    assert offer["price_approved_by_id"] is False

    # The director approves the price and decides to run the training.
    web.login("dir.makinen")
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.crm_lead_menu_offers")
    web.switch_view("list")
    web.search(OFFER)
    web.open_record(OFFER)
    web.click_text("Hyväksy hinta", ".o_statusbar_buttons button")
    web.page.locator(".modal:visible .modal-footer .btn-primary").click()
    web.wait_idle()
    assert web.field_value("price_approved_by_id") == "Jukka Mäkinen"
    assert amount(web.field_value("approved_price")) == "4 200,00"
    web.click_text("Päätä toteuttaa", ".o_statusbar_buttons button")
    assert web.dialog() == ("Vahvistus", "Päätetäänkö tarjotun koulutuksen toteuttamisesta?")
    web.page.locator(".modal:visible .modal-footer .btn-primary").click()
    web.wait_idle()
    assert web.field_value("run_decision") == "Toteutetaan"
    assert web.field_value("run_decided_by_id") == "Jukka Mäkinen"
    [offer] = admin.call("crm.lead", "read", [offer_id],
                         ["approved_price", "run_decision", "run_decided_by_id"])
    assert (offer["approved_price"], offer["run_decision"]) == (4200.0, "run")
    assert offer["run_decided_by_id"][1] == "Jukka Mäkinen"

    # The offer printed: its PDF, named in Finnish.
    with web.page.expect_download(timeout=60000) as download:
        web.click_text("Tulosta tarjous", ".o_statusbar_buttons button")
    assert download.value.suggested_filename == "Tarjous %s.pdf" % OFFER
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
