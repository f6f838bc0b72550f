# make test-browser and make screenshots: the browser tests alone, and the
# screenshots of docs/, each on a new database with demo data.

cmd_browser() {
    setup
    pg_start
    trap pg_stop_if_started EXIT
    mkdir -p "$LOCAL/test"
    write_config "$LOCAL/test/odoo.conf" "$(free_port)"
    run_browser_tests ""
}

cmd_screenshots() {
    setup
    pg_start
    trap pg_stop_if_started EXIT
    mkdir -p "$LOCAL/test"
    write_config "$LOCAL/test/odoo.conf" "$(free_port)"
    say "taking the screenshots of docs/ on a new database with demo data"
    (cd "$ROOT" && OMNIA_ODOO_CONFIG="$LOCAL/test/odoo.conf" \
        "$BROWSER_VENV/bin/python" "$ROOT/tools/screenshots.py") \
        || die "taking the screenshots failed (see above)."
}
