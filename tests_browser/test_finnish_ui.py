"""The customer team works in Finnish: each role walks every menu of the
*Asiakkaat* app (read from the web client's menu, so that menus added later
are walked too) and every view it opens, a record's form with its Action menu
and activities, the filter and grouping menus and the discard dialog, and
no English word may show in a label, button, menu or dialog.

The data shown (names, texts typed by the staff) is left out: the walk
checks what the product says, not what its users wrote.
"""
import re

import pytest

CUSTOMERS_APP = "omnia_customer.omnia_customer_menu_root"
CUSTOMER = "Espoon Konepaja Oy"   # a demo key account with a care plan
ROLES = ["am.virtanen", "lead.nieminen", "dir.makinen"]

# Words of Odoo's English interface; a Finnish screen shows none of them.
ENGLISH_WORDS = [
    "Action", "Actions", "Activities", "Activity", "Add", "Archive", "Archived",
    "Assigned", "Cancel", "Close", "Collapse", "Count", "Create", "Customer",
    "Customers", "Date", "Day", "Days", "Delete", "Discard", "Done", "Download",
    "Due", "Duplicate", "Edit", "Expand", "Export", "Favorites", "Filters",
    "Follow", "Followers", "Following", "Group By", "Hours", "Import", "Insert",
    "Last", "Log note", "Lost", "Mark Done", "Measures", "Meeting", "Month",
    "Months", "My", "New", "Next", "Note", "Opportunities", "Opportunity",
    "Overdue", "Pipeline", "Planned", "Previous", "Print", "Save", "Schedule",
    "Search", "Send message", "Stage", "Today", "Tomorrow", "Total", "Unarchive",
    "Week", "Weeks", "Won", "Year", "Yesterday", "Undefined", "None",
]
# Proper names and Finnish words that an English word could be taken for.
ALLOWED = {"Omnia", "Odoo", "Y-tunnus"}

ENGLISH_RE = re.compile(
    r"(?<![\w-])(%s)(?![\w-])" % "|".join(
        re.escape(word) for word in sorted(ENGLISH_WORDS, key=len, reverse=True)))

# Where the records' own data shows: left out of the check.
DATA_SELECTORS = ", ".join([
    ".o_data_cell",
    ".o_field_char", ".o_field_text", ".o_field_html", ".o_field_email",
    ".o_field_phone", ".o_field_url", ".o_field_many2one",
    ".o_field_many2manytags", ".o_field_one2many .o_data_row",
    ".o_kanban_record_title", ".o_kanban_record .o_text_overflow",
    ".o_thread_message_content", ".o_mail_info", ".o_thread_message_core .o_mail_info",
    ".o_mail_activity .o_activity_summary", ".o_activity_note",
    ".fc-event", ".o_calendar_sidebar .o_calendar_filter_item",
    ".oe_topbar_name",
    ".breadcrumb li:not(.active)", ".o_form_view .oe_title",
])

VISIBLE_TEXTS = """(exclude) => {
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
        const text = node.nodeValue.trim();
        const element = node.parentElement;
        if (!text || !element || element.closest('script, style, template')) continue;
        if (element.closest(exclude)) continue;
        if (!element.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
        texts.push(text);
    }
    for (const input of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
        if (input.checkVisibility() && !input.value) texts.push(input.placeholder);
    }
    return texts;
}"""


def english_in(texts):
    """The English words of visible texts, each with the text it was in."""
    found = []
    for text in texts:
        for match in ENGLISH_RE.finditer(text):
            if match.group(1) not in ALLOWED:
                found.append((match.group(1), text[:80]))
    return found


class Walk:
    """Collects the English seen on each screen of a walk."""

    def __init__(self, web, login):
        self.web = web
        self.login = login
        self.found = {}

    def check(self, where):
        self.web.wait_idle()
        texts = self.web.page.evaluate(VISIBLE_TEXTS, DATA_SELECTORS)
        for word, text in english_in(texts):
            self.found.setdefault((word, text), "%s: %s" % (self.login, where))

    def report(self):
        return ["%r in %r (%s)" % (word, text, where)
                for (word, text), where in sorted(self.found.items())]


def app_leaf_menus(web):
    """The entries of the Asiakkaat app's menu that open something, as the
    web client shows them to the user (XML id, label)."""
    web.open_menu(CUSTOMERS_APP)
    return web.page.evaluate("""() => Array.from(
        document.querySelectorAll('.o_sub_menu_content a[data-action-id][data-menu-xmlid]'))
        .filter(a => a.checkVisibility())
        .map(a => [a.dataset.menuXmlid, a.innerText.trim()])""")


def open_dropdown(web, toggle):
    """Open a control panel dropdown if the view has it: its button, or None."""
    button = web.page.locator(toggle + ":visible")
    if not button.count():
        return None
    button.first.click()
    web.wait_idle()
    return button.first


def close_dropdown(web, button):
    button.click()
    web.wait_idle()


# The control panel's dropdowns: filters, groupings, favourites, measures.
SEARCH_MENUS = [
    (".o_search_options .btn-group:has(.o_filters_menu) > button", "suodattimet"),
    (".o_search_options .btn-group:has(.o_group_by_menu) > button", "ryhmittely"),
    (".o_search_options .btn-group:has(.o_favorites_menu) > button", "suosikit"),
    (".o_cp_buttons .btn-group:has(.o_pivot_measures_list) > button", "mittarit"),
    (".o_cp_buttons .btn-group:has(.o_graph_measures_list) > button", "mittarit"),
]


