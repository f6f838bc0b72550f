"""A targeted campaign sent end to end through Odoo's mail queue to a local
SMTP sink (Python's ``smtpd``, in a thread of the test): the team lead makes
the campaign over XML-RPC and queues it, the mass mailing's scheduled action
sends it through an outgoing mail server of the test's own pointing at the
sink, and the sink says who received what. A sink refusing the mails leaves
them in Odoo's queue in the exception state; retried once the sink accepts,
they are sent. The server really sends here: it does not run in test mode,
which the unit tests do (Odoo 11's ``ir.mail_server`` sends nothing there)."""
import asyncore
import email
import email.header
import smtpd
import threading
import time
import xmlrpc.client

import pytest


class Sink(smtpd.SMTPServer):
    """An SMTP server on a free port of 127.0.0.1 that keeps the messages it
    accepts, or refuses every message with 550 while ``refuse`` is set."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), None, decode_data=False)
        self.port = self.socket.getsockname()[1]
        self.messages = []
        self.refused = 0
        self.refuse = False
        self._running = True
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while self._running:
            asyncore.loop(timeout=0.05, count=1)

    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        if self.refuse:
            self.refused += 1
            return "550 Mailbox unavailable"
        message = email.message_from_bytes(data)
        subject = str(email.header.make_header(
            email.header.decode_header(message["Subject"])))
        self.messages.append((tuple(rcpttos), subject))
        return None

    def stop(self):
        self._running = False
        self._thread.join(5)
        self.close()


@pytest.fixture
def sink(admin):
    """The sink and an outgoing mail server pointing at it, first in order,
    deleted after the test (a unique name: nothing leaks into other tests)."""
    sink = Sink()
    server_id = admin.call("ir.mail_server", "create", {
        "name": "Campaign test sink %d" % sink.port,
        "smtp_host": "127.0.0.1",
        "smtp_port": sink.port,
        "smtp_encryption": "none",
        "sequence": 0,
    })
    yield sink
    admin.call("ir.mail_server", "unlink", [server_id])
    sink.stop()


@pytest.fixture
def customers(admin):
    """A segment class and an industry of the test's own, a customer of that
    class and industry with three contacts (one reached, one opted out, one
    without e-mail), one of another class and one archived."""
    token = "%d" % (time.time() * 1000)
    # classes no company qualifies for (employees): the segment rule of
    # the other tests never suggests them
    segment_id = admin.call("omnia.segment", "create", {
        "name": "RPC-luokka %s" % token, "code": "RPC%s" % token[-8:],
        "meeting_interval_days": 90, "min_employee_count": 10 ** 6})
    other_segment_id = admin.call("omnia.segment", "create", {
        "name": "RPC-muu %s" % token, "code": "RPO%s" % token[-8:],
        "meeting_interval_days": 90, "min_employee_count": 10 ** 6})
    industry_id = admin.call("omnia.industry", "create", {
        "name": "RPC-toimiala %s" % token, "code": "RPC%s" % token})

    def company(name, segment, **values):
        return admin.call("res.partner", "create", dict(
            values, name="%s %s Oy" % (name, token), is_company=True,
            segment_id=segment, industry_ids=[(6, 0, [industry_id])]))

    def contact(parent, name, **values):
        return admin.call("res.partner", "create", dict(
            values, name=name, parent_id=parent))

    target = company("Kohde", segment_id)
    other = company("Muu", other_segment_id)
    archived = company("Arkisto", segment_id)
    reached = "saara.%s@kohde.example.org" % token
    contact(target, "Saara Saaja", email=reached)
    contact(target, "Kalle Kieltäytyjä", email="kalle.%s@kohde.example.org" % token,
            opt_out=True)
    contact(target, "Eino Eiosoitetta")
    contact(other, "Matti Muu", email="matti.%s@muu.example.org" % token)
    contact(archived, "Arvo Arkisto", email="arvo.%s@arkisto.example.org" % token)
    admin.call("res.partner", "write", [archived], {"active": False})
    return {"token": token, "segment_id": segment_id, "industry_id": industry_id,
            "reached": reached}


def _campaign(client, customers, subject):
    return client.call("mail.mass_mailing", "create", {
        "name": subject,
        "email_from": "Omnian aikuisopisto <asiakkuudet@omnia.example.com>",
        "reply_to": "asiakkuudet@omnia.example.com",
        "body_html": "<p>Hyvä ${object.name}, tervetuloa kevään koulutuksiin.</p>",
        "omnia_segment_ids": [(6, 0, [customers["segment_id"]])],
        "omnia_industry_ids": [(6, 0, [customers["industry_id"]])],
    })


def _run_queue(admin):
    """The mass mailing queue's scheduled action, run now."""
    cron_id = admin.call("ir.model.data", "xmlid_to_res_id",
                         "mass_mailing.ir_cron_mass_mailing_queue", True)
    admin.call("ir.cron", "method_direct_trigger", [cron_id])


