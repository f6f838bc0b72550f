"""Text from clients comes back harmless where the server renders HTML."""
import re

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'
DANGEROUS = re.compile(r"<script|onerror|javascript:", re.I)


# Models whose demo has no draft record: one is made to write to.
NEW_DRAFTS = {"omnia.usage.review": {"year": 2099, "half": "h1"}}


def test_html_fields_of_the_addon_are_sanitized(admin, addon_models):
    """Every HTML field of every model of the addon drops scripts and event
    handlers on write."""
    checked = 0
    for model in addon_models:
        fields = admin.call(model, "fields_get", attributes=["type", "readonly", "selection"])
        html = [name for name, field in fields.items()
                if field["type"] == "html" and not field["readonly"]]
        record_ids = []
        if html:
            # A draft record where there are states: a frozen or handled
            # one (e.g. a half-yearly report) refuses every change.
            states = dict(fields["state"].get("selection", [])) if "state" in fields else {}
            domain = [("state", "=", "draft")] if "draft" in states else []
            record_ids = admin.call(model, "search", domain, limit=1)
            if not record_ids and model in NEW_DRAFTS:
                record_ids = [admin.call(model, "create", NEW_DRAFTS[model])]
            elif not record_ids:
                record_ids = admin.call(model, "search", [], limit=1)
        for name in html:
            if not record_ids:
                continue
            admin.call(model, "write", record_ids,
                       {name: "<p>Kokous %s pidetty</p>" % SCRIPT})
            value = admin.call(model, "read", record_ids, [name])[0][name]
            assert "Kokous" in value
            assert not DANGEROUS.search(value), (model, name, value)
            checked += 1
    assert checked >= 1


def test_chatter_note_of_a_reassignment_is_escaped(admin, users):
    """The note the addon posts when a customer changes account manager
    names the customer and users: markup in those names stays text."""
    partner_id = admin.call("res.partner", "create", {
        "name": "Vaarallinen %s Oy" % SCRIPT, "is_company": True,
        "user_id": users["account_manager"].uid})
    admin.call("res.users", "write", [users["team_lead"].uid],
               {"name": "Tiimi %s Vetäjä" % SCRIPT})
    admin.call("res.partner", "write", [partner_id],
               {"user_id": users["team_lead"].uid})
    messages = admin.call("mail.message", "search_read", [
        ("model", "=", "res.partner"), ("res_id", "=", partner_id)], ["body"])
    bodies = " ".join(m["body"] or "" for m in messages)
    assert "Tiimi" in bodies
    assert not DANGEROUS.search(bodies), bodies
