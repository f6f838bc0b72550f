# Stage of make test: uninstall the addon on a copy of database $1; Odoo's own
# records stay and Odoo still works.

stage_uninstall() {
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
