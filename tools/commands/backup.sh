# make backup and make restore: Odoo's own backup file (dump.sql, filestore/,
# manifest.json) of DB_NAME, and its restore.

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
