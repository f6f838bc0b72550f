# Stage of make test: Odoo's own modules, then the addon with its demo data,
# on the throwaway database $1. The install must log no error, and every
# model of the addon needs access rules (Odoo only warns about a missing one).

stage_install() {
    local db="$1" log="$LOCAL/test/install.log"
    db_exists "$db" && psql_run -qc "DROP DATABASE \"$db\""

    # Odoo's own modules first (kept as a template for the benchmark).
    say "installing Odoo's crm, calendar, survey and contacts with demo data on '$db'"
    odoo -c "$LOCAL/test/odoo.conf" -d "$db" -i "$DEPENDS" --stop-after-init \
        --logfile="$LOCAL/test/depends.log" --no-http \
        || die "installing Odoo's own modules failed (see .local/test/depends.log)."
    # Kept for the benchmark's comparison with a database without the addon.
    db_exists "${db}_nomod" && psql_run -qc "DROP DATABASE \"${db}_nomod\""
    psql_run -qc "CREATE DATABASE \"${db}_nomod\" TEMPLATE \"$db\""
    # The addon's tests run once, under pytest-odoo at the end (its summary
    # is what CI reads); the install itself must log no error.
    say "installing $ADDON with its demo data (log: .local/test/install.log)"
    local rc=0
    : >"$log"
    odoo -c "$LOCAL/test/odoo.conf" -d "$db" -i "$ADDON" --stop-after-init \
        --logfile="$log" --no-http || rc=$?
    grep -E "(ERROR|CRITICAL) $db" "$log" >&2 || true
    if [ "$rc" != 0 ] || grep -qE "(ERROR|CRITICAL) $db " "$log"; then
        die "installing $ADDON failed (see .local/test/install.log)."
    fi

    # every model needs access rules; Odoo only warns about a missing one
    if grep -E "has no access rules" "$log" >&2; then
        die "a model of $ADDON has no access rules (lines above; see .local/test/install.log)."
    fi
}
