# Stage of make test, the last: the addon's own tests, once, under pytest
# (pytest-odoo) on database $1 as installed. Their summary line ends the
# output of make test; CI reads it.

stage_unit() {
    local db="$1"
    say "the addon's tests under pytest-odoo on '$db'"
    cd "$ROOT"
    "$VENV/bin/python" -m pytest --odoo-database="$db" \
        --odoo-config="$LOCAL/test/odoo.conf" "$ROOT/$ADDON/tests"
}
