#!/usr/bin/env python
"""Run Odoo's own test suites of some modules on an existing database.

Usage (with the project's virtual environment)::

    .venv/bin/python tools/odoo_suites.py -c CONF -d DB -m crm,mail -o OUT.json

The modules must be installed in DB. Their Python tests (at-install and
post-install ones) run as Odoo runs them, with the HTTP server up for the
HTTP test cases, and each test's outcome (ok, fail, error, skip) is written
to OUT.json as {"module": {"test id": "outcome"}}, so that two databases can
be compared with ``tools/odoo_suites.py --compare A.json B.json``.
"""
import argparse
import json
import sys
import threading
import time
import unittest


class RecordingResult(unittest.TextTestResult):
    """A text result that also keeps every test's outcome by test id."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = {}

    def _key(self, test):
        return test.id()

    def addSuccess(self, test):
        super().addSuccess(test)
        self.outcomes.setdefault(self._key(test), "ok")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.outcomes[self._key(test)] = "fail"

    def addError(self, test, err):
        super().addError(test, err)
        # errors of setUpClass come as a _ErrorHolder: keep its description
        key = getattr(test, "description", None) or self._key(test)
        self.outcomes[key] = "error"

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self.outcomes[self._key(test)] = "skip"

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self.outcomes[self._key(test)] = "ok"

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self.outcomes[self._key(test)] = "fail"


def run(conf, db, modules, out):
    import odoo
    odoo.tools.config.parse_config(["-c", conf, "-d", db, "--test-enable",
                                    "--log-level=warn", "--workers=0",
                                    "--max-cron-threads=0"])
    from odoo.modules import module as odoo_module
    from odoo.service import server, wsgi_server

    server.load_server_wide_modules()
    wsgi_server._patch_xmlrpc_marshaller()
    # the HTTP test cases talk to a real server on the configured port
    httpd = server.ThreadedServer(wsgi_server.application)
    httpd.http_spawn()
    time.sleep(1)

    registry = odoo.registry(db)
    installed = set(registry._init_modules)
    results = {}
    threading.currentThread().testing = True
    with odoo.api.Environment.manage():
        for module in modules:
            if module not in installed:
                sys.exit("error: module %s is not installed in %s" % (module, db))
            outcomes = results.setdefault(module, {})
            t0 = time.time()
            odoo_module.current_test = module
            for test_module in odoo_module.get_test_modules(module):
                tests = list(odoo_module.unwrap_suite(
                    unittest.TestLoader().loadTestsFromModule(test_module)))
                # at-install tests first, then post-install ones, as Odoo does
                for position in (odoo_module.runs_at_install,
                                 odoo_module.runs_post_install):
                    suite = unittest.TestSuite(t for t in tests if position(t))
                    if not suite.countTestCases():
                        continue
                    runner = unittest.TextTestRunner(
                        stream=odoo_module.TestStream(test_module.__name__),
                        verbosity=2, resultclass=RecordingResult)
                    outcomes.update(runner.run(suite).outcomes)
            odoo_module.current_test = None
            counts = {}
            for outcome in outcomes.values():
                counts[outcome] = counts.get(outcome, 0) + 1
            print("%s: %d tests %s in %.0f s" % (
                module, len(outcomes), counts, time.time() - t0), flush=True)
    threading.currentThread().testing = False
    with open(out, "w") as handle:
        json.dump(results, handle, indent=1, sort_keys=True)


# Outcomes the addon changes on purpose: test id -> why. Any other
# difference fails the comparison.
ACCEPTED_DIFFERENCES = {
    "odoo.addons.calendar.tests.test_calendar.TestCalendar.test_event_activity":
        "the addon refuses timed events longer than 24 hours (calendar "
        "time tracking); Odoo's test makes one of several days",
}


def compare(without_path, with_path):
    """Print the differences; return 1 when the addon changes any outcome
    other than the accepted ones."""
    with open(without_path) as handle:
        without = json.load(handle)
    with open(with_path) as handle:
        with_addon = json.load(handle)
    rc = 0
    for module in sorted(set(without) | set(with_addon)):
        base = without.get(module, {})
        other = with_addon.get(module, {})
        tests = sorted(set(base) | set(other))
        diffs = [(t, base.get(t, "absent"), other.get(t, "absent"))
                 for t in tests if base.get(t) != other.get(t)]
        both_bad = [t for t in tests if base.get(t) == other.get(t)
                    and base.get(t) in ("fail", "error")]
        ok = sum(1 for t in tests if other.get(t) == "ok")
        print("%-9s %4d tests, %4d ok with the addon, %d differences%s" % (
            module, len(tests), ok, len(diffs),
            ", %d fail without it too" % len(both_bad) if both_bad else ""))
        for test, before, after in diffs:
            if test in ACCEPTED_DIFFERENCES:
                print("    accepted difference %s: %s without the addon, %s "
                      "with it (%s)" % (test, before, after,
                                        ACCEPTED_DIFFERENCES[test]))
                continue
            print("    DIFFERENT %s: %s without the addon, %s with it"
                  % (test, before, after))
            rc = 1
        for test in both_bad:
            print("    same outcome (%s) without the addon: %s"
                  % (base[test], test))
    return rc


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config")
    parser.add_argument("-d", "--database")
    parser.add_argument("-m", "--modules")
    parser.add_argument("-o", "--output")
    parser.add_argument("--compare", nargs=2, metavar=("WITHOUT", "WITH"))
    args = parser.parse_args()
    if args.compare:
        sys.exit(compare(*args.compare))
    run(args.config, args.database, args.modules.split(","), args.output)
    # the HTTP server thread is a daemon: leave without waiting for it
    sys.stdout.flush()
    import os
    os._exit(0)


if __name__ == "__main__":
    main()
