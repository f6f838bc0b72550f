"""The screens that the staff read every week fit a 1280 px and a 1440 px
screen: nothing they compare is cut off or hidden to the right, the team
dashboard's gauges stay in their cards and show actual / target, hours
read hh:mm, and the weekly hours pivot agrees with *Oma viikko*."""
import re

import pytest

from .web import WebClient

CUSTOMERS_APP = "omnia_customer.omnia_customer_menu_root"
SCORECARD = "Asiakkuusstrategian tuloskortti 2026"
SCREENS = [(1280, 800), (1440, 900)]
HHMM = re.compile(r"^\d+:\d\d$")


@pytest.fixture(params=SCREENS, ids=["%dx%d" % screen for screen in SCREENS])
def screen(browser, odoo, request):
    width, height = request.param
    context = browser.new_context(locale="en-US", timezone_id="Europe/Helsinki",
                                  viewport={"width": width, "height": height})
    context.set_default_timeout(20000)
    yield WebClient(context.new_page(), odoo.url), width
    context.close()


def right_edge(locator):
    box = locator.bounding_box()
    assert box, "not shown"
    return box["x"] + box["width"]


def assert_in_view(web, width, selector, text=None):
    """The element is shown and ends inside the window (no horizontal scrolling)."""
    locator = web.page.locator(selector + ":visible")
    if text is not None:
        locator = locator.filter(has_text=re.compile(r"^\s*%s\s*$" % re.escape(text)))
    assert right_edge(locator.first) <= width, "%s %r is cut off at %d px" % (selector, text, width)


def test_scorecard_lines_fit(screen):
    web, width = screen
    web.login("dir.makinen")
    web.open_menu(CUSTOMERS_APP, "omnia_customer.omnia_scorecard_menu")
    web.open_record(SCORECARD)
    lines = '.o_field_widget[name="line_ids"]'
    headers = web.page.locator(lines + " thead th:visible").all_inner_texts()
    assert [header.strip() for header in headers][-4:] == ["Toteuma", "", "%", "Tila"]
    for column in ("Toteuma", "%", "Tila"):
        assert_in_view(web, width, lines + " thead th", column)
    # The lines come perspective by perspective.
    perspectives = [text.strip() for text in web.page.locator(
        lines + " tbody tr.o_data_row td:nth-child(1)").all_inner_texts()]
    assert perspectives == sorted(perspectives, key=perspectives.index)
    assert len(set(perspectives)) == 4


def test_my_week_total_fits(screen):
    web, width = screen
    web.login("am.virtanen")
    web.open_menu(CUSTOMERS_APP, "omnia_customer.omnia_work_hours_report_menu_my_week")
    total = web.page.locator(".o_pivot table tbody tr").first.locator("td").last
    assert right_edge(total) <= width
    assert HHMM.match(total.inner_text().strip())


def test_targets_list_fits_and_sums_nothing(screen):
    web, width = screen
    web.login("lead.nieminen")
    web.open_menu(CUSTOMERS_APP, "omnia_customer.omnia_target_menu")
    assert_in_view(web, width, ".o_list_view thead th", "Tila")
    # Targets of different people and periods do not add up.
    assert not web.page.inner_text(".o_list_view tfoot").strip()


def finnish_amount(value):
    """An amount as the Finnish web client shows it: 535 700,00."""
    return "{:,.2f}".format(value).replace(",", "\xa0").replace(".", ",")


def test_dashboard_gauges_stay_in_their_cards(screen, odoo):
    web, width = screen
    [team_target] = odoo.rpc("lead.nieminen").call(
        "omnia.target", "search_read", [("team_id.name", "=", "Asiakastiimi")],
        ["actual_revenue", "target_revenue", "revenue_progress"],
        order="date_from desc", limit=1)
    web.login("lead.nieminen")
    web.open_menu(CUSTOMERS_APP, "omnia_customer.omnia_target_menu_dashboard")
    cards = web.page.locator(".o_kanban_record:not(.o_kanban_ghost):visible")
    assert cards.count() == 3
    web.page.wait_for_timeout(1600)   # the gauges' arcs are drawn in 1.5 s
    for card in cards.all():
        card_box = card.bounding_box()
        assert card_box["x"] + card_box["width"] <= width
        for gauge in card.locator(".oe_gauge svg path").all():
            box = gauge.bounding_box()
            assert card_box["x"] <= box["x"] and \
                box["x"] + box["width"] <= card_box["x"] + card_box["width"]
        figures = card.locator(".o_omnia_gauge_figures").all_inner_texts()
        assert len(figures) == 4 and all(" / " in figure for figure in figures)
        assert re.search(r"Tunnit tällä viikolla: \d+:\d\d\b", card.inner_text())
    # The team's revenue is over its target: the centre says how much, the
    # arc (checked above) stays in the card.
    assert team_target["revenue_progress"] > 100
    team = cards.filter(has_text="Asiakastiimi")
    assert "%s / %s" % (finnish_amount(team_target["actual_revenue"]),
                        finnish_amount(team_target["target_revenue"])) in team.inner_text()
    assert "%d" % round(team_target["revenue_progress"]) in \
        team.locator('.oe_gauge[name="revenue_progress"]').inner_text()


def test_weekly_hours_on_whole_weeks(web):
    """The weekly hours pivot opens on the last four whole ISO weeks, and
    the account manager's current week is the total of her *Oma viikko*."""
    web.login("am.virtanen")
    web.open_menu(CUSTOMERS_APP, "omnia_customer.omnia_work_hours_report_menu_my_week")
    my_week = web.pivot_rows()["Yhteensä"][-1]
    web.login("lead.nieminen")
    web.open_menu(CUSTOMERS_APP, "omnia_customer.omnia_work_hours_report_menu")
    assert web.page.inner_text(".o_searchview_facet").strip() == "Viimeiset 4 viikkoa"
    weeks = web.page.locator(".o_pivot thead tr").nth(1).locator("th").all_inner_texts()
    assert len(weeks) == 4 and all(re.match(r"^\d{4}-W\d\d$", w.strip()) for w in weeks)
    rows = web.pivot_rows()
    assert rows["Anna Virtanen"][3] == my_week
