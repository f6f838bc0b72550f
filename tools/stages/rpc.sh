# Stage of make test: the tests of tests_rpc/ talk XML-RPC to a real server,
# on a copy of database $1 (they change it). A failure fails make test at
# the end; the later stages still run.

stage_rpc() {
    local db="${1}_rpc" port
    copy_db "$1" "$db"
    port="$(free_port)"
    write_config "$LOCAL/test/odoo-rpc.conf" "$port"
    say "XML-RPC tests against a running server on '$db' (log: .local/test/rpc-server.log)"
    start_server "$db" "$LOCAL/test/odoo-rpc.conf" "$LOCAL/test/rpc-server.log" "$port"
    pg_env
    PGHOST="$DB_HOST" PGPORT="$DB_PORT" PGUSER="$DB_USER" PGPASSWORD="${PGPASSWORD:-}" \
        ODOO_URL="http://127.0.0.1:$port" ODOO_DB="$db" ODOO_CONFIG="$LOCAL/test/odoo-rpc.conf" \
        "$VENV/bin/python" -m pytest -p no:odoo "$ROOT/tests_rpc" \
        || stage_failed "XML-RPC tests"
    stop_server
    drop_db "$db"
}
