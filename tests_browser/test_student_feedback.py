"""Student feedback in its own right: the industry manager records forum
feedback about a qualification, without a company; an account manager opens
the steering group of one of a company's two trainings and sends its minutes
to the participants from Odoo's mail composer, the PDF attached."""

TEXT = "Opiskelijat toivovat iltaryhmille etäyhteyden lähiopetukseen."
MEETING = "Esihenkilöiden johtamiskoulutus, ohjausryhmä"


def test_forum_feedback_about_a_qualification(web, odoo):
    web.login("am.korhonen")
    web.open_menu("omnia_customer.omnia_customer_menu_root", "omnia_customer.omnia_feedback_menu")
    web.create()
    web.set_field("polarity", "Myönteinen")
    web.set_field("source", "Opiskelijafoorumi")
    web.set_field("qualification_id", "Liiketoiminnan perustutkinto")
    web.set_field("description", TEXT)
    web.save()

    assert web.field_value("qualification_id") == "Liiketoiminnan perustutkinto"
    assert web.field_value("partner_id") == ""
    assert web.page.inner_text(".o_statusbar_status .btn-primary").strip() == "Uusi"

    admin = odoo.rpc("admin")
    [feedback] = admin.call("omnia.feedback", "search_read", [("description", "=", TEXT)],
                            fields=["partner_id", "qualification_id", "source"])
    assert feedback["partner_id"] is False
    assert feedback["qualification_id"][1] == "Liiketoiminnan perustutkinto"
    assert feedback["source"] == "student_forum"


def test_steering_group_minutes_sent_to_participants(web, odoo):
    web.login("am.virtanen")
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.omnia_feedback_meeting_menu")
    admin = odoo.rpc("admin")
    [meeting] = admin.call("omnia.feedback.meeting", "search_read",
                           [("name", "=", MEETING)], fields=["date"])
    web.open_record(MEETING)
    assert web.field_value("training_id").startswith("Esihenkilöiden johtamiskoulutus")
    assert web.field_value("partner_id") == "Espoon Konepaja Oy"

    web.click_text("Lähetä muistio")
    modal = web.page.locator(".modal-content:visible").filter(
        has=web.page.locator(".modal-title", has_text="Lähetä muistio")).first
    modal.wait_for()
    # the PDF of the minutes is made and attached when the composer opens
    pdf_name = "%s %s.pdf" % (MEETING, meeting["date"])
    attachment = modal.locator('div[name="attachment_ids"] .oe_attachment').first
    attachment.wait_for()
    web.wait_idle()
    assert attachment.inner_text().strip() == pdf_name
    assert web.field_value("template_id") == "Kokouksen muistio"
    recipients = modal.locator('.o_field_widget[name="partner_ids"] .badge').all_inner_texts()
    assert sorted(name.strip() for name in recipients) == [
        "Espoon Konepaja Oy, Jari Lehtonen <jari.lehtonen@espoonkonepaja.example.com>",
        "Espoon Konepaja Oy, Sanna Heikkinen <sanna.heikkinen@espoonkonepaja.example.com>"]
    assert MEETING in web.field_value("subject")

    modal.locator(".modal-footer button", has_text="Lähetä").first.click()
    web.wait_idle()
    messages = admin.call(
        "mail.message", "search_read",
        [("model", "=", "omnia.feedback.meeting"), ("res_id", "=", meeting["id"]),
         ("message_type", "=", "comment")],
        fields=["partner_ids", "attachment_ids", "subject"])
    assert len(messages) == 1
    assert len(messages[0]["partner_ids"]) == 2
    [attachment] = admin.call("ir.attachment", "read", messages[0]["attachment_ids"],
                              fields=["name", "mimetype"])
    assert attachment["mimetype"] == "application/pdf"
    assert attachment["name"] == pdf_name
