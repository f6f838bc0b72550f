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
