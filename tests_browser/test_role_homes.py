"""Each role logs in and lands on its home, in Finnish: the cards of its
dashboard with the counts the server computes for that user, and each
count opens the list of as many records as it shows."""
import json
import re

import pytest

HOMES = [
    # login, role, title (breadcrumb and menu), the cards' titles
    ("am.virtanen", "account_manager", "Oma työpöytä",
     ["Omat tehtävät", "Oma viikko ja tavoitteet"]),
    ("lead.nieminen", "team_lead", "Tiimin työpöytä",
     ["Tiimin tehtävät", "Tiimin viikko ja tavoitteet"]),
    ("dir.makinen", "management", "Johdon työpöytä",
     ["Hyväksynnät ja avainasiakkaat", "Tämän vuoden tuloskortti"]),
]

# The counts of each role's home and their Finnish labels (plural; the
# singular when the count is 1).
LABELS = {
    "activity_today": ("Tänään erääntyvää toimenpidettä", "Tänään erääntyvä toimenpide"),
    "activity_overdue": ("Myöhästynyttä toimenpidettä", "Myöhästynyt toimenpide"),
    "meeting_overdue": ("Asiakasta, joiden tapaaminen on myöhässä",
                        "Asiakas, jonka tapaaminen on myöhässä"),
    "review_due": ("Tarkistettavaa hoitosuunnitelmaa", "Tarkistettava hoitosuunnitelma"),
    "feedback_due": ("Negatiivinen palaute lähellä määräaikaa",
                     "Negatiivinen palaute lähellä määräaikaa"),
    "lead_unopened": ("Minulle luovutettua liidiä, avaamatta",
                      "Minulle luovutettu liidi, avaamatta"),
    "lead_to_hand_over": ("Luovutettavaa liidiä", "Luovutettava liidi"),
    "escalation": ("Myöhässä olevaa eskalaatiota", "Myöhässä oleva eskalaatio"),
    "key_account_no_plan": ("Avainasiakasta ilman voimassa olevaa hoitosuunnitelmaa",
                            "Avainasiakas ilman voimassa olevaa hoitosuunnitelmaa"),
    "key_review_due": ("Avainasiakkaan katselmointia johtoryhmän kokoukseen",
                       "Avainasiakkaan katselmointi johtoryhmän kokoukseen"),
    "price_approval": ("Hyväksyntää odottavaa hintaa", "Hyväksyntää odottava hinta"),
    "target_approval": ("Hyväksyntää odottavaa tavoitetta", "Hyväksyntää odottava tavoite"),
    "scorecard_approval": ("Hyväksyntää odottavaa tuloskorttia",
                           "Hyväksyntää odottava tuloskortti"),
}
TEAM_LABELS = {
    "lead_unopened": ("Luovutettua liidiä, avaamatta", "Luovutettu liidi, avaamatta"),
}
COUNTS = {
    "account_manager": ["activity_today", "activity_overdue", "meeting_overdue",
                        "review_due", "feedback_due", "lead_unopened"],
    "team_lead": ["activity_today", "activity_overdue", "meeting_overdue", "review_due",
                  "feedback_due", "lead_unopened", "lead_to_hand_over", "escalation"],
    "management": ["key_account_no_plan", "key_review_due", "price_approval",
                   "target_approval", "scorecard_approval"],
}
# English words of the homes' labels that a Finnish user must not meet.
ENGLISH = re.compile(
    r"\b(Activit|Overdue|Customers?|Care plan|Leads?|Hours|Prices?|Targets?|"
    r"Scorecards?|Status|Revenue|Meetings|Home|Work|Week|approval|review)\b")


def expected_counts(odoo, login, role):
    """The counts of the role's cards as the server computes them for the
    user (XML-RPC, his rights and his context)."""
    rpc = odoo.rpc(login)
    context = rpc.call("res.users", "context_get")
    fields = ["%s_count" % name for name in COUNTS[role]]
    cards = rpc.call("omnia.dashboard", "search_read", [("role", "=", role)], fields,
                     context=context)
    return {name: sum(card["%s_count" % name] for card in cards) for name in COUNTS[role]}


def shown_counts(web):
    """{count: (number, label)} as the cards show them."""
    shown = {}
    for link in web.page.locator(".o_omnia_count").all():
        name = re.search(r"o_omnia_count_(\w+)", link.get_attribute("class")).group(1)
        shown[name] = (int(link.locator(".o_omnia_count_value").inner_text().strip()),
                       link.locator(".o_omnia_count_label").inner_text().strip())
    return shown


