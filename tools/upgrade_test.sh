#!/usr/bin/env bash
# Upgrade test: tools/upgrade_test.sh [PREVIOUS]
#
# Installs the addon as it was at PREVIOUS (a version listed in RELEASES, or
# any git revision) with its demo data on a throwaway database, edits some of
# its noupdate records as a user would, upgrades the database to the code of
# this checkout (-u omnia_customer) and checks that no record of any model
# was lost and that the user's edits were kept. Without PREVIOUS it takes the
# newest release in RELEASES older than this checkout's manifest version,
# and fails when there is none (the first release has nothing to upgrade
# from: RELEASES then lists no older version, and the test says so and
# passes only for 11.0.1.0.0).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ADDON=omnia_customer
PREVIOUS="${1:-}"
FIRST_RELEASE=11.0.1.0.0

die() { echo "error: $*" >&2; exit 1; }
say() { echo "==> $*" >&2; }

current="$(sed -n 's/^ *"version": *"\([0-9.]*\)".*/\1/p' "$ROOT/$ADDON/__manifest__.py")"
if [ -z "$PREVIOUS" ]; then
    [ -f "$ROOT/RELEASES" ] || die "RELEASES, the list of released versions, is missing."
    # the newest listed version older than the manifest's
    PREVIOUS="$(grep -v '^#' "$ROOT/RELEASES" | awk 'NF == 2 {print $1, $2}' \
        | while read -r version commit; do
              if [ "$version" != "$current" ] && [ "$(printf '%s\n%s\n' "$version" "$current" \
                      | sort -V | head -1)" = "$version" ]; then
                  echo "$version $commit"
              fi
          done | sort -V | tail -1 | cut -d' ' -f2)"
    if [ -z "$PREVIOUS" ]; then
        if [ "$current" = "$FIRST_RELEASE" ]; then
            say "$current is the first release: no previous release to upgrade from."
            exit 0
        fi
        die "RELEASES lists no release older than $current: add the previous release's commit."
    fi
    say "previous release: $(grep -v '^#' "$ROOT/RELEASES" | grep " $PREVIOUS\$" | cut -d' ' -f1) ($PREVIOUS), upgrading to $current"
fi
git -C "$ROOT" rev-parse --verify -q "$PREVIOUS^{commit}" >/dev/null \
    || die "'$PREVIOUS' is not a tag or revision of this repository."

# the set-up, cluster and Odoo of tools/dev.sh
# shellcheck source=tools/dev.sh
source "$ROOT/tools/dev.sh"
setup
work="$LOCAL/upgrade-test"
db="omnia_upgrade_$$"
old_addons="$work/previous"
if pg_running; then
    trap 'drop_db "$db"' EXIT
else
    pg_start
    trap 'drop_db "$db"; pg_stop' EXIT
fi
rm -rf "$work"
mkdir -p "$old_addons"

say "the addon at $PREVIOUS ($(git -C "$ROOT" rev-parse --short "$PREVIOUS"))"
git -C "$ROOT" archive "$PREVIOUS" "$ADDON" | tar -x -C "$old_addons"

# a configuration whose addons path has the previous addon instead of ours
write_config "$work/odoo.conf" "$(free_port)"
sed -i "s#^addons_path = $ROOT,#addons_path = $old_addons,#" "$work/odoo.conf"
grep -q "^addons_path = $old_addons," "$work/odoo.conf" || die "could not point the addons path at $PREVIOUS."

say "installing it with its demo data on '$db'"
odoo -c "$work/odoo.conf" -d "$db" -i "$ADDON" --stop-after-init --no-http \
    --logfile="$work/install.log" || die "installing $PREVIOUS failed (see $work/install.log)."

say "editing its noupdate records as a user would, recording every record"
"$VENV/bin/python" - "$work/odoo.conf" "$db" "$work/before.json" <<'EOF'
import json, sys
import odoo
odoo.tools.config.parse_config(["-c", sys.argv[1], "--log-level=warn"])
registry = odoo.registry(sys.argv[2])
with odoo.api.Environment.manage(), registry.cursor() as cr:
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
    data = env["ir.model.data"].search([("module", "=", "omnia_customer")])
    records = {}
    for model in sorted(set(data.mapped("model"))):
        if model.startswith("ir.") or model not in env or env[model]._abstract:
            continue
        # virtual_id=False: real ids of recurring calendar events, not their
        # virtual occurrence ids
        Model = env[model].with_context(active_test=False, virtual_id=False)
        records[model] = sorted(Model.search([]).ids)
    edits = {}
    for item in data.filtered("noupdate"):
        Model = env[item.model]
        if "name" in Model._fields and Model._fields["name"].type == "char" \
                and item.model.startswith("omnia.") and len(edits) < 5:
            record = Model.browse(item.res_id)
            record.name = "%s (edited by a user)" % record.name
            edits["%s,%d" % (item.model, item.res_id)] = record.name
    json.dump({"records": records, "edits": edits},
              open(sys.argv[3], "w"), indent=1, sort_keys=True)
    print("%d models, %d records, %d user edits" % (
        len(records), sum(len(v) for v in records.values()), len(edits)))
EOF

# Odoo's modules this checkout newly depends on (e.g. mass_mailing) are
# installed first, with the previous release's code: Odoo 11 loads a module
# to upgrade before the modules it is to install, and logs its new
# dependencies as unmet (an error) although it then installs them.
new_deps="$(new_depends "$db")"
if [ -n "$new_deps" ]; then
    say "installing the modules it newly depends on first: $new_deps"
    odoo -c "$work/odoo.conf" -d "$db" -i "$new_deps" --stop-after-init --no-http \
        --logfile="$work/new-depends.log" || die "installing $new_deps failed (see $work/new-depends.log)."
fi

say "upgrading '$db' to this checkout's code (-u $ADDON)"
write_config "$work/odoo-current.conf" "$(free_port)"
odoo -c "$work/odoo-current.conf" -d "$db" -u "$ADDON" --stop-after-init --no-http \
    --logfile="$work/upgrade.log" || die "the upgrade failed (see $work/upgrade.log)."
if grep -E "(ERROR|CRITICAL) $db " "$work/upgrade.log" >&2; then
    die "the upgrade logged errors (above; $work/upgrade.log)."
fi

say "comparing"
"$VENV/bin/python" - "$work/odoo-current.conf" "$db" "$work/before.json" <<'EOF'
import json, sys
import odoo
odoo.tools.config.parse_config(["-c", sys.argv[1], "--log-level=warn"])
before = json.load(open(sys.argv[3]))
registry = odoo.registry(sys.argv[2])
problems = []
with odoo.api.Environment.manage(), registry.cursor() as cr:
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
    kept = 0
    for model, ids in sorted(before["records"].items()):
        if model not in env:
            problems.append("model %s is gone" % model)
            continue
        found = set(env[model].with_context(active_test=False, virtual_id=False)
                    .search([("id", "in", ids)]).ids)
        lost = sorted(set(ids) - found)
        kept += len(found)
        if lost:
            problems.append("%s: %d records lost %s" % (model, len(lost), lost[:10]))
    for key, name in sorted(before["edits"].items()):
        model, res_id = key.split(",")
        now = env[model].browse(int(res_id)).name
        if now != name:
            problems.append("user edit of %s lost: %r became %r" % (key, name, now))
    print("%d records of %d models kept, %d user edits checked, %d problems"
          % (kept, len(before["records"]), len(before["edits"]), len(problems)))
for problem in problems:
    print("  " + problem)
sys.exit(1 if problems else 0)
EOF
say "the upgrade from $PREVIOUS kept every record and every user edit"
