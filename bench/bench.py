"""Benchmark of omnia_customer at a realistic scale.

Every figure is held against hand-written SQL doing the same work on the same
data in the same run, so that the ratio, not the absolute time, is what
counts on a shared machine. Run through ``make bench`` (see bench/README.md).
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import datetime

import psycopg2

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import odoo  # noqa: E402
from odoo import SUPERUSER_ID, api  # noqa: E402

import scenarios  # noqa: E402
from generator import CLIENT_USERS, Generator, sizes  # noqa: E402

DEPENDS = "contacts,crm,calendar,survey,base_import,mass_mailing"
ADDON = "omnia_customer"


# ---------------------------------------------------------------------------
# Query counting: a wrapper around every cursor's execute()
# ---------------------------------------------------------------------------

class QueryCounter:
    count = 0


_original_execute = odoo.sql_db.Cursor.execute


def _counting_execute(self, *args, **kwargs):
    QueryCounter.count += 1
    return _original_execute(self, *args, **kwargs)


odoo.sql_db.Cursor.execute = _counting_execute


# ---------------------------------------------------------------------------
# Databases
# ---------------------------------------------------------------------------

def log(message):
    sys.stderr.write("[bench %s] %s\n" % (time.strftime("%H:%M:%S"), message))
    sys.stderr.flush()


def admin_connection():
    cfg = odoo.tools.config
    conn = psycopg2.connect(
        dbname="postgres", host=cfg["db_host"] or None, port=cfg["db_port"] or None,
        user=cfg["db_user"] or None,
        password=cfg["db_password"] if cfg["db_password"] not in (False, "False") else None)
    conn.autocommit = True
    return conn


def psql(sql, params=None):
    conn = admin_connection()
    try:
        with conn.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall() if cur.description else None
    finally:
        conn.close()


def db_exists(name):
    return bool(psql("SELECT 1 FROM pg_database WHERE datname = %s", (name,)))


def drop_db(name):
    psql('DROP DATABASE IF EXISTS "%s"' % name)


def copy_db(template, name):
    drop_db(name)
    psql('CREATE DATABASE "%s" TEMPLATE "%s"' % (name, template))


def odoo_bin(config, *args, logfile=None):
    cmd = [sys.executable, os.path.join(ROOT, "tools", "odoo-bin"), "-c", config]
    cmd += list(args)
    if logfile:
        cmd += ["--logfile", logfile]
    subprocess.run(cmd, check=True)


def prepare_templates(args):
    """Return (base template, addon template): databases with Odoo's modules
    only and with the addon too, both without demo data; made once."""
    if args.base_template and args.addon_template:
        return args.base_template, args.addon_template
    base, addon = "bench_tpl_base", "bench_tpl_addon"
    logdir = os.path.join(ROOT, ".local", "bench")
    os.makedirs(logdir, exist_ok=True)
    if not db_exists(base) or args.rebuild:
        drop_db(addon)
        drop_db(base)
        log("installing %s without demo data into %s" % (DEPENDS, base))
        odoo_bin(args.config, "-d", base, "-i", DEPENDS, "--without-demo=all",
                 "--stop-after-init", "--no-http", logfile=os.path.join(logdir, "base.log"))
    # The addon is installed afresh each run: the benchmark is of this code.
    copy_db(base, addon)
    log("installing %s without demo data into %s" % (ADDON, addon))
    odoo_bin(args.config, "-d", addon, "-i", ADDON, "--without-demo=all",
             "--stop-after-init", "--no-http", logfile=os.path.join(logdir, "addon.log"))
    return base, addon


class Database:
    """A registry and an open cursor on one database."""

    def __init__(self, name):
        self.name = name
        self.registry = odoo.registry(name)
        self.cr = self.registry.cursor()
        self.env = api.Environment(self.cr, SUPERUSER_ID, {})

    def reset(self):
        self.cr.rollback()
        self.env.clear()

    def close(self):
        self.cr.rollback()
        self.cr.close()
        odoo.sql_db.close_db(self.name)
        odoo.modules.registry.Registry.delete(self.name)


# ---------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------

def measure(db, func, runs, setup=None):
    """Run ``func`` ``runs`` times, each in a transaction rolled back
    afterwards; ``setup`` runs untimed before each. Return (median seconds,
    queries of one run)."""
    times, queries = [], []
    for _i in range(runs):
        db.reset()
        if setup:
            setup()
        db.env["res.partner"].invalidate_cache()
        start_count = QueryCounter.count
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
        queries.append(QueryCounter.count - start_count)
        db.reset()
    return statistics.median(times), max(queries)


class Results:
    def __init__(self, scale):
        self.rows = []
        self.info = {"scale": scale}

    def add(self, scenario, measure_name, seconds=None, ref_seconds=None, queries=None,
            ref_queries=None, goal="", passed=None, note="", **extra):
        row = {
            "scenario": scenario,
            "measure": measure_name,
            "ms": round(seconds * 1000, 2) if seconds is not None else None,
            "ref_ms": round(ref_seconds * 1000, 2) if ref_seconds is not None else None,
            "ratio": (round(seconds / ref_seconds, 2)
                      if seconds is not None and ref_seconds else None),
            "queries": queries,
            "ref_queries": ref_queries,
            "goal": goal,
            "pass": passed,
            "note": note,
        }
        row.update(extra)
        self.rows.append(row)
        log("%s %s: %s" % (scenario, measure_name, {
            k: v for k, v in row.items() if k not in ("scenario", "measure")}))
        return row

    def table(self):
        header = ("scn", "measure", "ms", "ref ms", "ratio", "queries", "goal", "result")
        lines = []
        for row in self.rows:
            result = {True: "pass", False: "FAIL", None: "-"}[row["pass"]]
            lines.append((
                str(row["scenario"]), row["measure"],
                "" if row["ms"] is None else "%.1f" % row["ms"],
                "" if row["ref_ms"] is None else "%.1f" % row["ref_ms"],
                "" if row["ratio"] is None else "%.2f" % row["ratio"],
                "" if row["queries"] is None else str(row["queries"]),
                row["goal"], result))
        widths = [max(len(h), *(len(line[i]) for line in lines)) if lines else len(h)
                  for i, h in enumerate(header)]
        out = ["  ".join(h.ljust(w) for h, w in zip(header, widths)),
               "  ".join("-" * w for w in widths)]
        for line in lines:
            out.append("  ".join(c.ljust(w) for c, w in zip(line, widths)))
        return "\n".join(out)


def machine_info():
    info = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as handle:
            info["memory"] = handle.readline().split(":", 1)[1].strip()
        info["load_average"] = os.getloadavg()
    except OSError:
        pass
    return info


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", required=True)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=0, help="runs per figure (default by scale)")
    parser.add_argument("--base-template", help="database with Odoo's modules only")
    parser.add_argument("--addon-template", help="database with the addon installed")
    parser.add_argument("--port", type=int, default=8077, help="HTTP port of scenario 8")
    parser.add_argument("--load-seconds", type=float, default=0)
    parser.add_argument("--out", default=os.path.join(HERE, "results.json"))
    parser.add_argument("--rebuild", action="store_true", help="reinstall the base template")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    parser.add_argument("--only", help="comma-separated scenario numbers")
    parser.add_argument("--step-seconds", type=float, default=0,
                        help="duration of each step of scenario 12")
    parser.add_argument("--loaded", metavar="DB",
                        help="a database loaded by an earlier run kept with --keep: "
                             "scenarios 8 and 12 only, without loading again")
    args = parser.parse_args()

    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    scale = args.scale
    runs = args.runs or (5 if scale >= 0.05 else 3)
    only = set(int(s) for s in args.only.split(",")) if args.only else None
    results = Results(scale)
    results.info["machine"] = machine_info()
    results.info["sizes"] = sizes(scale)
    results.info["runs"] = runs
    results.info["query_counting"] = (
        "wrapper around odoo.sql_db.Cursor.execute counting every statement "
        "sent by Odoo's cursors in this process")
    started = time.time()

    base_tpl, addon_tpl = prepare_templates(args)
    bench_db = args.loaded or "bench_run_%d" % os.getpid()
    base_db = "bench_run_%d_base" % os.getpid()
    dbs = [base_db] if args.loaded else [bench_db, base_db]
    if args.loaded:
        only = (only or {8, 12}) & {8, 12}
    try:
        if not args.loaded:
            copy_db(addon_tpl, bench_db)
        copy_db(base_tpl, base_db)
        with api.Environment.manage():
            if args.loaded:
                gen = Generator(None, scale, log, info={"client_logins": [
                    "bench.am%03d" % i
                    for i in range(min(CLIENT_USERS, sizes(scale)["managers"]))]})
                # The clients' password, as the load sets it (an earlier run
                # may have set it for fewer managers).
                db = Database(bench_db)
                db.env["res.users"].search([("login", "in", gen.info["client_logins"])]).write(
                    {"password": scenarios.BENCH_PASSWORD})
                db.cr.commit()
                db.close()
            else:
                if only is None or 7 in only:
                    scenarios.scenario_7(Database, results, bench_db, base_db, scale, runs,
                                         measure)
                db = Database(bench_db)
                gen = Generator(db.env, scale, log)
                load = gen.load()
                db.cr.commit()
                results.info["load"] = load
                log("loaded in %.1f s: %s" % (load["total_seconds"], load["steps"]))
                vac = admin_connection_db(bench_db)
                vac.cursor().execute("VACUUM ANALYZE")
                vac.close()
                ctx = scenarios.Context(db, results, gen, scale, runs, measure, QueryCounter,
                                        log, vacuum=lambda: vacuum(bench_db))
                for number, func in scenarios.SCENARIOS:
                    if only is not None and number not in only:
                        continue
                    func(ctx)
                db.close()
            if only is None or 12 in only:
                # The reference of scenario 12: Odoo's modules only, with the
                # same account managers, companies and contacts.
                base = Database(base_db)
                start = time.perf_counter()
                Generator(base.env, scale, log).load_base_partners()
                base.cr.commit()
                base.close()
                results.info["load_base_partners_seconds"] = round(
                    time.perf_counter() - start, 1)
                log("scenario 12: managers and partners loaded into %s in %.1f s" % (
                    base_db, time.perf_counter() - start))
        if only is None or 8 in only:
            duration = args.load_seconds or max(3.0, 60.0 * min(1.0, scale))
            scenarios.scenario_8(results, args.config, bench_db, args.port, duration, gen.info,
                                 log, ROOT)
        if only is None or 12 in only:
            step = args.step_seconds or max(0.5, 20.0 * min(1.0, scale))
            scenarios.scenario_12(results, args.config,
                                  [("addon", bench_db, True), ("odoo", base_db, False)],
                                  step, log, ROOT)
    finally:
        for name in dbs:
            if not ((args.keep or args.loaded) and name == bench_db):
                try:
                    odoo.sql_db.close_db(name)
                    drop_db(name)
                except Exception as exc:  # pylint: disable=broad-except
                    log("could not drop %s: %s" % (name, exc))
    results.info["total_seconds"] = round(time.time() - started, 1)
    results.info["finished"] = datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC")
    print(results.table())
    failed = [r for r in results.rows if r["pass"] is False]
    print("\n%d figures, %d goals met, %d not met; load %.1f s; total %.1f s (scale %s)" % (
        len(results.rows), len([r for r in results.rows if r["pass"]]), len(failed),
        results.info.get("load", {}).get("total_seconds", 0), results.info["total_seconds"],
        scale))
    with open(args.out, "w") as handle:
        json.dump({"info": results.info, "results": results.rows}, handle, indent=1,
                  default=str)
    log("results written to %s" % args.out)


def admin_connection_db(name):
    cfg = odoo.tools.config
    conn = psycopg2.connect(
        dbname=name, host=cfg["db_host"] or None, port=cfg["db_port"] or None,
        user=cfg["db_user"] or None)
    conn.autocommit = True
    return conn


def vacuum(name, tables=("res_partner",)):
    conn = admin_connection_db(name)
    try:
        for table in tables:
            conn.cursor().execute("VACUUM ANALYZE %s" % table)
    finally:
        conn.close()


if __name__ == "__main__":
    main()
