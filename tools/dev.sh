#!/usr/bin/env bash
# Set-up, database cluster, server and test run of omnia_customer.
# The Makefile calls this script; every failure ends in one sentence on
# stderr and a non-zero exit, never in a traceback.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="$ROOT/.local"
VENV="$ROOT/.venv"
LINT_VENV="$LOCAL/lint-venv"
BROWSER_VENV="$LOCAL/browser-venv"
NODE_DIR="$LOCAL/node"
ADDON=omnia_customer
ODOO_PORT="${ODOO_PORT:-8069}"
DB_NAME="${DB_NAME:-omnia}"
PG_PORT=5432
DEPENDS=contacts,crm,calendar,survey

die() { echo "error: $*" >&2; exit 1; }
say() { echo "==> $*" >&2; }

is_root() { [ "$(id -u)" = 0 ]; }

# --------------------------------------------------------------------------
# Set-up: system packages, Python 3.7 environment, lessc, lint tools
# --------------------------------------------------------------------------

# Debian packages the project needs; installed only when absent.
APT_PACKAGES="libldap2-dev libsasl2-dev postgresql wkhtmltopdf chromium gettext"

missing_apt_packages() {
    local pkg missing=""
    for pkg in $APT_PACKAGES; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" \
            || missing="$missing $pkg"
    done
    echo "$missing"
}

setup_system() {
    command -v dpkg-query >/dev/null || return 0   # not Debian: the README lists the packages
    local missing
    missing="$(missing_apt_packages)"
    [ -z "$missing" ] && return 0
    if ! is_root; then
        die "missing Debian packages:$missing; install them with 'sudo apt-get install$missing' and run again."
    fi
    say "installing Debian packages:$missing"
    # The postgresql package must not start a system cluster: the project runs its own.
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 \
            apt-get install -y -qq --no-install-recommends $missing; } >"$LOCAL/apt.log" 2>&1; then
        die "could not install Debian packages:$missing (no network to the package index?); see .local/apt.log."
    fi
}

find_python37() {
    local candidate
    for candidate in "${PYTHON37:-}" python3.7 "$HOME"/.pyenv/versions/3.7*/bin/python \
            /usr/local/bin/python3.7 /usr/bin/python3.7; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1 \
                && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 7))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    if command -v uv >/dev/null 2>&1; then
        candidate="$(uv python find 3.7 2>/dev/null || true)"
        [ -n "$candidate" ] && { echo "$candidate"; return 0; }
    fi
    return 1
}

requirements_stamp() {
    cat "$ROOT/requirements.txt" "$ROOT/constraints.txt" | sha1sum | cut -d' ' -f1
}

setup_venv() {
    local stamp python
    stamp="$(requirements_stamp)"
    if [ -f "$VENV/.installed" ] && [ "$(cat "$VENV/.installed")" = "$stamp" ]; then
        return 0
    fi
    if [ -n "${PYTHON37:-}" ] && ! "$PYTHON37" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 7))' \
            >/dev/null 2>&1; then
        die "PYTHON37=$PYTHON37 is not a Python 3.7 interpreter; point it at one or unset it."
    fi
    python="$(find_python37)" || die "Python 3.7 not found (Odoo 11 needs it); install it with 'pyenv install 3.7' or 'uv python install 3.7', or set PYTHON37=/path/to/python3.7, and run again."
    if [ ! -x "$VENV/bin/python" ]; then
        say "creating the Python 3.7 environment in .venv/"
        rm -rf "$VENV"
        "$python" -m venv "$VENV" || die "could not create .venv/ with $python."
    fi
    say "installing Odoo 11.0 and the test tools into .venv/ (a few minutes the first time)"
    if ! "$VENV/bin/pip" install -q --disable-pip-version-check \
            -r "$ROOT/requirements.txt" -c "$ROOT/constraints.txt" >"$LOCAL/pip.log" 2>&1; then
        if grep -qiE "connection|resolve|network|timed out|No matching distribution" "$LOCAL/pip.log"; then
            die "could not install the Python packages: the package index is not reachable (no network?); see .local/pip.log."
        fi
        die "could not install the Python packages; see .local/pip.log."
    fi
    echo "$stamp" >"$VENV/.installed"
}

