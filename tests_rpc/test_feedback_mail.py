"""Feedback by e-mail through Odoo's real mail gateway: a raw RFC 822
message handed to ``mail.thread``'s ``message_process`` over XML-RPC, as
the mail gateway script and the incoming mail servers do, routed by the
alias ``palaute@`` (no model given)."""
import time

MAIL = """\
From: {sender}
To: palaute@omnia.example.com
Subject: =?utf-8?q?Palautetta_kurssista?=
Message-Id: <{token}@rpc.example.org>
{headers}MIME-Version: 1.0
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: 8bit

<p>Opetus oli hyvää.</p><script>alert("x")</script><img src=x onerror=alert(1)>
"""


def _mail(token, sender="Rauni Rajapinta <rauni@rajapinta-{token}.example.org>",
          headers=""):
    return MAIL.format(token=token, sender=sender.format(token=token),
                       headers=headers)


def test_mail_through_the_gateway_and_a_reply(admin):
    token = "rpc-%d" % (time.time() * 1000)
    count = admin.call("omnia.feedback", "search_count", [])
    feedback_id = admin.call("mail.thread", "message_process", False, _mail(token))
    [feedback] = admin.call("omnia.feedback", "read", [feedback_id], [
        "state", "source", "polarity", "partner_id", "email_from", "description"])
    assert (feedback["state"], feedback["source"], feedback["polarity"],
            feedback["partner_id"]) == ("to_classify", "email", False, False)
    assert feedback["email_from"] == "rauni@rajapinta-%s.example.org" % token
    assert feedback["description"].startswith("Opetus oli hyvää.")
    messages = admin.call("mail.message", "search_read", [
        ("model", "=", "omnia.feedback"), ("res_id", "=", feedback_id)], ["body"])
    bodies = " ".join(m["body"] or "" for m in messages)
    assert "Opetus oli hyvää." in bodies
    assert "<script" not in bodies and "onerror" not in bodies

    reply = _mail(token + ".reply", sender="rauni@rajapinta-%s.example.org" % token,
                  headers="In-Reply-To: <%s@rpc.example.org>\n" % token)
    assert admin.call("mail.thread", "message_process", False, reply) == feedback_id
    assert admin.call("omnia.feedback", "search_count", []) == count + 1
    assert admin.call("mail.message", "search_count", [
        ("model", "=", "omnia.feedback"), ("res_id", "=", feedback_id),
        ("message_id", "=", "<%s.reply@rpc.example.org>" % token)]) == 1


def test_gateway_run_by_an_employee_creates_as_the_alias_owner(admin, users):
    """Whoever runs the gateway, the alias creates the feedback as its owner
    (the system): an account manager's call makes the same record, which he
    may not read (an unknown sender's feedback to classify)."""
    token = "rpc-am-%d" % (time.time() * 1000)
    feedback_id = users["account_manager"].call(
        "mail.thread", "message_process", False, _mail(token))
    [feedback] = admin.call("omnia.feedback", "read", [feedback_id],
                            ["state", "create_uid"])
    assert feedback["state"] == "to_classify"
    assert feedback["create_uid"][0] == 1
    assert users["account_manager"].call(
        "omnia.feedback", "search", [("id", "=", feedback_id)]) == []
    assert users["team_lead"].call(
        "omnia.feedback", "search", [("id", "=", feedback_id)]) == [feedback_id]