def list_total(web):
    """How many records the list shows: the sum of its groups' counts when
    grouped, the pager's total otherwise."""
    headers = web.page.locator(".o_list_view .o_group_header").all_inner_texts()
    if headers:
        return sum(int(re.search(r"\((\d+)\)", text).group(1)) for text in headers)
    pager = web.page.locator(".o_pager_limit:visible")
    if pager.count():
        return int(pager.inner_text().strip())
    return web.page.locator(".o_list_view .o_data_row").count()


@pytest.mark.parametrize("login, role, title, cards", HOMES, ids=[h[0] for h in HOMES])
def test_role_home(web, odoo, login, role, title, cards):
    expected = expected_counts(odoo, login, role)

    # Login lands on the role's home, in Finnish.
    web.login(login)
    assert web.breadcrumb() == title
    assert [text.strip() for text in
            web.page.locator(".o_omnia_dashboard_card .o_primary").all_inner_texts()] == cards
    shown = shown_counts(web)
    labels = dict(LABELS, **TEAM_LABELS) if role == "team_lead" else LABELS
    assert shown == {
        name: (expected[name], labels[name][1 if expected[name] == 1 else 0])
        for name in COUNTS[role]}
    text = web.page.inner_text(".o_content")
    assert not ENGLISH.search(text), ENGLISH.search(text).group(0)

    # Each count opens the list of as many records as it shows.
    for name in COUNTS[role]:
        web.page.locator(".o_omnia_count_%s" % name).click()
        web.wait_idle()
        assert web.breadcrumb().startswith(title)
        assert list_total(web) == expected[name], name
        web.page.locator(".o_control_panel .breadcrumb li a").first.click()
        web.wait_idle()


def test_week_and_target_card(web, odoo):
    """The account manager's week and target: hours in hh:mm against the
    target's weekly hours, a gauge per measure with actual / target."""
    rpc = odoo.rpc("am.virtanen")
    [card] = rpc.call("omnia.dashboard", "search_read", [("kind", "=", "my_targets")],
                      ["target_new_customers", "actual_new_customers", "target_meetings",
                       "actual_meetings", "week_hours_target"],
                      context=rpc.call("res.users", "context_get"))
    web.login("am.virtanen")
    hours = web.page.inner_text(".o_omnia_week_hours").strip()
    assert re.match(r"^Tunnit tällä viikolla: \d\d:\d\d / \d\d:\d\d$", hours), hours
    assert hours.endswith("%02d:%02d" % divmod(round(card["week_hours_target"] * 60), 60))
    gauges = web.page.locator(".o_omnia_gauge")
    assert gauges.count() == 4
    assert web.page.inner_text(".o_omnia_gauge_new_customers .o_omnia_gauge_numbers").strip() \
        == "%d / %d" % (card["actual_new_customers"], card["target_new_customers"])
    assert web.page.inner_text(".o_omnia_gauge_meetings .o_omnia_gauge_numbers").strip() \
        == "%d / %d" % (card["actual_meetings"], card["target_meetings"])
    # Each gauge stays within its card.
    card_box = web.page.locator(".o_omnia_dashboard_my_targets").bounding_box()
    for gauge in gauges.all():
        box = gauge.locator("svg").bounding_box()
        assert card_box["x"] <= box["x"] and box["x"] + box["width"] <= \
            card_box["x"] + card_box["width"]
        assert box["y"] + box["height"] <= card_box["y"] + card_box["height"]


def test_team_hours_per_account_manager(web, odoo):
    """The team lead sees each member's hours this week in hh:mm, apart."""
    rpc = odoo.rpc("lead.nieminen")
    [card] = rpc.call("omnia.dashboard", "search_read", [("kind", "=", "team_targets")],
                      ["week_hours_lines"], context=rpc.call("res.users", "context_get"))
    expected = [[line["name"], line["hours"], line["target"]]
                for line in json.loads(card["week_hours_lines"])]
    # The demo's team (and any account manager an earlier test made).
    assert {"Anna Virtanen", "Laura Nieminen", "Mikko Korhonen"} <= {
        line[0] for line in expected}
    web.login("lead.nieminen")
    table = web.page.locator(".o_omnia_week_hours_lines")
    assert [text.strip() for text in table.locator("th").all_inner_texts()] == [
        "Asiakasvastaava", "Tunnit tällä viikolla", "Viikkotunnit"]
    rows = [[cell.strip() for cell in row.locator("td").all_inner_texts()]
            for row in table.locator("tbody tr").all()]
    assert rows == expected
    assert all(re.match(r"^\d\d:\d\d$", row[1]) for row in rows)
