"""A targeted campaign: the customer team lead opens Email Marketing
(*Sähköpostimarkkinointi*), starts a mailing, picks the segment class B and
the industry Technology (two choices of criteria), sees the number of
customer contacts it reaches and saves it as a draft, in Finnish. Nothing is
sent (the XML-RPC tests send one through a local SMTP sink). No English word
shows on the screens of Email Marketing the team lead works in."""
from .test_finnish_ui import Walk

SUBJECT = "Selaintesti: kevään työnjohtokoulutukset"
SEGMENT = "B Kasvavat asiakkuudet"
INDUSTRY = "Tekniikka"


def _add_tag(web, name, value):
    """Pick ``value`` in a many2many tags field."""
    box = web.field(name).locator("input").first
    box.fill(value)
    suggestion = web.page.locator("ul.ui-autocomplete:visible li a", has_text=value).first
    suggestion.wait_for()
    web.wait_idle()
    suggestion.click()
    web.wait_idle()


def test_team_lead_targets_class_b_in_technology(web, odoo):
    admin = odoo.rpc("admin")
    expected = admin.call("res.partner", "search_count", [
        ("is_company", "=", False), ("email", "!=", False), ("opt_out", "=", False),
        ("parent_id.is_company", "=", True), ("parent_id.customer", "=", True),
        ("parent_id.segment_id.code", "=", "B"),
        ("parent_id.industry_ids.code", "=", "TECHNOLOGY")])
    assert expected

    web.login("lead.nieminen")
    assert web.menu("mass_mailing.mass_mailing_menu_root").inner_text().strip() \
        == "Sähköpostimarkkinointi"
    walk = Walk(web, "lead.nieminen")
    web.open_menu("mass_mailing.mass_mailing_menu_root")
    walk.check("mailings")
    web.create()
    walk.check("new mailing")
    # Recipients: contacts, targeted by the criteria
    assert web.page.locator(".o_form_view .o_group", has_text="Kohdeasiakkaat").count()
    web.set_field("name", SUBJECT)
    _add_tag(web, "omnia_segment_ids", SEGMENT)
    _add_tag(web, "omnia_industry_ids", INDUSTRY)
    assert web.field_value("omnia_recipient_count") == str(expected)
    walk.check("mailing with criteria")
    web.save()
    assert web.field_value("omnia_recipient_count") == str(expected)
    walk.check("saved mailing")
    [mailing] = admin.call("mail.mass_mailing", "search_read", [("name", "=", SUBJECT)],
                           fields=["state", "mailing_model_real", "omnia_segment_ids",
                                   "omnia_industry_ids", "mailing_domain", "create_uid"])
    assert (mailing["state"], mailing["mailing_model_real"],
            len(mailing["omnia_segment_ids"]), len(mailing["omnia_industry_ids"]),
            mailing["create_uid"][1]) == ("draft", "res.partner", 1, 1, "Laura Nieminen")
    assert "('commercial_partner_id.segment_id', 'in', [%d])" % mailing["omnia_segment_ids"][0] \
        in mailing["mailing_domain"]
    web.open_menu("mass_mailing.menu_email_campaigns")
    walk.check("campaigns")
    assert walk.report() == []


CAMPAIGN = "Kevään johtamiskoulutukset B-luokan teollisuusasiakkaille"


def test_campaign_figures_read_by_account_manager(web):
    """The account manager reads the demo campaign's figures in *Kampanjat*
    of the customer app, in Finnish, with no button to send a mailing."""
    web.login("am.virtanen")
    walk = Walk(web, "am.virtanen")
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.mail_mass_mailing_campaign_menu")
    walk.check("campaigns")
    web.open_record(CAMPAIGN)
    walk.check("campaign")
    assert walk.report() == []
    header = web.page.locator(".o_form_view .o_form_statusbar").inner_text()
    assert "Lähetä" not in header and "Mailing" not in header
    assert web.field_value("omnia_lead_count").split() == ["1", "Liidit"]
    assert web.field_value("omnia_won_count").split()[0] == "0"
    assert web.field_value("replied") == "1"
