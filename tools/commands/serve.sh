# make serve: the database of make run (DB_NAME, created or upgraded as make
# run does), served as in production on this machine (Odoo 11's deployment
# guide): Odoo's prefork server with its workers, cron threads, memory and
# time limits and long-polling process, on 127.0.0.1 only and in proxy
# mode, behind Debian's nginx on SERVE_PORT. tools/serve.py computes the
# options and writes, starts and stops nginx (prefix .local/nginx/).

SERVE_PORT="${SERVE_PORT:-8080}"
SERVE_TLS="${SERVE_TLS:-0}"
SERVE_TLS_PORT="${SERVE_TLS_PORT:-8443}"
LONGPOLLING_PORT="${LONGPOLLING_PORT:-8072}"
NGINX_PREFIX="$LOCAL/nginx"

# serve_py ARGS...: tools/serve.py on the machine's Python (standard library
# only); its errors are one line, so they end the command as they are.
serve_py() {
    python3 "$ROOT/tools/serve.py" "$@" || exit 1
}

SERVE_ODOO_PID=""
serve_stop() {
    serve_py stop --prefix "$NGINX_PREFIX"
    if [ -n "$SERVE_ODOO_PID" ]; then
        # Odoo's prefork master ends its workers and the long-polling process
        kill -TERM "$SERVE_ODOO_PID" 2>/dev/null || true
        wait "$SERVE_ODOO_PID" 2>/dev/null || true
        SERVE_ODOO_PID=""
    fi
    pg_stop_if_started
}

cmd_serve() {
    # The settings first, each named in its message, before any set-up.
    local name
    for name in SERVE_PORT ODOO_PORT LONGPOLLING_PORT SERVE_TLS_PORT; do
        [[ "${!name}" =~ ^[0-9]+$ ]] && [ "${!name}" -ge 1 ] && [ "${!name}" -le 65535 ] \
            || die "$name must be a port number (1-65535), not '${!name}'."
    done
    [[ "$SERVE_TLS" =~ ^[01]$ ]] || die "SERVE_TLS must be 1 (HTTPS on SERVE_TLS_PORT) or 0, not '$SERVE_TLS'."
    local options=()
    mapfile -t options < <(python3 "$ROOT/tools/serve.py" options --workers "${WORKERS:-}" \
        --cron-threads "${CRON_THREADS:-}" --http-port "$ODOO_PORT" \
        --longpolling-port "$LONGPOLLING_PORT" || echo FAILED)
    [ "${options[-1]}" = FAILED ] && exit 1
    setup
    serve_py nginx >/dev/null
    local ports=(SERVE_PORT ODOO_PORT LONGPOLLING_PORT)
    [ "$SERVE_TLS" = 1 ] && ports+=(SERVE_TLS_PORT)
    for name in "${ports[@]}"; do
        serve_py check-port "$name" "${!name}" >/dev/null
    done
    pg_start
    trap serve_stop EXIT
    trap 'exit 130' INT TERM
    mkdir -p "$LOCAL/serve"
    local conf="$LOCAL/serve/odoo.conf"
    write_config "$conf" "$ODOO_PORT"
    prepare_db "$conf" "$DB_NAME"

    local tls=()
    [ "$SERVE_TLS" = 1 ] && tls=(--tls-port "$SERVE_TLS_PORT")
    serve_py conf --prefix "$NGINX_PREFIX" --port "$SERVE_PORT" --odoo "127.0.0.1:$ODOO_PORT" \
        --longpolling "127.0.0.1:$LONGPOLLING_PORT" "${tls[@]}" >/dev/null
    say "Odoo: ${options[*]}"
    # exec: $! is Odoo's own prefork master
    PATH="$NODE_DIR/node_modules/.bin:$PATH" exec "$VENV/bin/python" "$ROOT/tools/odoo-bin" \
        -c "$conf" -d "$DB_NAME" --db-filter="^$DB_NAME\$" "${options[@]}" &
    SERVE_ODOO_PID=$!
    wait_for_odoo "$ODOO_PORT" "$SERVE_ODOO_PID" \
        || die "Odoo did not answer on port $ODOO_PORT (see the log above)."
    serve_py start --prefix "$NGINX_PREFIX" >/dev/null
    local url="http://127.0.0.1:$SERVE_PORT"
    [ "$SERVE_TLS" = 1 ] && url="https://127.0.0.1:$SERVE_TLS_PORT (self-signed; $url redirects there)"
    say "serving $url through nginx (login admin / admin); logs: .local/nginx/logs/; Ctrl-C stops"
    local rc=0
    wait "$SERVE_ODOO_PID" || rc=$?
    SERVE_ODOO_PID=""
    # Ctrl-C reaches Odoo too, which then stops gracefully with status 0
    { [ "$rc" = 0 ] || [ "$rc" -ge 128 ]; } && exit 0
    die "Odoo stopped with exit code $rc; see the log above."
}
