"""Feedback by e-mail: a customer's contact writes to the feedback address;
the mail arrives through Odoo's mail gateway (message_process over XML-RPC,
routed by the alias palaute@). The account manager finds it in
*Luokiteltavat*, classifies it as negative and gets the response to-do."""
import uuid

MAIL = """\
From: Selma Selain <{email}>
To: palaute@omnia.example.com
Subject: =?utf-8?q?Laskutus_my=C3=B6h=C3=A4ss=C3=A4?=
Message-Id: <{token}@espoonkonepaja.example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

Hei,
koulutuksen laskut tulivat kaksi kuukautta my=C3=B6h=C3=A4ss=C3=A4.
"""


def test_mail_feedback_classified_negative(web, odoo):
    admin = odoo.rpc("admin")
    token = "selain-%s" % uuid.uuid4().hex[:12]
    email = "%s@espoonkonepaja.example.com" % token
    [company] = admin.call("res.partner", "search",
                           [("name", "=", "Espoon Konepaja Oy")])
    admin.call("res.partner", "create",
               {"name": "Selma Selain", "parent_id": company, "email": email})
    feedback_id = admin.call("mail.thread", "message_process", False,
                             MAIL.format(email=email, token=token))
    [feedback] = admin.call("omnia.feedback", "read", [feedback_id],
                            fields=["state", "polarity", "partner_id"])
    assert (feedback["state"], feedback["polarity"], feedback["partner_id"][1]) \
        == ("to_classify", False, "Espoon Konepaja Oy")

    web.login("am.virtanen")
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.omnia_feedback_menu_to_classify")
    assert web.breadcrumb() == "Luokiteltavat"
    web.open_record(email)
    assert web.page.inner_text(".o_statusbar_status .btn-primary").strip() == "Luokiteltava"
    assert web.field_value("email_from") == email
    assert web.field_value("contact_id") == "Espoon Konepaja Oy, Selma Selain"
    assert "Luokittele palaute" in web.page.locator(".o_mail_activity").inner_text()
    assert "kaksi kuukautta myöhässä" in web.field_value("description")

    web.edit()
    web.set_field("polarity", "Kielteinen")
    web.save()

    assert web.page.inner_text(".o_statusbar_status .btn-primary").strip() == "Uusi"
    activity = web.page.locator(".o_mail_activity").inner_text()
    assert "Reagoi kielteiseen palautteeseen" in activity
    assert "Luokittele palaute" not in activity

    [feedback] = admin.call("omnia.feedback", "read", [feedback_id],
                            fields=["state", "polarity", "deadline"])
    assert (feedback["state"], feedback["polarity"]) == ("new", "negative")
    activities = admin.call(
        "mail.activity", "search_read",
        [("res_model", "=", "omnia.feedback"), ("res_id", "=", feedback_id)],
        fields=["user_id", "date_deadline", "activity_type_id"])
    assert [(a["user_id"][1], a["date_deadline"]) for a in activities] == [
        ("Anna Virtanen", feedback["deadline"])]