setup_less() {
    [ -x "$NODE_DIR/node_modules/.bin/lessc" ] && return 0
    command -v npm >/dev/null || die "npm not found; install Node.js (Debian: 'apt-get install nodejs npm') and run again."
    say "installing lessc (less@3.13.1) into .local/node/"
    mkdir -p "$NODE_DIR"
    if ! npm install --prefix "$NODE_DIR" --no-audit --no-fund --silent \
            less@3.13.1 less-plugin-clean-css@1.5.1 >"$LOCAL/npm.log" 2>&1; then
        die "could not install lessc from the npm registry (no network?); see .local/npm.log."
    fi
}

# A tool environment on the system's current Python: tool_venv DIR WHAT LOG
# PACKAGE... (re)creates DIR with the pinned PACKAGEs unless it already holds
# exactly them; WHAT names it in messages, LOG is its pip log in .local/.
tool_venv() {
    local dir="$1" what="$2" log="$3"
    shift 3
    local stamp="$*"
    if [ -f "$dir/.installed" ] && [ "$(cat "$dir/.installed")" = "$stamp" ]; then
        return 0
    fi
    rm -rf "$dir"
    python3 -m venv "$dir" || die "could not create the $what environment in ${dir#"$ROOT"/}/."
    say "installing $* into ${dir#"$ROOT"/}/"
    "$dir/bin/pip" install -q --disable-pip-version-check "$@" >"$LOCAL/$log" 2>&1 \
        || die "could not install the $what tools (no network to the package index?); see .local/$log."
    echo "$stamp" >"$dir/.installed"
}

# Lint runs on a current Python (pylint-odoo needs it), in its own environment.
setup_lint() {
    command -v python3 >/dev/null || die "python3 not found for the lint tools."
    tool_venv "$LINT_VENV" lint pip-lint.log pylint-odoo==10.0.12 flake8==7.1.1
}

# Browser tests and screenshots: Playwright driving Debian's Chromium, on a
# current Python in its own environment (Playwright needs Python 3.9 or newer).
setup_browser() {
    command -v python3 >/dev/null \
        && python3 -c 'import sys; sys.exit(sys.version_info < (3, 9))' 2>/dev/null \
        || die "python3 3.9 or newer not found for the browser tests; install it and run again."
    tool_venv "$BROWSER_VENV" browser-test pip-browser.log playwright==1.65.2 pytest==8.3.5
}

setup() {
    mkdir -p "$LOCAL"
    setup_system
    setup_venv
    setup_less
    setup_browser
}

# --------------------------------------------------------------------------
# PostgreSQL: the project's own cluster under .local/, or an existing server
# --------------------------------------------------------------------------

external_pg() { [ -n "${PGHOST:-}" ]; }

pg_bin() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
    if [ -z "$dir" ] && command -v pg_ctl >/dev/null; then
        dir="$(dirname "$(command -v pg_ctl)")"
    fi
    [ -n "$dir" ] && [ -x "$dir/initdb" ] || die "PostgreSQL server binaries (initdb, pg_ctl) not found; install Debian's 'postgresql' package and run again."
    echo "$dir"
}

# As root the cluster runs as the postgres system user, which must reach it.
as_pg_owner() {
    if is_root; then
        (cd / && runuser -u postgres -- "$@")   # it may not enter the checkout
    else
        "$@"
    fi
}

