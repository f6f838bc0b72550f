#!/usr/bin/env bash
# The entry point of the make targets: tools/dev.sh COMMAND.
#
#   tools/lib/        what the commands share: paths and messages (common.sh),
#                     the set-up (setup.sh), the PostgreSQL cluster (cluster.sh),
#                     Odoo's configuration, launcher and servers (odoo.sh),
#                     new databases from click-odoo-initdb's cache (dbcache.sh)
#   tools/commands/   one file per make target (run, backup and restore, ...)
#   tools/test.sh     make test, as the list of its stages
#   tools/stages/     the stages of make test, one file each
#
# Every failure ends in one sentence on stderr and a non-zero exit, never in
# a traceback. tools/upgrade_test.sh sources this file for its functions.
set -euo pipefail

TOOLS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=tools/lib/common.sh
source "$TOOLS/lib/common.sh"
for file in "$TOOLS"/lib/*.sh "$TOOLS"/commands/*.sh "$TOOLS"/stages/*.sh "$TOOLS/test.sh"; do
    # shellcheck disable=SC1090
    source "$file"
done
unset file

# sourced (by tools/upgrade_test.sh): the functions only
[ "${BASH_SOURCE[0]}" = "$0" ] || return 0

case "${1:-}" in
    setup) setup ;;
    run) cmd_run ;;
    serve) cmd_serve ;;
    test) cmd_test ;;
    bench) cmd_bench ;;
    browser) cmd_browser ;;
    screenshots) cmd_screenshots ;;
    pot) cmd_pot ;;
    test-odoo) cmd_test_odoo ;;
    backup) cmd_backup ;;
    restore) cmd_restore ;;
    lint) cmd_lint ;;
    pg-start) setup; pg_start ;;
    clean-cache) cmd_clean_cache ;;
    pg-stop) pg_stop ;;
    psql) shift; setup; pg_start; pg_env; psql_run "$@" ;;
    *) die "usage: tools/dev.sh setup|run|serve|test|bench|test-odoo|backup|restore|browser|screenshots|pot|lint|clean-cache|pg-start|pg-stop|psql" ;;
esac
