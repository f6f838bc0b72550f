"""The API example of the README (docs/xmlrpc_example.py) runs as written
against the test server, as an account manager."""
import re
import subprocess
import sys

from .server import ROOT


def test_xmlrpc_example(odoo):
    result = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "xmlrpc_example.py"), "--url", odoo.url,
         "--db", odoo.db, "--login", "am.virtanen", "--password", "am.virtanen",
         "--start", "2030-03-20 07:00:00"],
        capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    match = re.match(r"created calendar event (\d+): ", lines[-1])
    assert match, result.stdout

    admin = odoo.rpc("admin")
    customers = admin.call(
        "res.partner", "search_read",
        [("is_company", "=", True), ("customer", "=", True)],
        fields=["name"], order="name", limit=5)
    assert [line[:40].rstrip() for line in lines[:-1]] == [c["name"] for c in customers]

    event = admin.call("calendar.event", "read", [int(match.group(1))],
                       fields=["start", "stop", "duration", "omnia_partner_id", "work_type_id",
                               "user_id"])[0]
    assert (event["start"], event["stop"], event["duration"]) == (
        "2030-03-20 07:00:00", "2030-03-20 09:00:00", 2.0)
    assert event["omnia_partner_id"][0] == customers[0]["id"]
    assert admin.call("omnia.work.type", "read", [event["work_type_id"][0]],
                      fields=["code"])[0]["code"] == "VISIT"
    assert event["user_id"][1] == "Anna Virtanen"