# Where the cluster lives: .local/postgres, or, when the postgres user cannot
# reach the checkout (e.g. under /root), /var/lib/omnia_customer/<checkout id>
# with .local/postgres pointing there.
pg_base() {
    local base="$LOCAL/postgres"
    if [ -L "$base" ]; then
        readlink -f "$base"
        return 0
    fi
    if is_root && ! runuser -u postgres -- test -x "$LOCAL" 2>/dev/null \
            || [ "${#base}" -gt 90 ]; then
        local id
        id="$(echo "$ROOT" | sha1sum | cut -c1-12)"
        local target="/var/lib/omnia_customer/$id"
        mkdir -p "$target"
        ln -sfn "$target" "$base"
        echo "$target"
        return 0
    fi
    echo "$base"
}

pg_start() {
    external_pg && return 0
    local bin base data
    bin="$(pg_bin)"
    id postgres >/dev/null 2>&1 || ! is_root || die "the 'postgres' system user does not exist; install Debian's 'postgresql' package."
    base="$(pg_base)"
    data="$base/data"
    mkdir -p "$base"
    is_root && chown postgres: "$base" && chmod 700 "$base"
    # A cluster whose initdb was interrupted has no marker: start it anew.
    if [ ! -f "$base/.initialized" ]; then
        [ -d "$data" ] && say "removing the half-created cluster in $data"
        rm -rf "$data"
        say "creating the PostgreSQL cluster in $data"
        as_pg_owner "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 \
            --locale=C.UTF-8 >"$base/initdb.log" 2>&1 \
            || die "initdb failed; see $base/initdb.log."
        touch "$base/.initialized"
    fi
    if ! as_pg_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        rm -f "$data/postmaster.pid"   # left by a killed server; pg_ctl status said none runs
        as_pg_owner "$bin/pg_ctl" -D "$data" -w -t 60 -l "$base/postgres.log" \
            -o "-k $base -c listen_addresses='' -p $PG_PORT -c fsync=${PG_FSYNC:-on}" start >/dev/null \
            || die "PostgreSQL did not start; see $base/postgres.log."
        PG_STARTED_HERE=1
    fi
    # Odoo refuses to connect as 'postgres': it uses its own role.
    if ! "$bin/psql" -h "$base" -p "$PG_PORT" -U postgres -d postgres -tAc \
            "SELECT 1 FROM pg_roles WHERE rolname='odoo'" | grep -q 1; then
        "$bin/psql" -h "$base" -p "$PG_PORT" -U postgres -d postgres -qc \
            "CREATE ROLE odoo LOGIN CREATEDB" >/dev/null
    fi
}

# At the end of a command: stop the cluster only if this command started it,
# so that a 'make test' does not stop the database under a running 'make run'.
pg_stop_if_started() {
    [ "${PG_STARTED_HERE:-0}" = 1 ] && pg_stop
    return 0
}

pg_stop() {
    external_pg && return 0
    local bin base
    bin="$(pg_bin)"
    base="$(pg_base)"
    [ -d "$base/data" ] || return 0
    as_pg_owner "$bin/pg_ctl" -D "$base/data" -m fast -w stop >/dev/null 2>&1 || true
}

# Connection settings for Odoo and psql.
pg_env() {
    if external_pg; then
        DB_HOST="$PGHOST"; DB_PORT="${PGPORT:-5432}"; DB_USER="${PGUSER:-$(id -un)}"
        DB_PASSWORD="${PGPASSWORD:-False}"
    else
        DB_HOST="$(pg_base)"; DB_PORT="$PG_PORT"; DB_USER=odoo; DB_PASSWORD=False
    fi
}

psql_run() {
    pg_env
    PGPASSWORD="${PGPASSWORD:-}" "$(pg_bin)/psql" -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" \
        -d postgres -v ON_ERROR_STOP=1 "$@"
}

db_exists() {
    psql_run -tAc "SELECT 1 FROM pg_database WHERE datname='$1'" | grep -q 1
}

# --------------------------------------------------------------------------
# Odoo
# --------------------------------------------------------------------------

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

