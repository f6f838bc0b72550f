"""An account manager records negative feedback from one of his customers
and finds the response to-do it gave him, with its deadline."""

TEXT = "Hitsauskoulutuksen aikataulu muuttui kahdesti ilman ennakkoilmoitusta."


def test_negative_feedback_gives_response_todo(web, odoo):
    web.login("am.virtanen")
    web.open_menu("omnia_customer.omnia_customer_menu_root", "omnia_customer.omnia_feedback_menu")
    web.create()
    web.set_field("partner_id", "Espoon Konepaja")
    web.set_field("polarity", "Kielteinen")
    web.set_field("description", TEXT)
    web.save()

    assert web.field_value("partner_id") == "Espoon Konepaja Oy"
    assert web.field_value("account_manager_id") == "Anna Virtanen"
    assert web.page.inner_text(".o_statusbar_status .btn-primary").strip() == "Uusi"
    activity = web.page.locator(".o_mail_activity")
    assert "Reagoi kielteiseen palautteeseen" in activity.inner_text()

    admin = odoo.rpc("admin")
    feedback = admin.call("omnia.feedback", "search_read", [("description", "=", TEXT)],
                          fields=["polarity", "deadline", "account_manager_id"])
    assert len(feedback) == 1 and feedback[0]["polarity"] == "negative"
    activities = admin.call(
        "mail.activity", "search_read",
        [("res_model", "=", "omnia.feedback"), ("res_id", "=", feedback[0]["id"])],
        fields=["user_id", "date_deadline"])
    assert [(a["user_id"][1], a["date_deadline"]) for a in activities] == [
        ("Anna Virtanen", feedback[0]["deadline"])]


def test_invisible_response_does_not_close_feedback(web, odoo):
    """A response of a zero-width space and spaces is no response: the
    account manager is told so in Finnish, without any server detail, and
    the feedback stays open."""
    web.login("am.virtanen")
    web.open_menu("omnia_customer.omnia_customer_menu_root", "omnia_customer.omnia_feedback_menu")
    web.create()
    web.set_field("partner_id", "Espoon Konepaja")
    web.set_field("polarity", "Kielteinen")
    web.set_field("description", "Kurssimateriaali tuli myöhässä.")
    web.open_tab("Reagointi ja toimenpiteet")
    web.set_field("response", "\u200b \u00a0")
    web.save()
    web.click_text("Merkitse käsitellyksi")

    title, message = web.dialog()
    assert message.splitlines()[0] == (
        "Reagointi: kielteistä palautetta ei voi sulkea ilman reagointia.")
    assert "Traceback" not in message and "File " not in message
    web.close_dialog()
    admin = odoo.rpc("admin")
    [feedback] = admin.call("omnia.feedback", "search_read",
                            [("description", "=", "Kurssimateriaali tuli myöhässä.")],
                            fields=["state", "done_date"])
    assert (feedback["state"], feedback["done_date"]) == ("new", False)
