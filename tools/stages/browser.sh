# Stage of make test: the browser tests (tests_browser/, Playwright driving
# Debian's Chromium) on a copy of $1. A failure fails make test at the end;
# the later stages still run.

# run_browser_tests DB: they start their own Odoo on a free port, on a copy
# of DB (a database with the addon and its demo data).
run_browser_tests() {
    (cd "$ROOT" && OMNIA_ODOO_CONFIG="$LOCAL/test/odoo.conf" OMNIA_TEMPLATE_DB="${1:-}" \
        "$BROWSER_VENV/bin/python" -m pytest --tb=short "$ROOT/tests_browser")
}

stage_browser() {
    local db="$1"
    say "browser tests on a copy of '$db' (screenshots of failures: test-artifacts/)"
    if ! run_browser_tests "$db"; then
        say "the browser tests failed (above); the unit tests still run"
        stage_failed "browser tests"
    fi
}
