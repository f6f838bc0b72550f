"""Driving Odoo 11's web client with Playwright: log in, open menus, wait
until it is idle, read and fill form fields, save, read what it reports."""
import time

IDLE_QUIET = 0.25  # seconds without a pending RPC that count as idle
LOGIN_TIMEOUT = 120000  # ms; the first login after a start builds the assets


class WebClient:
    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self._pending = set()
        page.on("request", self._on_request)
        page.on("requestfinished", self._on_request_done)
        page.on("requestfailed", self._on_request_done)

    def _on_request(self, request):
        # The bus's long poll stays open by design: it is not work in progress.
        if request.resource_type in ("xhr", "fetch") and "/longpolling/" not in request.url:
            self._pending.add(request)

    def _on_request_done(self, request):
        self._pending.discard(request)

    # Session ------------------------------------------------------------------

    def login(self, login, password=None):
        """Log in through the login page (after logging out whoever is in)
        and wait for the web client."""
        self.page.goto(self.base_url + "/web/session/logout?redirect=/web/login")
        self.page.fill("input[name=login]", login)
        self.page.fill("input[name=password]", password or login)
        self.page.click("form.oe_login_form button[type=submit]")
        self.page.wait_for_selector(".o_web_client #oe_main_menu_navbar", timeout=LOGIN_TIMEOUT)
        self.wait_idle()

    def session_info(self, key):
        """A value of the web client's session, e.g. ``user_context``."""
        return self.page.evaluate("(key) => odoo.session_info[key]", key)

    # Waiting ------------------------------------------------------------------

    def wait_idle(self, timeout=30):
        """Wait until no RPC has been pending for a moment and the loading
        indicator is hidden."""
        deadline = time.monotonic() + timeout
        quiet_since = None
        while True:
            self.page.wait_for_timeout(50)
            now = time.monotonic()
            busy = bool(self._pending) or self.page.is_visible(".o_loading")
            if busy:
                quiet_since = None
            elif quiet_since is None:
                quiet_since = now
            elif now - quiet_since >= IDLE_QUIET:
                return
            if now > deadline:
                raise TimeoutError("the web client stayed busy for %d s: %s"
                                   % (timeout, [r.url for r in self._pending]))

    def reload(self):
        """Load the current page anew (the URL keeps the action and record)."""
        self.page.reload()
        self.page.wait_for_selector(".o_web_client .o_control_panel .breadcrumb li")
        self.wait_idle()

    # Menus --------------------------------------------------------------------

    def menu(self, xmlid):
        """The link of a menu (top or side menu) by its XML id."""
        return self.page.locator('a[data-menu-xmlid="%s"]:visible' % xmlid).first

    def open_menu(self, *xmlids):
        """Click menus in order, e.g. the app, then an entry of its side menu."""
        for xmlid in xmlids:
            self.menu(xmlid).click()
            self.wait_idle()

    def breadcrumb(self):
        return self.page.inner_text(".o_control_panel .breadcrumb").strip()

    # Views --------------------------------------------------------------------

    def click_button(self, selector):
        """Click a control-panel or form button (CSS selector) and wait."""
        self.page.locator(selector + ":visible").first.click()
        self.wait_idle()

    def click_text(self, text, selector="button"):
        """Click the visible element (a button by default) that shows a
        text; e.g. the form's header buttons, which carry no name."""
        self.page.locator(selector + ":visible", has_text=text).first.click()
        self.wait_idle()

    def create(self):
        self.click_button(".o_list_button_add, .o_form_button_create, .o-kanban-button-new")

    def save(self):
        self.click_button(".o_form_button_save")

    def discard(self):
        self.click_button(".o_form_button_cancel")

    def switch_view(self, view_type):
        self.click_button(".o_cp_switch_buttons .o_cp_switch_%s" % view_type)

    def search(self, text, field_label=None):
        """Search the current view for a text: in the search view's first
        field (e.g. the name), or in the field whose label is given (the
        line of the autocompletion that names it)."""
        box = self.page.locator(".o_searchview_input:visible").first
        box.fill("")
        box.press_sequentially(text)   # the autocompletion follows the keys
        if field_label:
            self.page.locator(".o_searchview_autocomplete:visible li",
                              has_text=field_label).first.click()
        else:
            box.press("Enter")
        self.wait_idle()

    def open_record(self, text):
        """Open the first list row or kanban card that shows a text."""
        self.page.locator(".o_data_row:visible, .o_kanban_record:visible",
                          has_text=text).first.click()
        self.wait_idle()

    def edit(self):
        self.click_button(".o_form_button_edit")

    def open_tab(self, label):
        """Open a page of the form's notebook by its label."""
        self.page.locator(".o_notebook .nav-tabs a:visible", has_text=label).first.click()
        self.wait_idle()

    def remove_filters(self):
        """Remove every facet (filter, grouping) of the search view."""
        remove = self.page.locator(".o_searchview_facet .o_facet_remove")
        while remove.count():
            remove.first.click()
            self.wait_idle()

    def pivot_rows(self):
        """The pivot's rows as {row title: [cells as shown]}, the grand total
        row included; with grouped columns a row's last cell is its total."""
        rows = {}
        for row in self.page.locator(".o_pivot table tbody tr").all():
            title = row.locator("td").first.inner_text().strip()
            rows[title] = [cell.inner_text().strip()
                           for cell in row.locator("td.o_pivot_cell_value").all()]
        return rows

    # Form fields --------------------------------------------------------------

    def field(self, name):
        """A field of the form on top (a dialog's, when one is open)."""
        # A form may hold a field twice, once invisible (for its attrs); an
        # empty field is hidden in read mode.
        selector = '.o_form_view .o_field_widget[name="%s"]' % name
        if self.page.locator(".modal:visible .o_form_view").count():
            selector = ".modal:visible " + selector   # the dialog on top
        visible = self.page.locator(selector + ":visible")
        return (visible if visible.count() else self.page.locator(selector)).first

    def field_value(self, name):
        """What a form field shows: an input's value or the widget's text."""
        element = self.field(name)
        tag = element.evaluate("e => e.tagName").lower()
        if tag in ("input", "textarea", "select"):
            return element.input_value()
        if element.locator("input").count():
            return element.locator("input").first.input_value()
        return element.inner_text().strip()

    def set_field(self, name, value):
        """Type a value into a form field in edit mode. Many2one fields take
        the text to search and pick the first suggestion; checkboxes take a
        bool; radio buttons and selections the label to choose; dates and
        times the text in the user's format."""
        element = self.field(name)
        classes = element.get_attribute("class") or ""
        if element.evaluate("e => e.tagName").lower() == "select":
            element.select_option(label=value)
        elif element.locator(".note-editable").count():   # an HTML field's editor
            editor = element.locator(".note-editable").first
            editor.fill(value)
            editor.press("Tab")
        elif "o_field_radio" in classes:
            element.locator("label", has_text=value).first.click()
        elif "o_field_boolean" in classes:
            box = element.locator("input")
            if box.is_checked() != bool(value):
                element.locator("label, input").first.click()
        elif "o_field_many2one" in classes:
            box = element.locator("input").first
            box.fill(value)
            self.page.locator("ul.ui-autocomplete:visible li a").first.wait_for()
            self.wait_idle()
            self.page.locator("ul.ui-autocomplete:visible li a").first.click()
        else:
            box = element if element.evaluate("e => e.tagName").lower() in (
                "input", "textarea") else element.locator("input, textarea").first
            box.fill(value)
            box.press("Tab")
        self.wait_idle()

    # What the web client reports ---------------------------------------------

    def dialog(self):
        """Title and text of the open modal dialog (e.g. a validation error)."""
        modal = self.page.locator(".modal:visible .modal-content").last
        modal.wait_for()
        return (modal.locator(".modal-title").inner_text().strip(),
                modal.locator(".modal-body").inner_text().strip())

    def close_dialog(self):
        self.page.locator(".modal:visible .modal-footer button").last.click()
        self.wait_idle()

    def notification(self):
        """Title and text of the newest notification (top right)."""
        note = self.page.locator(".o_notification:visible").last
        note.wait_for()
        return (note.locator(".o_notification_title").inner_text().strip(),
                note.locator(".o_notification_content").inner_text().strip())
