"""What an XML-RPC client sees when the addon refuses its input."""
import xmlrpc.client

from conftest import assert_clean_fault, call_fault


def _customer(admin, name):
    return admin.call("res.partner", "create",
                      {"name": name, "is_company": True})


def test_constraint_arrives_as_user_error(admin):
    partner_id = _customer(admin, "Vikavesi Oy")
    fault = call_fault(admin, "omnia.feedback", "create", {
        "partner_id": partner_id, "polarity": "negative",
        "date": "2026-03-10", "done_date": "2026-03-01",
        "description": "Late answer"})
    assert_clean_fault(fault)
    assert fault.faultCode == 2
    assert fault.faultString.startswith(
        "Handled On: must not be before the date received (2026-03-10).")


def test_sql_constraint_arrives_as_user_error(admin):
    admin.call("omnia.industry", "create", {"name": "Kaivos", "code": "RPC1"})
    fault = call_fault(admin, "omnia.industry", "create",
                       {"name": "Kaivos 2", "code": "RPC1"})
    assert fault.faultCode == 2
    assert fault.faultString == "Code: another industry already has this code."


def test_missing_required_value_arrives_as_user_error(admin):
    fault = call_fault(admin, "omnia.industry", "create",
                       {"name": False, "code": "RPC2"})
    assert_clean_fault(fault)
    assert fault.faultCode == 2


def test_selection_outside_its_values_is_refused(admin):
    partner_id = _customer(admin, "Valintavirhe Oy")
    before = admin.call("omnia.feedback", "search_count", [])
    fault = call_fault(admin, "omnia.feedback", "create", {
        "partner_id": partner_id, "polarity": "lukewarm"})
    assert fault.faultCode == 2
    assert "Polarity" in fault.faultString
    assert "'lukewarm' is not one of its values" in fault.faultString
    assert admin.call("omnia.feedback", "search_count", []) == before


def test_wrong_type_on_addon_model_arrives_as_user_error(admin):
    fault = call_fault(admin, "omnia.feedback", "search_read",
                       [("date", "=", "not a date")])
    assert_clean_fault(fault)
    assert fault.faultString.startswith("The input was refused: ")


def test_unknown_id_and_access_error(admin, users):
    fault = call_fault(admin, "omnia.feedback", "write", [999999999],
                       {"description": "x"})
    assert fault.faultCode == 2     # MissingError, as Odoo sends it
    fault = call_fault(users["portal"], "omnia.feedback", "search", [])
    assert fault.faultCode == 4     # AccessError
    assert_clean_fault(fault)


def test_odoo_models_keep_odoo_faults(admin):
    """Malformed values on Odoo's own models are left as Odoo sends them."""
    try:
        admin.call("res.partner", "search", [("color", "=", "not a number")])
    except xmlrpc.client.Fault as fault:
        assert fault.faultCode == 1
    else:
        raise AssertionError("the malformed domain was accepted")


def test_offer_won_without_approved_price_is_refused(admin, users):
    """A staff training offer (approval required by default) is not won
    without an approved price, however the client wins it; nothing of the
    call is saved. Approved by management, it is won."""
    account_manager, management = users["account_manager"], users["management"]
    # the chatter tracks the offer's changes, posted from their e-mail address
    for client in (account_manager, management):
        admin.call("res.users", "write", [client.uid],
                   {"email": "%s@example.com" % client.login})
    partner_id = admin.call("res.partner", "create", {
        "name": "Voittamaton Oy", "is_company": True, "user_id": account_manager.uid})
    offer_id = account_manager.call("crm.lead", "create", {
        "name": "Hyväksymätön tarjous", "type": "opportunity", "partner_id": partner_id,
        "offer_type": "staff_training", "planned_revenue": 5000})
    [won_stage] = admin.call("crm.stage", "search", [("probability", "=", 100)], limit=1)
    fields = ["probability", "stage_id", "date_closed", "description"]
    before = account_manager.call("crm.lead", "read", [offer_id], fields)
    for method, args in (("action_set_won", ([offer_id],)),
                         ("write", ([offer_id], {"stage_id": won_stage,
                                                 "description": "voitettu"})),
                         ("write", ([offer_id], {"probability": 100}))):
        fault = call_fault(account_manager, "crm.lead", method, *args)
        assert_clean_fault(fault)
        assert fault.faultCode == 2
        assert fault.faultString.startswith(
            "Price Approved By: the offer Hyväksymätön tarjous (Staff Training) is won "
            "only when management has approved its price.")
        assert account_manager.call("crm.lead", "read", [offer_id], fields) == before
    management.call("crm.lead", "action_approve_price", [offer_id])
    account_manager.call("crm.lead", "action_set_won", [offer_id])
    assert account_manager.call("crm.lead", "read", [offer_id], ["probability"])[0][
        "probability"] == 100
