#!/usr/bin/env python
"""Checks of an Odoo database with its filestore: backups, snapshots, uninstall.

Run with the project's virtual environment and an Odoo configuration file::

    dbtool.py verify FILE.zip                # a backup holds a complete dump
    dbtool.py -c CONF snapshot DB OUT.json   # rows and checksums of every table
                                             # and of every filestore file
    dbtool.py compare A.json B.json [--ignore t1,t2]
    dbtool.py -c CONF uninstall DB MODULE    # uninstall, then check the database
    dbtool.py -c CONF counts DB OUT.json [--without-xmlids-of MODULE]
    dbtool.py kept BEFORE.json AFTER.json    # every record of BEFORE is kept
    dbtool.py -c CONF seed DB                # records a user would make

Backups themselves are made and restored by ACSONE's click-odoo-backupdb
and click-odoo-restoredb (Odoo's own backup file: a zip of ``dump.sql``,
``filestore/`` and ``manifest.json``, as the database manager makes); this
tool does what they do not: it checks a backup file and compares databases
table by table.
"""
import argparse
import base64
import hashlib
import json
import os
import sys
import zipfile

# Odoo's own records of these models must survive the addon's uninstall.
KEPT_MODELS = ["res.partner", "res.users", "crm.lead", "calendar.event",
               "survey.survey", "survey.user_input", "mail.message",
               "mail.activity", "ir.attachment"]


def load_config(conf):
    import odoo
    odoo.tools.config.parse_config(["-c", conf, "--log-level=warn"])
    return odoo


# the last line pg_dump writes in plain format, once the dump is complete
DUMP_END = b"-- PostgreSQL database dump complete"


def verify(path):
    """The backup zip has its manifest and a complete dump: click-odoo-backupdb
    stores whatever pg_dump printed, even when pg_dump failed half-way."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            missing = sorted({"dump.sql", "manifest.json"} - names)
            if missing:
                return "error: the backup %s has no %s" % (path, ", ".join(missing))
            json.loads(archive.read("manifest.json").decode())
            tail = b""
            with archive.open("dump.sql") as dump:
                for chunk in iter(lambda: dump.read(1 << 20), b""):
                    tail = (tail + chunk)[-200:]
    except (OSError, ValueError, zipfile.BadZipFile) as error:
        return "error: the backup %s cannot be read: %s" % (path, error)
    if DUMP_END not in tail:
        return "error: the database dump in %s is incomplete (pg_dump failed?)" % path
    return 0


def snapshot(odoo, db, out):
    import psycopg2
    from odoo.sql_db import connection_info_for
    _name, info = connection_info_for(db)
    connection = psycopg2.connect(**info)
    tables = {}
    with connection.cursor() as cr:
        cr.execute("""SELECT table_name FROM information_schema.tables
                      WHERE table_schema = 'public'
                        AND table_type = 'BASE TABLE' ORDER BY 1""")
        for (table,) in cr.fetchall():
            # table names come from the catalogue, not from input
            cr.execute('SELECT count(*), md5(coalesce(string_agg(md5(t::text),'
                       ' \',\' ORDER BY md5(t::text)), \'\')) FROM "%s" t'
                       % table)
            tables[table] = list(cr.fetchone())
    connection.close()
    files = {}
    store = odoo.tools.config.filestore(db)
    for folder, _dirs, names in os.walk(store):
        for name in names:
            path = os.path.join(folder, name)
            with open(path, "rb") as handle:
                files[os.path.relpath(path, store)] = hashlib.sha1(
                    handle.read()).hexdigest()
    with open(out, "w") as handle:
        json.dump({"tables": tables, "filestore": files}, handle,
                  indent=1, sort_keys=True)


def compare(first, second, ignore):
    with open(first) as handle:
        a = json.load(handle)
    with open(second) as handle:
        b = json.load(handle)
    problems = []
    for table in sorted(set(a["tables"]) | set(b["tables"])):
        if table in ignore:
            continue
        if a["tables"].get(table) != b["tables"].get(table):
            problems.append("table %s: %s -> %s" % (
                table, a["tables"].get(table), b["tables"].get(table)))
    if a["filestore"] != b["filestore"]:
        missing = set(a["filestore"]) - set(b["filestore"])
        extra = set(b["filestore"]) - set(a["filestore"])
        changed = [f for f in set(a["filestore"]) & set(b["filestore"])
                   if a["filestore"][f] != b["filestore"][f]]
        problems.append("filestore: %d missing, %d extra, %d changed"
                        % (len(missing), len(extra), len(changed)))
    print("%d tables, %d filestore files compared, %d differences"
          % (len(a["tables"]), len(a["filestore"]), len(problems)))
    for problem in problems:
        print("  " + problem)
    return 1 if problems else 0


def counts(odoo, db, out, module):
    """Ids of the kept models' records, leaving out the module's own."""
    registry = odoo.registry(db)
    result = {}
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        for model in KEPT_MODELS:
            # virtual_id: recurring events as their stored rows
            Model = env[model].with_context(active_test=False,
                                            virtual_id=False)
            domain = []
            for field in ("model", "res_model"):
                if field in Model._fields:
                    # the addon's own records' messages, files and to-dos
                    domain = ["|", (field, "=", False),
                              (field, "not like", "omnia.%")]
            records = Model.search(domain)
            ids = set(records.ids)
            if module:
                data = env["ir.model.data"].search([("module", "=", module)])
                owned = {(d.model, d.res_id) for d in data}
                ids -= {res_id for data_model, res_id in owned
                        if data_model == model}
                # the chatter, files and to-dos of the module's own records
                for field in ("model", "res_model"):
                    if field in Model._fields and "res_id" in Model._fields:
                        ids -= {r.id for r in records
                                if (r[field], r.res_id) in owned}
                # the to-dos of the module's own activity types (the care
                # model's reminders, removed by its uninstall hook)
                if "activity_type_id" in Model._fields:
                    ids -= {r.id for r in records
                            if ("mail.activity.type", r.activity_type_id.id) in owned}
            result[model] = sorted(ids)
    with open(out, "w") as handle:
        json.dump(result, handle, indent=1, sort_keys=True)


def seed(odoo, db):
    """Records a user would make, with the addon's fields filled in."""
    registry = odoo.registry(db)
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})

        def values(model, vals, extra):
            fields = env[model]._fields
            for name, value in extra.items():
                if name in fields and value:
                    vals[name] = value
            return vals

        first = {model: env[model].search([], limit=1).id for model in (
            "omnia.segment", "omnia.industry", "omnia.work.type") if model in env}
        company = env["res.partner"].create(values("res.partner", {
            "name": "Käyttäjän Oma Oy", "is_company": True}, {
                "user_id": env.ref("base.user_admin", False).id
                if env.ref("base.user_admin", False) else 1,
                "segment_id": first.get("omnia.segment"),
                "industry_ids": first.get("omnia.industry") and
                [(6, 0, [first["omnia.industry"]])]}))
        contact = env["res.partner"].create({"name": "Outi Käyttäjä",
                                             "parent_id": company.id})
        env["crm.lead"].create({"name": "Henkilöstökoulutus 2027",
                                "partner_id": company.id})
        env["calendar.event"].create(values("calendar.event", {
            "name": "Asiakaskäynti", "start": "2026-03-02 08:00:00",
            "stop": "2026-03-02 09:00:00",
            "partner_ids": [(6, 0, [contact.id])]}, {
                "omnia_partner_id": company.id,
                "work_type_id": first.get("omnia.work.type")}))
        env["survey.survey"].create({"title": "Käyttäjän kysely"})
        # a file in the filestore
        env["ir.attachment"].create({
            "name": "sopimus.txt", "res_model": "res.partner",
            "res_id": company.id,
            "datas": base64.b64encode("Koulutussopimus {}".format(
                company.id).encode())})
        print("made a customer, a contact, a lead, an event, a survey and "
              "an attachment")


