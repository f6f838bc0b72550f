# make backup and make restore: Odoo's own backup file (dump.sql, filestore/,
# manifest.json) of DB_NAME, and its restore; made and read by ACSONE's
# click-odoo-backupdb and click-odoo-restoredb.

# backup_db CONF DB FILE LOG: the backup of DB (database and filestore) in
# FILE; Odoo's messages (a traceback on failure) go to LOG.
backup_db() {
    local conf="$1" db="$2" file="$3" log="$4"
    # --force: a file of that name is replaced, as Odoo's own backup did
    click_odoo backupdb -c "$conf" --logfile "$log" --force "$db" "$file" >&2 || return 1
    # click-odoo-backupdb zips whatever pg_dump printed without looking at
    # its exit status: a dump cut short would otherwise pass unnoticed.
    dbtool verify "$file"
}

# restore_db CONF FILE DB LOG: the backup FILE restored into DB, which must
# not exist; Odoo's messages go to LOG. --move: the database itself comes
# back (its uuid and secret kept, as the table-by-table comparison of make
# test expects), not a copy of it.
restore_db() {
    click_odoo restoredb -c "$1" --logfile "$4" --move "$3" "$2"
}

cmd_backup() {
    setup
    pg_start_for_command
    db_exists "$DB_NAME" || die "there is no database '$DB_NAME' to back up."
    local file="${BACKUP:-$LOCAL/backups/$DB_NAME-$(date -u +%Y%m%d-%H%M%S).zip}"
    mkdir -p "$(dirname "$file")"
    write_config "$LOCAL/odoo-tools.conf" "$ODOO_PORT"
    say "backing up database '$DB_NAME' and its filestore"
    backup_db "$LOCAL/odoo-tools.conf" "$DB_NAME" "$file" "$LOCAL/backup.log" \
        || die "the backup of '$DB_NAME' failed (see above and .local/backup.log)."
    say "backup written to $file"
}

cmd_restore() {
    setup
    [ -n "${BACKUP:-}" ] && [ -f "$BACKUP" ] || die "name the backup file: make restore BACKUP=path/to/file.zip"
    pg_start_for_command
    write_config "$LOCAL/odoo-tools.conf" "$ODOO_PORT"
    if db_exists "$DB_NAME"; then
        # The current database is kept under another name, never dropped:
        # click-odoo-restoredb can only refuse an existing database or drop
        # it (--force), so the renaming is ours.
        local kept="${DB_NAME}_before_restore_$(date -u +%Y%m%d_%H%M%S)"
        psql_run -qc "ALTER DATABASE \"$DB_NAME\" RENAME TO \"$kept\"" >/dev/null 2>&1 \
            || die "database '$DB_NAME' is in use; stop 'make run' first."
        local store="$LOCAL/filestore/filestore"
        [ -d "$store/$DB_NAME" ] && mv "$store/$DB_NAME" "$store/$kept"
        say "the current '$DB_NAME' is kept as '$kept' (drop it when no longer needed)"
    fi
    say "restoring $BACKUP into database '$DB_NAME'"
    restore_db "$LOCAL/odoo-tools.conf" "$BACKUP" "$DB_NAME" "$LOCAL/restore.log" \
        || die "the restore failed (see above and .local/restore.log)."
    say "restored; 'make run' serves it"
}
