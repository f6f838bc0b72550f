# make test-odoo: Odoo's own test suites on a database without the addon and
# on a copy with it (both with demo data; the addon's demo keeps Odoo's own
# demo records and languages, see res.company._omnia_keep_odoo_demo); any
# test whose outcome differs fails the run, but for those accepted in
# tools/odoo_suites.py.

ODOO_SUITES="${ODOO_SUITES:-base,mail,contacts,crm,calendar,survey,product,mass_mailing}"

cmd_test_odoo() {
    setup
    pg_start
    local without="omnia_suites_without_$$" with="omnia_suites_with_$$"
    local dir="$LOCAL/test-odoo" store="$LOCAL/filestore/filestore"
    trap "psql_run -qc 'DROP DATABASE IF EXISTS \"$without\"' >/dev/null 2>&1 || true; \
          psql_run -qc 'DROP DATABASE IF EXISTS \"$with\"' >/dev/null 2>&1 || true; \
          rm -rf '$store/$without' '$store/$with'; pg_stop_if_started" EXIT
    mkdir -p "$dir"
    rm -f "$dir"/*.json
    write_config "$dir/odoo.conf" "$(free_port)"
    local t0=$SECONDS depends
    # exactly the addon's dependencies, so that the addon is the only difference
    depends="$(manifest_depends)"
    say "installing Odoo's $depends with demo data on '$without'"
    odoo -c "$dir/odoo.conf" -d "$without" -i "$depends" --stop-after-init --no-http \
        --logfile="$dir/install-without.log" \
        || die "installing Odoo's own modules failed (see .local/test-odoo/install-without.log)."
    # Odoo's tests read Odoo's demo data (Agrolait, Demo User, its leads,
    # users made in English): the addon's demo leaves it as Odoo made it.
    psql_run -d "$without" -qc "INSERT INTO ir_config_parameter (key, value, create_date, write_date)
        VALUES ('omnia_customer.keep_odoo_demo', '1', now(), now())" >/dev/null
    say "copying it to '$with' and installing $ADDON with its demo data there"
    psql_run -qc "CREATE DATABASE \"$with\" TEMPLATE \"$without\"" >/dev/null
    [ -d "$store/$without" ] && cp -a "$store/$without" "$store/$with"
    odoo -c "$dir/odoo.conf" -d "$with" -i "$ADDON" --stop-after-init --no-http \
        --logfile="$dir/install-with.log" \
        || die "installing $ADDON failed (see .local/test-odoo/install-with.log)."
    local db
    for db in "$without" "$with"; do
        say "Odoo's own tests of $ODOO_SUITES on '$db' (log: .local/test-odoo/${db%_$$}.log)"
        write_config "$dir/odoo.conf" "$(free_port)"
        "$VENV/bin/python" "$ROOT/tools/odoo_suites.py" -c "$dir/odoo.conf" -d "$db" \
            -m "$ODOO_SUITES" -o "$dir/${db%_$$}.json" 2>"$dir/${db%_$$}.log" \
            || die "the test run on '$db' broke off (see .local/test-odoo/${db%_$$}.log)."
    done
    say "outcomes without and with $ADDON ($((SECONDS - t0)) s in all)"
    "$VENV/bin/python" "$ROOT/tools/odoo_suites.py" \
        --compare "$dir/omnia_suites_without.json" "$dir/omnia_suites_with.json" \
        || die "$ADDON changes the outcome of Odoo's own tests (listed above)."
}
