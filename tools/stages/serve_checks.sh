# Stage of make test: make serve's messages for bad settings (a busy port,
# a missing nginx, WORKERS=0 or not a number, ...) and tools/serve.py's
# options and nginx configuration (tests_tools/, a few seconds). A failure
# fails make test at the end; the later stages still run.

stage_serve_checks() {
    say "make serve's settings and tools/serve.py (tests_tools/)"
    if ! (cd "$ROOT" && "$BROWSER_VENV/bin/python" -m pytest -q --tb=short -p no:cacheprovider \
            "$ROOT/tests_tools"); then
        say "the checks of make serve failed (above); the other stages still run"
        stage_failed "make serve checks"
    fi
}