odoo() {
    PATH="$NODE_DIR/node_modules/.bin:$PATH" "$VENV/bin/python" "$ROOT/tools/odoo-bin" "$@"
}

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

addon_state() {
    pg_env
    PGPASSWORD="${PGPASSWORD:-}" "$(pg_bin)/psql" -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" \
        -d "$1" -tAc "SELECT state FROM ir_module_module WHERE name = '$ADDON'" 2>/dev/null || true
}

cmd_lint() {
    mkdir -p "$LOCAL"
    setup_lint
    say "flake8"
    local paths=() dir
    for dir in "$ADDON" tests_rpc tests_browser bench docs tools/odoo-bin tools/po_untranslated.py \
            tools/screenshots.py tools/odoo_suites.py tools/dbtool.py setup/omnia_customer/setup.py; do
        [ -e "$ROOT/$dir" ] && paths+=("$ROOT/$dir")
    done
    (cd "$ROOT" && "$LINT_VENV/bin/flake8" "${paths[@]}") || die "flake8 found problems (listed above)."
    say "pylint-odoo"
    "$LINT_VENV/bin/pylint" --rcfile="$ROOT/.pylintrc" "$ROOT/$ADDON" \
        || die "pylint-odoo found problems (listed above)."
}

cmd_test() {
    setup
    cmd_lint
    pg_start
    local db="${TEST_DB:-omnia_test_$$}"
    [ "$db" = omnia ] && die "the tests never run on the 'omnia' database."
    trap "stop_server; psql_run -qc 'DROP DATABASE IF EXISTS \"$db\"' >/dev/null 2>&1 || true; drop_db \"${db}_nomod\"; drop_db \"${db}_rpc\"; drop_db \"${db}_backup\"; pg_stop_if_started" EXIT
    local port log
    port="$(free_port)"
    mkdir -p "$LOCAL/test"
    write_config "$LOCAL/test/odoo.conf" "$port"
    log="$LOCAL/test/install.log"
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

    # The benchmark at smoke size keeps it from rotting: an error fails the
    # test run, a ratio does not (ratios of a tiny database are noise).
    local scale="${BENCH_SMOKE_SCALE:-0.002}"
    say "the benchmark at smoke size $scale (log: .local/test/bench.log)"
    if ! "$VENV/bin/python" "$ROOT/bench/bench.py" --config "$LOCAL/test/odoo.conf" \
            --scale "$scale" --base-template "${db}_nomod" --addon-template "$db" \
            --port "$(free_port)" --out "$LOCAL/test/bench-results.json" \
            >"$LOCAL/test/bench.out" 2>"$LOCAL/test/bench.log"; then
        tail -n 30 "$LOCAL/test/bench.log" >&2
        die "the benchmark at smoke size stopped on an error (see .local/test/bench.log)."
    fi
    cat "$LOCAL/test/bench.out" >&2
    psql_run -qc "DROP DATABASE IF EXISTS \"${db}_nomod\""

    say "browser tests on a copy of '$db' (screenshots of failures: test-artifacts/)"
    local browser_rc=0
    run_browser_tests "$db" || browser_rc=$?
    [ "$browser_rc" = 0 ] || say "the browser tests failed (above); the unit tests still run"

    # The uninstall, XML-RPC and backup tests change the database they run
    # on: they work on copies, so that the unit tests, last, see it as installed.
    uninstall_test "$db"
    local rpc_rc=0
    copy_db "$db" "${db}_rpc"
    rpc_tests "${db}_rpc" || rpc_rc=$?
    drop_db "${db}_rpc"
    copy_db "$db" "${db}_backup"
    backup_restore_test "${db}_backup"
    drop_db "${db}_backup"

    say "the addon's tests under pytest-odoo on '$db'"
    cd "$ROOT"
    rc=0
    "$VENV/bin/python" -m pytest --odoo-database="$db" \
        --odoo-config="$LOCAL/test/odoo.conf" "$ROOT/$ADDON/tests" || rc=$?
    [ "$rc" = 0 ] && rc="$browser_rc"
    [ "$rc" = 0 ] && rc="$rpc_rc"
    return "$rc"
}

