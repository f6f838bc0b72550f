# Stage of make test: the throwaway database $1 with the addon and its demo
# data, and ${1}_nomod with Odoo's own modules only (for the benchmark), both
# from click-odoo-initdb (tools/lib/dbcache.sh): installed, or copies of the
# day's templates of the same files. An install of the addon must log no
# error, and every model of the addon needs access rules.

stage_install() {
    local db="$1" conf="$LOCAL/test/odoo.conf"
    drop_db "$db"
    drop_db "${db}_nomod"
    say "Odoo's crm, calendar, survey and contacts with demo data on '${db}_nomod' (log: .local/test/depends.log)"
    new_db "$conf" "${db}_nomod" d "$DEPENDS" "$LOCAL/test/depends.log" \
        || die "installing Odoo's own modules failed (see .local/test/depends.log)."
    # The addon's tests run once, under pytest-odoo at the end (its summary
    # is what CI reads), not at install.
    say "$ADDON with its demo data on '$db' (log: .local/test/install.log)"
    new_addon_db "$conf" "$db" "$LOCAL/test/install.log"
}
