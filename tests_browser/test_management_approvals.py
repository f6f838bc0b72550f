"""Flow 4: management reviews a key account's care plan from the list of
plans due for review, then approves an account manager's target and the
year's scorecard; the account manager sees neither approve button.

The team lead prepares the target and the scorecard over XML-RPC, for 2030,
a year no demo data uses.
"""
import pytest

CUSTOMER = "Espoon Konepaja Oy"   # Anna Virtanen's key account, due for review
MEETING = "Johtoryhmän kokous 2030/3"
TARGET_START = "01.01.2030"   # the list shows the target's account manager and period
SCORECARD = "Asiakkuusstrategian tuloskortti 2030"


@pytest.fixture
def proposals(odoo):
    """A draft target of Anna Virtanen and a proposed scorecard, both 2030."""
    lead = odoo.rpc("lead.nieminen")
    [virtanen] = lead.call("res.users", "search", [("login", "=", "am.virtanen")])
    target = lead.call("omnia.target", "create", {
        "user_id": virtanen, "period_type": "year", "date_from": "2030-01-01",
        "target_new_customers": 4, "target_meetings": 40, "target_revenue": 150000,
    })
    scorecard = lead.call("omnia.scorecard", "create", {"name": SCORECARD, "year": 2030})
    lead.call("omnia.scorecard", "action_propose", [scorecard])
    return target, scorecard


def header_buttons(web):
    return [text.strip() for text in
            web.page.locator(".o_form_statusbar .o_statusbar_buttons button:visible")
            .all_inner_texts()]


def status(web):
    return web.page.inner_text(".o_statusbar_status .btn-primary").strip()


def open_target(web):
    web.open_menu("omnia_customer.omnia_customer_menu_root", "omnia_customer.omnia_target_menu")
    web.remove_filters()
    web.open_record(TARGET_START)


def open_scorecard(web):
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.omnia_scorecard_menu")
    web.open_record(SCORECARD)


def test_flow4_management_reviews_and_approves(web, odoo, proposals):
    target_id, scorecard_id = proposals

    # The account manager reads his target and the scorecard, nothing to approve.
    web.login("am.virtanen")
    open_target(web)
    assert status(web) == "Luonnos"
    assert "Hyväksy" not in header_buttons(web)
    open_scorecard(web)
    assert status(web) == "Ehdotettu"
    assert "Hyväksy" not in header_buttons(web)

    # Management: the care plans due for review, one reviewed in the meeting.
    web.login("dir.makinen")
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.omnia_care_plan_menu_reviews")
    web.open_record(CUSTOMER)
    web.click_text("Kirjaa läpikäynti")
    web.set_field("meeting", MEETING)
    web.set_field("notes", "Hitsauskoulutuksen jatko sovittu, seuraava tapaaminen huhtikuussa.")
    web.click_text("Tallenna", ".modal-footer button")
    # Saving closes the dialog and the plan shows the new review.
    web.page.wait_for_selector(".modal:visible", state="detached")
    web.open_tab("Läpikäynnit")
    reviews = web.page.inner_text('.o_field_widget[name="review_ids"]')
    assert MEETING in reviews and "Jukka Mäkinen" in reviews

    admin = odoo.rpc("admin")
    [plan] = admin.call("omnia.care.plan", "search_read",
                        [("partner_id.name", "=", CUSTOMER), ("state", "=", "active")],
                        fields=["last_review_date", "review_ids", "year"])
    # The year reads as a year, without a thousands separator.
    assert web.field_value("year") == str(plan["year"])
    [review] = admin.call("omnia.care.plan.review", "search_read",
                          [("plan_id", "=", plan["id"]), ("meeting", "=", MEETING)],
                          fields=["date", "reviewer_id"])
    assert review["reviewer_id"][1] == "Jukka Mäkinen"
    assert plan["last_review_date"] == review["date"]

    # The target and the scorecard, approved.
    open_target(web)
    assert status(web) == "Luonnos"
    web.click_text("Hyväksy", ".o_statusbar_buttons button")
    assert status(web) == "Hyväksytty"
    assert web.field_value("approved_by_id") == "Jukka Mäkinen"
    open_scorecard(web)
    web.click_text("Hyväksy", ".o_statusbar_buttons button")
    assert status(web) == "Hyväksytty"
    assert web.field_value("approved_by_id") == "Jukka Mäkinen"

    assert admin.call("omnia.target", "read", [target_id], ["state"])[0]["state"] == "approved"
    assert admin.call("omnia.scorecard", "read", [scorecard_id], ["state"])[0]["state"] \
        == "approved"
