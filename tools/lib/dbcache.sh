# New databases with modules installed, from click-odoo-initdb and its cache
# of template databases (ACSONE's click-odoo-contrib).
#
# The first database of a set of modules is installed, and click-odoo-initdb
# keeps a copy of it as a template database named
#   <prefix>-<last used, UTC>-<sha1 of the files of the modules>
# (the modules asked for, their dependencies and the modules Odoo installs
# with them); every later database of the same files is a copy of that
# template: seconds instead of a minute or more. Any change to a file of the
# addon (or of Odoo) changes the sha1, so the next database is installed
# anew from the changed files; a change of the pinned Python packages drops
# the templates.
#
# The prefix is 'o', a kind (d: Odoo's modules with demo data; a: the addon
# with demo data; p: the addon without, for make pot) and the day, UTC
# (e.g. oa261202): demo data is dated from the day it is installed
# (deadlines in ten days, this year's targets), so a template serves its day
# only, and those of earlier days are dropped at the next use.
#
# The templates live in the project's cluster beside the other databases and
# are kept between runs on purpose (that is the speed-up): 'make clean-cache'
# drops them, 'make clean-data' drops the whole cluster.

TEMPLATE_NAMES='^o[adp][0-9]{6}-[0-9]{12}-[0-9a-f]+$'

template_prefix() { echo "o$1$(date -u +%y%m%d)"; }

# new_db CONF DB KIND MODULES LOG [OPTION...]: DB with MODULES and their demo
# data (--no-demo: without), as a copy of the day's template of the same
# files or installed (and kept as the template); Odoo's log in LOG.
new_db() {
    local conf="$1" db="$2" kind="$3" modules="$4" log="$5"
    shift 5
    drop_templates_before_today
    # The sha1 covers the modules' files, not the other Python libraries of
    # .venv: a change of requirements.txt or constraints.txt drops them all.
    local stamp="$LOCAL/templates-requirements.stamp"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$(requirements_stamp)" ]; then
        drop_templates
        requirements_stamp >"$stamp"
    fi
    : >"$log"
    # --cache-max-size 2: of each kind and day, the two last used templates
    click_odoo initdb -c "$conf" --log-level info --logfile "$log" -n "$db" -m "$modules" \
        --cache-prefix "$(template_prefix "$kind")" --cache-max-size 2 "$@"
}

# new_addon_db CONF DB LOG [--no-demo]: DB with the addon, through new_db.
# The install must log no error, and every model of the addon needs access
# rules (Odoo only warns about a missing one): otherwise it fails, and the
# template made of it is dropped, so that no later database copies it.
new_addon_db() {
    local conf="$1" db="$2" log="$3" kind=a rc=0
    [ "${4:-}" = --no-demo ] && kind=p
    new_db "$conf" "$db" "$kind" "$ADDON" "$log" "${@:4}" || rc=$?
    if [ "$rc" = 0 ] && grep -q "Found matching database template" "$log"; then
        say "'$db' is a copy of the day's template of these files (installed and checked before)"
        return 0
    fi
    grep -E "(ERROR|CRITICAL) " "$log" >&2 || true
    if [ "$rc" != 0 ] || grep -qE "(ERROR|CRITICAL) " "$log"; then
        drop_templates "$(template_prefix "$kind")"
        die "installing $ADDON failed (see ${log#"$ROOT"/})."
    fi
    if grep -E "has no access rules" "$log" >&2; then
        drop_templates "$(template_prefix "$kind")"
        die "a model of $ADDON has no access rules (lines above; see ${log#"$ROOT"/})."
    fi
}

# drop_templates [PREFIX]: the cache's templates (of PREFIX only when given).
drop_templates() {
    local name
    for name in $(psql_run -tAc "SELECT datname FROM pg_database
                                 WHERE datname ~ '$TEMPLATE_NAMES' ORDER BY 1"); do
        [[ "$name" == "${1:-}"* ]] && drop_db "$name"
    done
    return 0
}

drop_templates_before_today() {
    local name today
    today="$(date -u +%y%m%d)"
    for name in $(psql_run -tAc "SELECT datname FROM pg_database
                                 WHERE datname ~ '$TEMPLATE_NAMES' ORDER BY 1"); do
        [ "${name:2:6}" = "$today" ] || drop_db "$name"
    done
    return 0
}

# make clean-cache
cmd_clean_cache() {
    setup
    pg_start_for_command
    say "dropping the template databases of click-odoo-initdb's cache"
    drop_templates
}
