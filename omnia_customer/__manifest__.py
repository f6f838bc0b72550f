# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Omnia Customer Relationships",
    "summary": "Customer companies, segments, care plans, offers, calendar "
               "time tracking, feedback and targets for Omnia's customer team",
    "version": "11.0.1.0.0",
    "category": "Sales",
    "website": "https://www.omnia.fi",
    "author": "Omnia",
    "license": "LGPL-3",
    "application": True,
    "depends": [
        "contacts",
        "crm",
        "calendar",
        "survey",
    ],
    "data": [
        "security/omnia_customer_security.xml",
        "security/ir.model.access.csv",
        "data/omnia_industry_data.xml",
        "data/omnia_segment_data.xml",
        "data/omnia_work_type_data.xml",
        "data/omnia_cluster_data.xml",
        "views/omnia_customer_menus.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
}