# Copy database $1 with its filestore to $2.
copy_db() {
    drop_db "$2"
    psql_run -qc "CREATE DATABASE \"$2\" TEMPLATE \"$1\"" >/dev/null
    if [ -d "$LOCAL/filestore/filestore/$1" ]; then
        cp -a "$LOCAL/filestore/filestore/$1" "$LOCAL/filestore/filestore/$2"
    fi
}

# Browser tests (tests_browser/): they start their own Odoo on a free port, on
# a copy of the database given (or a new one with demo data when none is).
run_browser_tests() {
    (cd "$ROOT" && OMNIA_ODOO_CONFIG="$LOCAL/test/odoo.conf" OMNIA_TEMPLATE_DB="${1:-}" \
        "$BROWSER_VENV/bin/python" -m pytest --tb=short "$ROOT/tests_browser")
}

cmd_browser() {
    setup
    pg_start
    trap pg_stop_if_started EXIT
    mkdir -p "$LOCAL/test"
    write_config "$LOCAL/test/odoo.conf" "$(free_port)"
    run_browser_tests ""
}

cmd_screenshots() {
    setup
    pg_start
    trap pg_stop_if_started EXIT
    mkdir -p "$LOCAL/test"
    write_config "$LOCAL/test/odoo.conf" "$(free_port)"
    say "taking the screenshots of docs/ on a new database with demo data"
    (cd "$ROOT" && OMNIA_ODOO_CONFIG="$LOCAL/test/odoo.conf" \
        "$BROWSER_VENV/bin/python" "$ROOT/tools/screenshots.py") \
        || die "taking the screenshots failed (see above)."
}

