"""Database chores of the browser tests, run with Odoo's own Python (``.venv``).

``odoo_db.py -c CONFIG duplicate SOURCE TARGET`` copies a database and its
filestore the way Odoo's database manager does; ``odoo_db.py -c CONFIG drop DB``
deletes both.
"""
import argparse

import odoo


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("command", choices=["duplicate", "drop"])
    parser.add_argument("databases", nargs="+")
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    # The server configuration hides the database manager from the web;
    # these chores use its functions directly.
    odoo.tools.config["list_db"] = True
    with odoo.api.Environment.manage():
        if args.command == "duplicate":
            source, target = args.databases
            odoo.service.db.exp_duplicate_database(source, target)
        else:
            for name in args.databases:
                odoo.service.db.exp_drop(name)


if __name__ == "__main__":
    main()