def walk_search_menus(walk, where):
    web = walk.web
    # Odoo 11 folds the search options behind the search view's magnifier.
    if not web.page.locator(".o_search_options:visible").count():
        more = web.page.locator(".o_searchview_more:visible")
        if more.count():
            more.first.click()
            web.wait_idle()
    for toggle, name in SEARCH_MENUS:
        button = open_dropdown(web, toggle)
        if button:
            walk.check("%s, %s" % (where, name))
            close_dropdown(web, button)


def walk_view(walk, where):
    """A view the menu opened: the view itself, its search menus, then each
    other view type it offers."""
    web = walk.web
    walk.check(where)
    # The search menus are the action's: the same in each of its views.
    walk_search_menus(walk, where)
    switches = web.page.locator(".o_cp_switch_buttons button:visible")
    types = [switch.get_attribute("data-view-type") for switch in switches.all()]
    for view_type in types:
        switch = web.page.locator(".o_cp_switch_buttons .o_cp_switch_%s:visible" % view_type)
        if not switch.count() or "active" in (switch.first.get_attribute("class") or ""):
            continue
        switch.first.click()
        web.wait_idle()
        walk.check("%s (%s)" % (where, view_type))
        if view_type in ("pivot", "graph"):   # their measures
            walk_search_menus(walk, "%s (%s)" % (where, view_type))


def walk_form(walk, where):
    """The first record of a list or kanban: its form, the Action and Print
    menus and the activities of its chatter."""
    web = walk.web
    for view_type in ("list", "kanban"):
        if web.page.locator(".o_cp_switch_buttons .o_cp_switch_%s:visible" % view_type).count():
            web.switch_view(view_type)
            break
    records = web.page.locator(".o_list_view .o_data_row:visible, "
                               ".o_kanban_view .o_kanban_record:not(.o_kanban_ghost):visible")
    if not records.count():
        return
    records.first.click()
    web.wait_idle()
    if not web.page.locator(".o_form_view:visible").count():
        return
    walk.check("%s, lomake" % where)
    for menu in web.page.locator(".o_cp_sidebar .o_dropdown_toggler_btn:visible").all():
        menu.click()
        web.wait_idle()
        walk.check("%s, lomakkeen valikko %s" % (where, menu.inner_text().strip()))
        close_dropdown(web, menu)
    toggles = web.page.locator(".o_mail_activity .o_activity_toggle:visible, "
                               ".o_mail_activity .o_activity_title:visible")
    if toggles.count():
        toggles.first.click()
        web.wait_idle()
        walk.check("%s, toimenpiteet" % where)


@pytest.mark.parametrize("login", ROLES)
def test_no_english_in_the_finnish_ui(web, login):
    web.login(login)
    walk = Walk(web, login)
    menus = app_leaf_menus(web)
    assert menus, "no menu of the Asiakkaat app is shown to %s" % login
    walk.check("Asiakkaat")
    for xmlid, label in menus:
        web.open_menu(CUSTOMERS_APP, xmlid)
        walk_view(walk, label)
        walk_form(walk, label)
    assert not walk.found, "English in the Finnish UI:\n" + "\n".join(walk.report())


def test_discard_dialog_and_activities_in_finnish(web):
    """The discard warning, the activity widget and the scheduling dialog of
    a customer, as the account manager meets them."""
    web.login("am.virtanen")
    walk = Walk(web, "am.virtanen")
    web.open_menu(CUSTOMERS_APP, "omnia_customer.res_partner_menu_my_customers")
    web.search(CUSTOMER)
    web.open_record(CUSTOMER)
    web.edit()
    web.set_field("phone", "+358 40 123 4567")
    web.page.locator(".o_control_panel .breadcrumb li a").first.click()
    web.page.locator(".modal:visible").wait_for()
    walk.check("hylkäysvaroitus")
    title, text = web.dialog()
    assert "Tietuetta on muutettu" in text, text
    web.page.locator(".modal:visible .modal-footer button").last.click()   # stay
    web.wait_idle()
    web.discard()
    if web.page.locator(".modal:visible").count():
        web.page.locator(".modal:visible .modal-footer .btn-primary").first.click()
        web.wait_idle()
    web.page.locator(".o_chatter_button_schedule_activity:visible").click()
    web.page.locator(".modal:visible .o_form_view").wait_for()
    web.wait_idle()
    walk.check("toimenpiteen ajoitus")
    assert not walk.found, "English in the Finnish UI:\n" + "\n".join(walk.report())


def test_webclient_translations_payload(web):
    """The translations the web client loads hold Odoo's own strings in
    Finnish, those the addon ships for its users' screens included."""
    web.login("am.virtanen")
    payload = web.page.evaluate("""() => fetch('/web/webclient/translations', {
        method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({jsonrpc: '2.0', method: 'call', params: {lang: 'fi_FI'}}),
    }).then(r => r.json())""")["result"]
    messages = {message["id"]: message["string"]
                for module in payload["modules"].values() for message in module["messages"]}
    assert messages["Mark Done"] == "Merkitse tehdyksi"
    assert messages["Due in %d days"] == "Erääntyy %d päivän kuluttua"
    assert messages["Planned activities"] == "Suunnitellut toimenpiteet"
    # ... and the web client uses them.
    assert web.page.evaluate("() => odoo.__DEBUG__.services['web.core']._t('Mark Done')") \
        == "Merkitse tehdyksi"
