# Stage of make test: back up a copy of database $1, change it, restore the
# backup under a new name and compare the restored database, table by table
# and file by file, with the original at backup time. The backup and restore
# are those of make backup and make restore (tools/commands/backup.sh); the
# snapshots and their comparison are tools/dbtool.py's.

stage_backup_restore() {
    local db="${1}_backup" dir="$LOCAL/test/backup" conf="$LOCAL/test/odoo.conf"
    local restored="${1}_backup_restored"
    copy_db "$1" "$db"
    say "backup and restore of '$db' (database and filestore), compared"
    rm -rf "$dir"
    mkdir -p "$dir"
    dbtool -c "$conf" seed "$db" >&2
    dbtool -c "$conf" snapshot "$db" "$dir/at-backup.json"
    backup_db "$conf" "$db" "$dir/backup.zip" "$dir/backup.log" \
        || die "the backup failed (see .local/test/backup/backup.log)."
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
    restore_db "$conf" "$dir/backup.zip" "$restored" "$dir/restore.log" \
        || die "the restore failed (see .local/test/backup/restore.log)."
    dbtool -c "$conf" snapshot "$restored" "$dir/restored.json"
    local rc=0
    dbtool compare "$dir/at-backup.json" "$dir/restored.json" >&2 || rc=$?
    drop_db "$restored"
    drop_db "$db"
    [ "$rc" = 0 ] || die "the restored database differs from the backed-up one (above)."
}
