# make pot: the translation template from Odoo's own export (a new database
# without demo data, from click-odoo-initdb), merged into each translation
# when gettext is there.

cmd_pot() {
    setup
    pg_start
    local db="omnia_pot_$$" i18n="$ROOT/$ADDON/i18n" conf="$LOCAL/test/odoo.conf"
    # shellcheck disable=SC2064  # the name is fixed now
    trap "drop_db '$db'; pg_stop_if_started" EXIT
    mkdir -p "$LOCAL/test" "$i18n"
    write_config "$conf" "$(free_port)"
    say "$ADDON without demo data on '$db' (log: .local/test/pot.log)"
    new_addon_db "$conf" "$db" "$LOCAL/test/pot.log" --no-demo
    say "exporting $ADDON/i18n/$ADDON.pot (click-odoo-makepot)"
    # click-odoo-makepot writes the template with Odoo's own export, less the
    # dates of its header (an unchanged template is an unchanged file), and
    # checks that each .po can be merged. The merge is ours, below: its
    # msgmerge would rewrap every long line of the translations.
    if ! click_odoo makepot -c "$conf" -d "$db" --logfile "$LOCAL/test/pot.log" \
            --addons-dir "$ROOT" -m "$ADDON" --no-msgmerge --no-commit; then
        command -v msgmerge >/dev/null || die "msgmerge not found: the template is current, the translations were not merged; install Debian's 'gettext' package."
        die "exporting the translation template failed (see above and .local/test/pot.log)."
    fi
    local po
    for po in "$i18n"/*.po; do
        [ -e "$po" ] || continue
        msgmerge --quiet --update --backup=none --no-fuzzy-matching --no-wrap "$po" "$i18n/$ADDON.pot" \
            || die "msgmerge failed on $po."
        say "$(basename "$po"): $("$VENV/bin/python" "$ROOT/tools/po_untranslated.py" --count "$po") untranslated (list: tools/po_untranslated.py $ADDON/i18n/$(basename "$po"))"
    done
}
