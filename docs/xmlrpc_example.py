#!/usr/bin/env python3
"""Reading and writing the customer team's records from another system over
Odoo's XML-RPC, with Python's standard library only.

    python3 docs/xmlrpc_example.py --url http://127.0.0.1:8069 --db omnia \\
        --login am.virtanen --password am.virtanen

It lists customer companies with their account manager and segment class,
logs a customer visit in the calendar (the team's time tracking) and reads
the event back. The user's access rights apply as in the web client.
"""
import argparse
import datetime
import sys
import xmlrpc.client


class Odoo:
    """One user's connection: ``odoo.call(model, method, *args, **kwargs)``."""

    def __init__(self, url, db, login, password):
        self.db, self.password = db, password
        common = xmlrpc.client.ServerProxy("%s/xmlrpc/2/common" % url)
        self.uid = common.authenticate(db, login, password, {})
        if not self.uid:
            raise SystemExit("login refused: check the database, login and password.")
        self.models = xmlrpc.client.ServerProxy("%s/xmlrpc/2/object" % url, allow_none=True)

    def call(self, model, method, *args, **kwargs):
        return self.models.execute_kw(
            self.db, self.uid, self.password, model, method, list(args), kwargs)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="omnia")
    parser.add_argument("--login", required=True)
    parser.add_argument("--password", required=True)
    next_hour = datetime.datetime.utcnow().replace(minute=0, second=0, microsecond=0) \
        + datetime.timedelta(hours=1)
    parser.add_argument("--start", default=next_hour.strftime("%Y-%m-%d %H:%M:%S"),
                        help="start of the visit, UTC, 'YYYY-MM-DD HH:MM:SS'")
    args = parser.parse_args(argv)
    odoo = Odoo(args.url, args.db, args.login, args.password)

    # Customer companies with their named account manager and segment class.
    # Many2one fields read as [id, name], or False when empty.
    customers = odoo.call(
        "res.partner", "search_read",
        [("is_company", "=", True), ("customer", "=", True)],
        fields=["name", "account_manager_id", "segment_id"], order="name", limit=5)
    for customer in customers:
        print("%-40s %-25s %s" % (
            customer["name"],
            customer["account_manager_id"][1] if customer["account_manager_id"] else "-",
            customer["segment_id"][1] if customer["segment_id"] else "-"))

    # A customer visit in the calendar: customer, work type and two hours.
    # Datetimes are UTC strings; work types are found by their code.
    visit = odoo.call("omnia.work.type", "search", [("code", "=", "VISIT")], limit=1)
    start = datetime.datetime.strptime(args.start, "%Y-%m-%d %H:%M:%S")
    event_id = odoo.call("calendar.event", "create", {
        "name": "Customer visit: %s" % customers[0]["name"],
        "start": args.start,
        "stop": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M:%S"),
        "duration": 2.0,
        "omnia_partner_id": customers[0]["id"],
        "work_type_id": visit[0],
    })

    # Read it back.
    event = odoo.call("calendar.event", "read", [event_id],
                      fields=["name", "start", "stop", "duration", "omnia_partner_id",
                              "work_type_id"])[0]
    print("created calendar event %d: %s, %s-%s UTC, %.1f h, %s, %s" % (
        event["id"], event["name"], event["start"], event["stop"], event["duration"],
        event["omnia_partner_id"][1], event["work_type_id"][1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