# The translation template from Odoo's own export (a new database without
# demo data), merged into each translation when gettext is there.
cmd_pot() {
    setup
    pg_start
    local db="omnia_pot_$$" i18n="$ROOT/$ADDON/i18n"
    trap "psql_run -qc 'DROP DATABASE IF EXISTS \"$db\"' >/dev/null 2>&1 || true; pg_stop_if_started" EXIT
    mkdir -p "$LOCAL/test" "$i18n"
    write_config "$LOCAL/test/odoo.conf" "$(free_port)"
    say "installing $ADDON without demo data on '$db' (log: .local/test/pot.log)"
    odoo -c "$LOCAL/test/odoo.conf" -d "$db" -i "$ADDON" --without-demo=all --stop-after-init \
        --no-http --logfile="$LOCAL/test/pot.log" \
        || die "installing $ADDON failed (see .local/test/pot.log)."
    say "exporting $ADDON/i18n/$ADDON.pot"
    # Odoo writes a template for a .po name when no language is given.
    odoo -c "$LOCAL/test/odoo.conf" -d "$db" --i18n-export="$LOCAL/test/$ADDON.po" \
        --modules="$ADDON" --stop-after-init --no-http --logfile="$LOCAL/test/pot.log" \
        2>>"$LOCAL/test/pot.log" || die "exporting the translation template failed (see .local/test/pot.log)."
    mv "$LOCAL/test/$ADDON.po" "$i18n/$ADDON.pot"
    command -v msgmerge >/dev/null || die "msgmerge not found: the template is current, the translations were not merged; install Debian's 'gettext' package."
    local po
    for po in "$i18n"/*.po; do
        [ -e "$po" ] || continue
        msgmerge --quiet --update --backup=none --no-fuzzy-matching --no-wrap "$po" "$i18n/$ADDON.pot" \
            || die "msgmerge failed on $po."
        say "$(basename "$po"): $("$VENV/bin/python" "$ROOT/tools/po_untranslated.py" --count "$po") untranslated (list: tools/po_untranslated.py $ADDON/i18n/$(basename "$po"))"
    done
}


# The tests of tests_rpc/ talk XML-RPC to a real server on database $1.
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
    "$VENV/bin/python" - "$port" <<'EOF' || die "the server did not answer (see $log)."
import sys, time, urllib.request
for _ in range(240):
    try:
        urllib.request.urlopen("http://127.0.0.1:%s/web/login" % sys.argv[1], timeout=5)
        sys.exit(0)
    except Exception:
        time.sleep(0.5)
sys.exit(1)
EOF
}

rpc_tests() {
    local db="$1" port rc=0
    port="$(free_port)"
    write_config "$LOCAL/test/odoo-rpc.conf" "$port"
    say "XML-RPC tests against a running server on '$db' (log: .local/test/rpc-server.log)"
    start_server "$db" "$LOCAL/test/odoo-rpc.conf" "$LOCAL/test/rpc-server.log" "$port"
    pg_env
    PGHOST="$DB_HOST" PGPORT="$DB_PORT" PGUSER="$DB_USER" PGPASSWORD="${PGPASSWORD:-}" \
        ODOO_URL="http://127.0.0.1:$port" ODOO_DB="$db" ODOO_CONFIG="$LOCAL/test/odoo-rpc.conf" \
        "$VENV/bin/python" -m pytest -p no:odoo "$ROOT/tests_rpc" || rc=$?
    stop_server
    return "$rc"
}

# --------------------------------------------------------------------------
# Backup, restore, uninstall and upgrade checks
# --------------------------------------------------------------------------

dbtool() { "$VENV/bin/python" "$ROOT/tools/dbtool.py" "$@"; }

pg_running() {
    external_pg && return 0
    as_pg_owner "$(pg_bin)/pg_ctl" -D "$(pg_base)/data" status >/dev/null 2>&1
}

# Start the cluster for a command; stop it afterwards only if it was not
# running before (a 'make run' may be using it).
pg_start_for_command() {
    if pg_running; then
        trap - EXIT
    else
        pg_start
        trap pg_stop EXIT
    fi
}

cmd_backup() {
    setup
    pg_start_for_command
    db_exists "$DB_NAME" || die "there is no database '$DB_NAME' to back up."
    local file="${BACKUP:-$LOCAL/backups/$DB_NAME-$(date -u +%Y%m%d-%H%M%S).zip}"
    mkdir -p "$(dirname "$file")"
    write_config "$LOCAL/odoo-tools.conf" "$ODOO_PORT"
    say "backing up database '$DB_NAME' and its filestore"
    dbtool -c "$LOCAL/odoo-tools.conf" backup "$DB_NAME" "$file" \
        || die "the backup of '$DB_NAME' failed (see above)."
    say "backup written to $file"
}

cmd_restore() {
    setup
    [ -n "${BACKUP:-}" ] && [ -f "$BACKUP" ] || die "name the backup file: make restore BACKUP=path/to/file.zip"
    pg_start_for_command
    write_config "$LOCAL/odoo-tools.conf" "$ODOO_PORT"
    if db_exists "$DB_NAME"; then
        # the current database is kept under another name, never dropped
        local kept="${DB_NAME}_before_restore_$(date -u +%Y%m%d_%H%M%S)"
        psql_run -qc "ALTER DATABASE \"$DB_NAME\" RENAME TO \"$kept\"" >/dev/null 2>&1 \
            || die "database '$DB_NAME' is in use; stop 'make run' first."
        local store="$LOCAL/filestore/filestore"
        [ -d "$store/$DB_NAME" ] && mv "$store/$DB_NAME" "$store/$kept"
        say "the current '$DB_NAME' is kept as '$kept' (drop it when no longer needed)"
    fi
    say "restoring $BACKUP into database '$DB_NAME'"
    dbtool -c "$LOCAL/odoo-tools.conf" restore "$BACKUP" "$DB_NAME" \
        || die "the restore failed (see above)."
    say "restored; 'make run' serves it"
}

drop_db() {
    psql_run -qc "DROP DATABASE IF EXISTS \"$1\"" >/dev/null 2>&1 || true
    rm -rf "$LOCAL/filestore/filestore/$1"
}

# Back up database $1, change it, restore the backup under a new name and
# compare the restored database with the original at backup time.
backup_restore_test() {
    local db="$1" dir="$LOCAL/test/backup" conf="$LOCAL/test/odoo.conf"
    local restored="${db}_restored"
    say "backup and restore of '$db' (database and filestore), compared"
    rm -rf "$dir"
    mkdir -p "$dir"
    dbtool -c "$conf" seed "$db" >&2
    dbtool -c "$conf" snapshot "$db" "$dir/at-backup.json"
    dbtool -c "$conf" backup "$db" "$dir/backup.zip" || die "the backup failed."
    # changes after the backup: the restore must not have them
    psql_run -d "$db" -qc "UPDATE res_partner SET name = name || ' (changed)';
        DELETE FROM omnia_feedback_action;" >/dev/null
    mkdir -p "$LOCAL/filestore/filestore/$db/zz"
    echo "made after the backup" >"$LOCAL/filestore/filestore/$db/zz/after-backup"
    dbtool -c "$conf" snapshot "$db" "$dir/changed.json"
    if dbtool compare "$dir/at-backup.json" "$dir/changed.json" >/dev/null; then
        die "the comparison did not see the changes made after the backup."
    fi
    drop_db "$restored"
    dbtool -c "$conf" restore "$dir/backup.zip" "$restored" || die "the restore failed."
    dbtool -c "$conf" snapshot "$restored" "$dir/restored.json"
    local rc=0
    dbtool compare "$dir/at-backup.json" "$dir/restored.json" >&2 || rc=$?
    drop_db "$restored"
    [ "$rc" = 0 ] || die "the restored database differs from the backed-up one (above)."
}

# Uninstall the addon on a copy of database $1: Odoo's own records stay and
# Odoo still works.
uninstall_test() {
    local db="$1" dir="$LOCAL/test/uninstall" conf="$LOCAL/test/odoo.conf"
    local copy="${db}_uninstall"
    say "uninstalling $ADDON on a copy of '$db'"
    rm -rf "$dir"
    mkdir -p "$dir"
    drop_db "$copy"
    psql_run -qc "CREATE DATABASE \"$copy\" TEMPLATE \"$db\"" >/dev/null
    [ -d "$LOCAL/filestore/filestore/$db" ] \
        && cp -a "$LOCAL/filestore/filestore/$db" "$LOCAL/filestore/filestore/$copy"
    dbtool -c "$conf" seed "$copy" >&2
    dbtool -c "$conf" counts "$copy" "$dir/before.json" --without-xmlids-of "$ADDON"
    local rc=0
    dbtool -c "$conf" uninstall "$copy" "$ADDON" >"$dir/uninstall.log" 2>&1 || rc=$?
    if [ "$rc" = 0 ]; then
        dbtool -c "$conf" counts "$copy" "$dir/after.json"
        dbtool kept "$dir/before.json" "$dir/after.json" >&2 || rc=$?
    else
        tail -20 "$dir/uninstall.log" >&2
    fi
    drop_db "$copy"
    [ "$rc" = 0 ] || die "uninstalling $ADDON lost Odoo's data or broke the database (above; .local/test/uninstall/)."
}

# Odoo's own test suites on a database without the addon and on a copy with
# it (both with demo data); any test whose outcome differs fails the run.
ODOO_SUITES="${ODOO_SUITES:-base,mail,contacts,crm,calendar,survey}"

cmd_test_odoo() {
    setup
    pg_start
    local without="omnia_suites_without_$$" with="omnia_suites_with_$$"
    local dir="$LOCAL/test-odoo" store="$LOCAL/filestore/filestore"
    trap "psql_run -qc 'DROP DATABASE IF EXISTS \"$without\"' >/dev/null 2>&1 || true; \
          psql_run -qc 'DROP DATABASE IF EXISTS \"$with\"' >/dev/null 2>&1 || true; \
          rm -rf '$store/$without' '$store/$with'; pg_stop_if_started" EXIT
    mkdir -p "$dir"
    rm -f "$dir"/*.json
    write_config "$dir/odoo.conf" "$(free_port)"
    local t0=$SECONDS depends
    # exactly the addon's dependencies, so that the addon is the only difference
    depends="$("$VENV/bin/python" -c "import ast; print(','.join(ast.literal_eval(open('$ROOT/$ADDON/__manifest__.py').read())['depends']))")"
    say "installing Odoo's $depends with demo data on '$without'"
    odoo -c "$dir/odoo.conf" -d "$without" -i "$depends" --stop-after-init --no-http \
        --logfile="$dir/install-without.log" \
        || die "installing Odoo's own modules failed (see .local/test-odoo/install-without.log)."
    say "copying it to '$with' and installing $ADDON with its demo data there"
    psql_run -qc "CREATE DATABASE \"$with\" TEMPLATE \"$without\"" >/dev/null
    [ -d "$store/$without" ] && cp -a "$store/$without" "$store/$with"
    odoo -c "$dir/odoo.conf" -d "$with" -i "$ADDON" --stop-after-init --no-http \
        --logfile="$dir/install-with.log" \
        || die "installing $ADDON failed (see .local/test-odoo/install-with.log)."
    local db
    for db in "$without" "$with"; do
        say "Odoo's own tests of $ODOO_SUITES on '$db' (log: .local/test-odoo/${db%_$$}.log)"
        write_config "$dir/odoo.conf" "$(free_port)"
        "$VENV/bin/python" "$ROOT/tools/odoo_suites.py" -c "$dir/odoo.conf" -d "$db" \
            -m "$ODOO_SUITES" -o "$dir/${db%_$$}.json" 2>"$dir/${db%_$$}.log" \
            || die "the test run on '$db' broke off (see .local/test-odoo/${db%_$$}.log)."
    done
    say "outcomes without and with $ADDON ($((SECONDS - t0)) s in all)"
    "$VENV/bin/python" "$ROOT/tools/odoo_suites.py" \
        --compare "$dir/omnia_suites_without.json" "$dir/omnia_suites_with.json" \
        || die "$ADDON changes the outcome of Odoo's own tests (listed above)."
}

# sourced by tools/upgrade_test.sh for its functions
[ "${BASH_SOURCE[0]}" = "$0" ] || return 0

# The benchmark (bench/README.md): BENCH_SCALE=1.0 is the full size.
cmd_bench() {
    setup
    pg_start
    trap pg_stop_if_started EXIT
    mkdir -p "$LOCAL/bench"
    write_config "$LOCAL/bench/odoo.conf" "$ODOO_PORT"
    say "benchmark at scale ${BENCH_SCALE:-1.0} (log of the installs and server: .local/bench/)"
    "$VENV/bin/python" "$ROOT/bench/bench.py" --config "$LOCAL/bench/odoo.conf" \
        --scale "${BENCH_SCALE:-1.0}" --port "$ODOO_PORT" ${BENCH_ARGS:-} \
        || die "the benchmark stopped on an error (see above)."
}

case "${1:-}" in
    setup) setup ;;
    run) cmd_run ;;
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
    pg-stop) pg_stop ;;
    psql) shift; setup; pg_start; pg_env; psql_run "$@" ;;
    *) die "usage: tools/dev.sh setup|run|test|bench|test-odoo|backup|restore|browser|screenshots|pot|lint|pg-start|pg-stop|psql" ;;
esac