def test_campaign_sent_to_its_recipients_only(admin, users, sink, customers):
    lead = users["team_lead"]
    subject = "Kevään johtamiskoulutukset %s" % customers["token"]
    mailing_id = _campaign(lead, customers, subject)
    [mailing] = lead.call("mail.mass_mailing", "read", [mailing_id],
                          ["omnia_recipient_count", "mailing_model_real", "state"])
    assert (mailing["omnia_recipient_count"], mailing["mailing_model_real"],
            mailing["state"]) == (1, "res.partner", "draft")
    assert lead.call("mail.mass_mailing", "put_in_queue", [mailing_id]) is True
    _run_queue(admin)

    mine = [m for m in sink.messages if m[1] == subject]
    assert mine == [((customers["reached"],), subject)]
    [mailing] = admin.call("mail.mass_mailing", "read", [mailing_id],
                           ["state", "sent", "failed"])
    assert (mailing["state"], mailing["sent"], mailing["failed"]) == ("done", 1, 0)
    # the opted-out contact, the other class's and the archived company's
    # contacts received nothing
    everyone = {address for recipients, _subject in sink.messages
                for address in recipients}
    token = customers["token"]
    for address in ("kalle.%s@kohde.example.org" % token, "matti.%s@muu.example.org" % token,
                    "arvo.%s@arkisto.example.org" % token):
        assert address not in everyone


def test_account_manager_cannot_make_or_send(users, customers, admin):
    manager = users["account_manager"]
    with pytest.raises(xmlrpc.client.Fault) as info:
        _campaign(manager, customers, "Ei saa")
    assert info.value.faultCode == 4  # access error
    assert "mail.mass_mailing" in info.value.faultString
    mailing_id = _campaign(users["team_lead"], customers, "Asiakkuuspäällikön %s"
                           % customers["token"])
    with pytest.raises(xmlrpc.client.Fault) as info:
        manager.call("mail.mass_mailing", "put_in_queue", [mailing_id])
    assert info.value.faultCode == 4
    assert admin.call("mail.mass_mailing", "read", [mailing_id], ["state"])[0]["state"] \
        == "draft"


def test_refused_mails_stay_in_the_queue_and_are_retried(admin, users, sink, customers):
    sink.refuse = True
    subject = "Hylätty ensin %s" % customers["token"]
    mailing_id = _campaign(users["team_lead"], customers, subject)
    users["team_lead"].call("mail.mass_mailing", "put_in_queue", [mailing_id])
    _run_queue(admin)

    assert sink.refused >= 1
    assert not [m for m in sink.messages if m[1] == subject]
    failed = admin.call("mail.mail", "search_read", [("mailing_id", "=", mailing_id)],
                        ["state", "email_to", "failure_reason"])
    assert [m["state"] for m in failed] == ["exception"]
    assert "550" in failed[0]["failure_reason"]
    [mailing] = admin.call("mail.mass_mailing", "read", [mailing_id], ["failed", "sent"])
    assert (mailing["failed"], mailing["sent"]) == (1, 0)

    sink.refuse = False
    # the mailing's Retry button, then the queue
    assert users["team_lead"].call("mail.mass_mailing", "retry_failed_mail",
                                   [mailing_id]) is True
    _run_queue(admin)
    assert [m for m in sink.messages if m[1] == subject] == [
        ((customers["reached"],), subject)]
    # sent: out of the queue (mass mailings keep no archive)
    assert admin.call("mail.mail", "search_count", [("mailing_id", "=", mailing_id)]) == 0
    [mailing] = admin.call("mail.mass_mailing", "read", [mailing_id],
                           ["state", "failed", "sent"])
    assert (mailing["state"], mailing["failed"], mailing["sent"]) == ("done", 0, 1)
