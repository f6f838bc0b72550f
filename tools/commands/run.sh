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
    write_config "$LOCAL/odoo.conf" "$ODOO_PORT"
    # Install or upgrade only when the database lacks the addon or the
    # addon's files changed since the last run: a restart with nothing
    # changed serves at once.
    local stamp stamp_file="$LOCAL/run-$DB_NAME.stamp"
    stamp="$(addon_stamp)"
    if ! db_exists "$DB_NAME" || [ "$(addon_state "$DB_NAME")" != installed ]; then
        say "creating database '$DB_NAME' with $ADDON and its demo data"
        rm -f "$stamp_file"
        odoo -c "$LOCAL/odoo.conf" -d "$DB_NAME" -i "$ADDON" --stop-after-init --no-http \
            || die "installing $ADDON failed; see the log above."
    elif [ ! -f "$stamp_file" ] || [ "$(cat "$stamp_file")" != "$stamp" ]; then
        say "upgrading $ADDON in database '$DB_NAME'"
        odoo -c "$LOCAL/odoo.conf" -d "$DB_NAME" -u "$ADDON" --stop-after-init --no-http \
            || die "upgrading $ADDON failed; see the log above."
    fi
    echo "$stamp" >"$stamp_file"
    say "serving http://127.0.0.1:$ODOO_PORT (login admin / admin); Ctrl-C stops"
    odoo -c "$LOCAL/odoo.conf" -d "$DB_NAME" --db-filter="^$DB_NAME\$" || {
        local rc=$?
        [ "$rc" -ge 128 ] && exit 0   # stopped with Ctrl-C
        die "Odoo stopped with exit code $rc; see the log above."
    }
}

# A fingerprint of the addon's files, to tell whether it needs an upgrade.
addon_stamp() {
    (cd "$ROOT" && find "$ADDON" -type f ! -path '*/__pycache__/*' ! -name '*.pyc' -print0 \
        | sort -z | xargs -0 sha1sum | sha1sum | cut -d' ' -f1)
}
