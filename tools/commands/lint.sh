# make lint: flake8 and pylint-odoo, in their own environment on the
# machine's current Python.

cmd_lint() {
    mkdir -p "$LOCAL"
    setup_lint
    say "flake8"
    local paths=() dir
    for dir in "$ADDON" tests_rpc tests_browser bench docs tools/odoo-bin tools/po_untranslated.py \
            tools/screenshots.py tools/serve.py tools/odoo_suites.py tools/dbtool.py setup/omnia_customer/setup.py; do
        [ -e "$ROOT/$dir" ] && paths+=("$ROOT/$dir")
    done
    (cd "$ROOT" && "$LINT_VENV/bin/flake8" "${paths[@]}") || die "flake8 found problems (listed above)."
    say "pylint-odoo"
    "$LINT_VENV/bin/pylint" --rcfile="$ROOT/.pylintrc" "$ROOT/$ADDON" \
        || die "pylint-odoo found problems (listed above)."
}
