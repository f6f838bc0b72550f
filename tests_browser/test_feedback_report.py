"""The customer team lead opens the feedback analysis and sees each account
manager's feedback counted as the database has it."""


def test_feedback_analysis_counts_per_account_manager(web, odoo):
    web.login("lead.nieminen")
    web.open_menu("omnia_customer.omnia_customer_menu_root",
                  "omnia_customer.omnia_feedback_report_menu")
    web.remove_filters()
    rows = web.pivot_rows()

    groups = odoo.rpc("lead.nieminen").call(
        "omnia.feedback.report", "read_group", [("account_manager_id", "!=", False)],
        ["account_manager_id"], ["account_manager_id"])
    assert groups
    for group in groups:
        assert rows[group["account_manager_id"][1]][-1] == str(group["account_manager_id_count"])
