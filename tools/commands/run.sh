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
    prepare_db "$conf" "$DB_NAME"
    say "serving http://127.0.0.1:$ODOO_PORT (login admin / admin); Ctrl-C stops"
    odoo -c "$conf" -d "$DB_NAME" --db-filter="^$DB_NAME\$" || {
        local rc=$?
        [ "$rc" -ge 128 ] && exit 0   # stopped with Ctrl-C
        die "Odoo stopped with exit code $rc; see the log above."
    }
}

# prepare_db CONF DB: DB with the addon and its demo data, for make run and
# make serve: created when absent, the addon installed when missing, or
# upgraded when its files changed; data is never dropped.
prepare_db() {
    local conf="$1" db="$2"
    # Install or upgrade only when the database lacks the addon or the
    # addon's files changed since it was installed or last upgraded: a
    # restart with nothing changed serves after a check of a few seconds.
    # click-odoo keeps the checksums of the modules' files in the database
    # (ir_config_parameter module_auto_update.installed_checksums).
    if ! db_exists "$db"; then
        say "creating database '$db' with $ADDON and its demo data"
        # --no-cache: a real install, dated today, not a copy of a test template
        click_odoo initdb -c "$conf" --log-level info -n "$db" -m "$ADDON" --no-cache \
            || die "installing $ADDON failed; see the log above."
    elif [ "$(addon_state "$db")" != installed ]; then
        say "installing $ADDON with its demo data in database '$db'"
        odoo -c "$conf" -d "$db" -i "$ADDON" --stop-after-init --no-http \
            || die "installing $ADDON failed; see the log above."
        # the checksums of what was just installed, or the next step would upgrade it again
        click_odoo update -c "$conf" -d "$db" --ignore-core-addons --only-compute-hashes \
            || die "could not record the checksums of $ADDON's files; see the log above."
    else
        # Upgrades the modules whose files changed. Odoo's own modules are
        # left out (--ignore-core-addons): they are the pinned pip packages,
        # as before only the addon was compared. click-odoo leaves out
        # static/ and tests/ too: Odoo 11 serves changed static files
        # without an upgrade, and tests need none.
        # Odoo's modules a new release depends on are installed first: Odoo 11
        # would install them during the upgrade too, but only after logging
        # them as unmet dependencies of the module it upgrades (an error).
        local deps
        deps="$(new_depends "$db")"
        if [ -n "$deps" ]; then
            say "installing $deps, which $ADDON now depends on, in database '$db'"
            odoo -c "$conf" -d "$db" -i "$deps" --stop-after-init --no-http \
                || die "installing $deps failed; see the log above."
        fi
        say "upgrading $ADDON in database '$db' if its files changed (click-odoo-update)"
        click_odoo update -c "$conf" -d "$db" --ignore-core-addons \
            || die "upgrading $ADDON failed; see the log above."
    fi
}
