# make run: set up, create or upgrade the database DB_NAME and serve it.

cmd_run() {
    [[ "$ODOO_PORT" =~ ^[0-9]+$ ]] && [ "$ODOO_PORT" -ge 1 ] && [ "$ODOO_PORT" -le 65535 ] \
        || die "ODOO_PORT must be a port number (1-65535), not '$ODOO_PORT'."
    setup
    if port_busy "$ODOO_PORT"; then
        die "port $ODOO_PORT is already in use; stop what listens there or choose another port with 'make run ODOO_PORT=8070'."
    fi
    pg_start
    trap pg_stop_if_started EXIT
    trap 'exit 130' INT TERM
    local conf="$LOCAL/odoo.conf"
    write_config "$conf" "$ODOO_PORT"
    # Install or upgrade only when the database lacks the addon or the
    # addon's files changed since it was installed or last upgraded: a
    # restart with nothing changed serves after a check of a few seconds.
    # click-odoo keeps the checksums of the modules' files in the database
    # (ir_config_parameter module_auto_update.installed_checksums).
    if ! db_exists "$DB_NAME"; then
        say "creating database '$DB_NAME' with $ADDON and its demo data"
        # --no-cache: a real install, dated today, not a copy of a test template
        click_odoo initdb -c "$conf" --log-level info -n "$DB_NAME" -m "$ADDON" --no-cache \
            || die "installing $ADDON failed; see the log above."
    elif [ "$(addon_state "$DB_NAME")" != installed ]; then
        say "installing $ADDON with its demo data in database '$DB_NAME'"
        odoo -c "$conf" -d "$DB_NAME" -i "$ADDON" --stop-after-init --no-http \
            || die "installing $ADDON failed; see the log above."
        # the checksums of what was just installed, or the next step would upgrade it again
        click_odoo update -c "$conf" -d "$DB_NAME" --ignore-core-addons --only-compute-hashes \
            || die "could not record the checksums of $ADDON's files; see the log above."
    else
        # Upgrades the modules whose files changed. Odoo's own modules are
        # left out (--ignore-core-addons): they are the pinned pip packages,
        # as before only the addon was compared. click-odoo leaves out
        # static/ and tests/ too: Odoo 11 serves changed static files
        # without an upgrade, and tests need none.
        say "upgrading $ADDON in database '$DB_NAME' if its files changed (click-odoo-update)"
        click_odoo update -c "$conf" -d "$DB_NAME" --ignore-core-addons \
            || die "upgrading $ADDON failed; see the log above."
    fi
    say "serving http://127.0.0.1:$ODOO_PORT (login admin / admin); Ctrl-C stops"
    odoo -c "$conf" -d "$DB_NAME" --db-filter="^$DB_NAME\$" || {
        local rc=$?
        [ "$rc" -ge 128 ] && exit 0   # stopped with Ctrl-C
        die "Odoo stopped with exit code $rc; see the log above."
    }
}
