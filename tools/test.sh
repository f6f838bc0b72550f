# make test: the set-up, lint, then the whole test suite on a throwaway
# database (never 'omnia'), dropped at the end with every copy made of it,
# with a non-zero exit on any failure. The stages, in order; each is a
# function of tools/stages/*.sh. The templates the databases are copied
# from stay, on purpose (tools/lib/dbcache.sh).

cmd_test() {
    setup
    cmd_lint                        # flake8 and pylint-odoo (tools/commands/lint.sh)
    pg_start
    local db="${TEST_DB:-omnia_test_$$}"
    [ "$db" = omnia ] && die "the tests never run on the 'omnia' database."
    # shellcheck disable=SC2064  # the names are fixed now
    trap "stop_server; drop_db '$db'; drop_db '${db}_nomod'; drop_db '${db}_uninstall'; \
          drop_db '${db}_rpc'; drop_db '${db}_backup'; drop_db '${db}_backup_restored'; \
          pg_stop_if_started" EXIT
    mkdir -p "$LOCAL/test"
    write_config "$LOCAL/test/odoo.conf" "$(free_port)"

    stage_serve_checks              # make serve's messages and tools/serve.py (tests_tools/)
    stage_install "$db"             # the addon with demo data, no error logged (a copy when cached)
    stage_bench_smoke "$db"         # the benchmark at smoke size, against ${db}_nomod
    stage_browser "$db"             # Playwright on a copy; a failure does not stop the run
    # The next three change the database they work on: they take copies, so
    # that the unit tests, last, see it as installed.
    stage_uninstall "$db"           # Odoo's records and views survive the addon's uninstall
    stage_rpc "$db"                 # XML-RPC tests on a running server; a failure does not stop the run
    stage_backup_restore "$db"      # backup, restore, every table and file compared
    local rc=0
    stage_unit "$db" || rc=$?       # the addon's tests under pytest-odoo; their summary ends the output
    [ "$rc" = 0 ] && [ "${#STAGE_FAILURES[@]}" != 0 ] && rc=1
    return "$rc"
}

# Stages whose failure does not stop the run (the browser and XML-RPC tests)
# record it here; make test then fails at the end, after the unit tests.
STAGE_FAILURES=()
stage_failed() { STAGE_FAILURES+=("$1"); }
