# make test-browser and make screenshots: the browser tests alone, and the
# screenshots of docs/, each on a new database with demo data. That database
# comes from click-odoo-initdb (tools/lib/dbcache.sh), as make test's does;
# the server of the tests or screenshots runs on a copy of it.

# browser_db DB: the new database with the addon and its demo data, dropped
# when the command ends.
browser_db() {
    local db="$1"
    # shellcheck disable=SC2064  # the name is fixed now
    trap "drop_db '$db'; pg_stop_if_started" EXIT
    say "$ADDON with its demo data on '$db' (log: .local/test/$db.log)"
    new_addon_db "$LOCAL/test/odoo.conf" "$db" "$LOCAL/test/$db.log"
}

cmd_browser() {
    setup
    pg_start
    trap pg_stop_if_started EXIT
    mkdir -p "$LOCAL/test"
    write_config "$LOCAL/test/odoo.conf" "$(free_port)"
    browser_db "omnia_browser_template_$$"
    run_browser_tests "omnia_browser_template_$$"
}

cmd_screenshots() {
    setup
    pg_start
    trap pg_stop_if_started EXIT
    mkdir -p "$LOCAL/test"
    write_config "$LOCAL/test/odoo.conf" "$(free_port)"
    browser_db "omnia_screenshots_template_$$"
    say "taking the screenshots of docs/ on a new database with demo data"
    (cd "$ROOT" && OMNIA_ODOO_CONFIG="$LOCAL/test/odoo.conf" \
        OMNIA_TEMPLATE_DB="omnia_screenshots_template_$$" \
        "$BROWSER_VENV/bin/python" "$ROOT/tools/screenshots.py") \
        || die "taking the screenshots failed (see above)."
}
