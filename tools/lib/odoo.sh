# Odoo: the configuration files the tools write, the launcher, free ports
# and a server started in the background (for the XML-RPC tests).

# write_config FILE PORT: a server configuration with the addon first in the
# addons path, the database connection (pg_env) and the database manager off.
write_config() {
    local conf="$1" port="$2"
    pg_env
    cat >"$conf" <<EOF
[options]
addons_path = $ROOT,$($VENV/bin/python -c 'import odoo.addons, os; print(",".join(os.path.abspath(p) for p in odoo.addons.__path__))')
data_dir = $LOCAL/filestore
db_host = $DB_HOST
db_port = $DB_PORT
db_user = $DB_USER
db_password = $DB_PASSWORD
admin_passwd = admin
http_port = $port
http_interface = 127.0.0.1
list_db = False
EOF
}

# odoo ARGS...: Odoo 11's odoo-bin on .venv's Python, with lessc on its PATH.
odoo() {
    PATH="$NODE_DIR/node_modules/.bin:$PATH" "$VENV/bin/python" "$ROOT/tools/odoo-bin" "$@"
}

# dbtool ARGS...: tools/dbtool.py (the check of a backup file, snapshots and
# their comparison, the uninstall check) on .venv's Python.
dbtool() { "$VENV/bin/python" "$ROOT/tools/dbtool.py" "$@"; }

# click_odoo SCRIPT ARGS...: ACSONE's click-odoo-SCRIPT (click-odoo-contrib:
# backupdb, restoredb, update, initdb, makepot) on .venv's Python, with the
# cluster's own pg_dump and psql first on the PATH (they call them by name).
click_odoo() {
    local script="$1"
    shift
    PATH="$(pg_bin):$PATH" "$VENV/bin/click-odoo-$script" "$@"
}

# port_busy PORT: true when something listens on 127.0.0.1:PORT.
port_busy() {
    "$VENV/bin/python" - "$1" <<'EOF'
import socket, sys
s = socket.socket()
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(0)
sys.exit(1)
EOF
}

free_port() {
    "$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# addon_state DB: the addon's state in DB (installed, uninstalled, ...), or nothing.
addon_state() {
    pg_env
    PGPASSWORD="${PGPASSWORD:-}" "$(pg_bin)/psql" -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" \
        -d "$1" -tAc "SELECT state FROM ir_module_module WHERE name = '$ADDON'" 2>/dev/null || true
}

# manifest_depends: the modules the addon's manifest depends on, comma-separated.
manifest_depends() {
    "$VENV/bin/python" -c "import ast; print(','.join(ast.literal_eval(open('$ROOT/$ADDON/__manifest__.py').read())['depends']))"
}

# new_depends DB: the Odoo modules the addon's manifest depends on that are
# not installed in DB (a release that adds a dependency), comma-separated.
new_depends() {
    local list
    list="$(manifest_depends)"
    pg_env
    PGPASSWORD="${PGPASSWORD:-}" "$(pg_bin)/psql" -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" \
        -d "$1" -tAc "SELECT string_agg(d, ',' ORDER BY d) FROM unnest(string_to_array('$list', ',')) AS d
                      WHERE d NOT IN (SELECT name FROM ir_module_module WHERE state = 'installed')"
}

# A server on database $1 in the background: start_server DB CONF LOG PORT
# returns once it answers; stop_server ends it.
SERVER_PID=""
stop_server() {
    [ -n "$SERVER_PID" ] || return 0
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}

start_server() {
    local db="$1" conf="$2" log="$3" port="$4"
    # exec: $! is then Odoo's own process, which stop_server ends
    PATH="$NODE_DIR/node_modules/.bin:$PATH" exec "$VENV/bin/python" "$ROOT/tools/odoo-bin" \
        -c "$conf" -d "$db" --db-filter="^$db\$" --workers=0 --max-cron-threads=0 \
        --logfile="$log" &
    SERVER_PID=$!
    wait_for_odoo "$port" "$SERVER_PID" || die "the server did not answer (see $log)."
}

# wait_for_odoo PORT PID: until Odoo's login page answers on PORT (2 minutes
# at most); fails at once when the process PID has ended.
wait_for_odoo() {
    "$VENV/bin/python" - "$1" "$2" <<'EOF'
import os, sys, time, urllib.request
for _ in range(240):
    try:
        os.kill(int(sys.argv[2]), 0)
    except OSError:
        sys.exit(1)
    try:
        urllib.request.urlopen("http://127.0.0.1:%s/web/login" % sys.argv[1], timeout=5)
        sys.exit(0)
    except Exception:
        time.sleep(0.5)
sys.exit(1)
EOF
}
