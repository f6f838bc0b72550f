# Set-up: the Debian packages, the Python 3.7 environment with Odoo 11 (.venv/),
# lessc and the tool environments of lint and the browser tests. Each part
# is installed only when absent or when its pinned list changed.

# Debian packages the project needs; installed only when absent.
APT_PACKAGES="libldap2-dev libsasl2-dev postgresql wkhtmltopdf poppler-utils chromium gettext nginx"

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
    # RUNLEVEL=1: the postgresql and nginx packages must not start a system
    # cluster or web server: the project runs its own (make run, make serve).
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