def kept(first, second):
    with open(first) as handle:
        before = json.load(handle)
    with open(second) as handle:
        after = json.load(handle)
    lost = 0
    for model, ids in sorted(before.items()):
        missing = sorted(set(ids) - set(after.get(model, [])))
        lost += len(missing)
        print("%-18s %5d records before, %5d after, %d lost%s" % (
            model, len(ids), len(after.get(model, [])), len(missing),
            ": %s" % missing[:20] if missing else ""))
    return 1 if lost else 0


def uninstall(odoo, db, module):
    """Uninstall MODULE, then show that Odoo still works on the database."""
    registry = odoo.registry(db)
    with odoo.api.Environment.manage():
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            env["ir.module.module"].search(
                [("name", "=", module)]).button_immediate_uninstall()
        registry = odoo.registry(db)
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            state = env["ir.module.module"].search(
                [("name", "=", module)]).state
            assert state == "uninstalled", state
            leftovers = [m for m in env.registry if m.startswith("omnia.")]
            assert not leftovers, leftovers
            # the views of Odoo's own models still render, records can be
            # made and read
            for model in ("res.partner", "crm.lead", "calendar.event",
                          "survey.survey"):
                for view_type in ("form", "tree", "search"):
                    env[model].fields_view_get(view_type=view_type)
                env[model].search([], limit=5).read()
            partner = env["res.partner"].create({"name": "Uninstall Check Oy",
                                                 "is_company": True})
            env["crm.lead"].create({"name": "After uninstall",
                                    "partner_id": partner.id})
            cr.rollback()
            print("uninstalled %s; Odoo's views and records work" % module)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config")
    parser.add_argument("--ignore", default="")
    parser.add_argument("--without-xmlids-of")
    parser.add_argument("command", choices=[
        "verify", "snapshot", "compare", "counts", "kept", "seed",
        "uninstall"])
    parser.add_argument("args", nargs="+")
    args = parser.parse_args()
    if args.command == "compare":
        sys.exit(compare(args.args[0], args.args[1],
                         set(filter(None, args.ignore.split(",")))))
    if args.command == "kept":
        sys.exit(kept(*args.args))
    if args.command == "verify":
        sys.exit(verify(args.args[0]))
    odoo = load_config(args.config)
    if args.command == "snapshot":
        snapshot(odoo, *args.args)
    elif args.command == "counts":
        counts(odoo, args.args[0], args.args[1], args.without_xmlids_of)
    elif args.command == "seed":
        seed(odoo, *args.args)
    elif args.command == "uninstall":
        uninstall(odoo, *args.args)


if __name__ == "__main__":
    main()
