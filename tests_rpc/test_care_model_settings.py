"""The care model's settings over XML-RPC: nonsense refused with a message
naming the field, and nothing of the refused save kept."""
import pytest

from conftest import assert_clean_fault, call_fault

PARAMS = ("omnia_customer.default_meeting_lead_days",
          "omnia_customer.default_review_lead_days",
          "omnia_customer.meeting_escalation_days")


def _params(admin):
    return {key: admin.call("ir.config_parameter", "get_param", key) for key in PARAMS}


@pytest.mark.parametrize("values, message", [
    ({"omnia_default_meeting_lead_days": -1},
     "Default Meeting Reminder (days ahead): must not be negative."),
    ({"omnia_default_review_lead_days": -3, "omnia_meeting_escalation_days": 7},
     "Default Review Reminder (days ahead): must not be negative."),
    ({"omnia_meeting_escalation_days": 0, "omnia_default_meeting_lead_days": 2},
     "Escalate Overdue Meetings After (days): must be at least 1 day."),
])
def test_care_model_settings_refused(admin, values, message):
    before = _params(admin)
    fault = call_fault(admin, "res.config.settings", "create", values)
    assert_clean_fault(fault)
    assert fault.faultCode == 2
    assert fault.faultString.startswith(message)
    assert _params(admin) == before


def test_care_model_settings_saved(admin):
    before = _params(admin)
    settings_id = admin.call("res.config.settings", "create", {
        "omnia_default_meeting_lead_days": 9, "omnia_default_review_lead_days": 20,
        "omnia_meeting_escalation_days": 10})
    admin.call("res.config.settings", "execute", [settings_id])
    assert _params(admin) == dict(zip(PARAMS, ("9", "20", "10")))
    # put back what the database had
    restore = admin.call("res.config.settings", "create", {
        "omnia_default_meeting_lead_days": int(before[PARAMS[0]] or 14),
        "omnia_default_review_lead_days": int(before[PARAMS[1]] or 30),
        "omnia_meeting_escalation_days": int(before[PARAMS[2]] or 14)})
    admin.call("res.config.settings", "execute", [restore])


def test_care_model_settings_for_admins_only(users):
    fault = call_fault(users["team_lead"], "res.config.settings", "create",
                       {"omnia_meeting_escalation_days": 3})
    assert_clean_fault(fault)
    assert fault.faultCode in (3, 4)
