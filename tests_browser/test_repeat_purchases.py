"""Repeat purchases (R15): management opens the year's scorecard and an
account manager's target and reads *Uusintaostot*: the won offers of the
year whose company had bought before.

The records are made over XML-RPC for 2032, a year no demo data and no
other test uses: Kauklahden Puutyö Oy buys three times (the second time
through its contact person), Kauklahden Kello Oy once; all won by Anna
Virtanen. Two repeat purchases: the first purchases do not count.
"""
import re

import pytest

CUSTOMERS_APP = "omnia_customer.omnia_customer_menu_root"
SCORECARD = "Asiakkuusstrategian tuloskortti 2032"
GOAL = "Uusintaostot kasvuun"
TARGET_START = "01.01.2032"
WINS = [
    # (company, through its contact person, offer, revenue, closed in UTC)
    ("Kauklahden Puutyö Oy", False, "Puusepän ammattitutkinto", 18000, "2032-02-03 10:00:00"),
    ("Kauklahden Kello Oy", False, "Kelloseppien täydennyskoulutus", 9000, "2032-03-01 12:00:00"),
    ("Kauklahden Puutyö Oy", True, "CNC-koneistuksen koulutus", 12000, "2032-05-12 09:00:00"),
    ("Kauklahden Puutyö Oy", False, "Työnjohdon koulutus", 15000, "2032-09-20 13:00:00"),
]


@pytest.fixture
def year_2032(odoo):
    """Anna Virtanen's won offers of 2032, her year's target and the year's
    draft scorecard with a repeat-purchases line."""
    admin = odoo.rpc("admin")
    [virtanen] = admin.call("res.users", "search", [("login", "=", "am.virtanen")])
    [won_stage] = admin.call("crm.stage", "search", [("probability", "=", 100)], limit=1)
    partners = {}
    for company, via_contact, name, revenue, closed in WINS:
        if company not in partners:
            company_id = admin.call("res.partner", "create", {
                "name": company, "is_company": True, "customer": True})
            contact_id = admin.call("res.partner", "create", {
                "name": "Yhteyshenkilö, %s" % company, "parent_id": company_id})
            partners[company] = (company_id, contact_id)
        lead = admin.call("crm.lead", "create", {
            "name": name, "type": "opportunity", "user_id": virtanen,
            "partner_id": partners[company][1 if via_contact else 0],
            "planned_revenue": revenue, "probability": 100, "stage_id": won_stage})
        admin.call("crm.lead", "write", [lead], {"date_closed": closed})
    lead = odoo.rpc("lead.nieminen")
    lead.call("omnia.target", "create", {
        "user_id": virtanen, "period_type": "year", "date_from": "2032-01-01",
        "target_repeat_purchases": 4})
    perspective = admin.call("ir.model.data", "xmlid_to_res_id",
                             "omnia_customer.scorecard_perspective_customers")
    lead.call("omnia.scorecard", "create", {
        "name": SCORECARD, "year": 2032,
        "line_ids": [(0, 0, {"name": GOAL, "measure": "repeat_purchases", "target": 4,
                             "perspective_id": perspective})]})


def form_label(web, text):
    return web.page.locator(".o_form_view label:visible").filter(
        has_text=re.compile(r"^\s*%s\s*$" % re.escape(text)))


def test_management_reads_repeat_purchases(web, year_2032):
    web.login("dir.makinen")

    # The scorecard: the line's actual and achievement, its measure in Finnish.
    web.open_menu(CUSTOMERS_APP, "omnia_customer.omnia_scorecard_menu")
    web.open_record(SCORECARD)
    lines = '.o_field_widget[name="line_ids"]'
    headers = [text.strip() for text in
               web.page.locator(lines + " thead th:visible").all_inner_texts()]
    row = web.page.locator(lines + " tbody tr.o_data_row", has_text=GOAL)
    cells = [text.strip() for text in row.locator("td").all_inner_texts()]
    figures = dict(zip(headers, cells))
    assert (figures["Tavoite"], figures["Toteuma"], figures["%"]) == ("4,00", "2,00", "50,0")
    row.click()
    web.wait_idle()
    assert web.field_value("measure") == "Uusintaostot"
    web.close_dialog()

    # Anna Virtanen's target: two repeat purchases of four, one repeat customer.
    web.open_menu(CUSTOMERS_APP, "omnia_customer.omnia_target_menu")
    web.remove_filters()
    web.open_record(TARGET_START)
    assert form_label(web, "Uusintaostot").count() == 1
    assert form_label(web, "Tavoite: uusintaostot").count() == 1
    assert (web.field_value("target_repeat_purchases"),
            web.field_value("actual_repeat_purchases"),
            web.field_value("actual_repeat_customers"),
            web.field_value("actual_new_customers")) == ("4", "2", "1", "2")
    assert web.field_value("repeat_purchases_progress").startswith("50")
