# Paths, settings and messages shared by every part of the tools.
# Sourced by tools/dev.sh; every failure ends in one sentence on stderr
# (die) and a non-zero exit, never in a traceback.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL="$ROOT/.local"
VENV="$ROOT/.venv"
LINT_VENV="$LOCAL/lint-venv"
BROWSER_VENV="$LOCAL/browser-venv"
NODE_DIR="$LOCAL/node"
ADDON=omnia_customer
ODOO_PORT="${ODOO_PORT:-8069}"
DB_NAME="${DB_NAME:-omnia}"
PG_PORT=5432
# Odoo's own modules the addon builds on (the benchmark's database without it)
DEPENDS=contacts,crm,calendar,survey

die() { echo "error: $*" >&2; exit 1; }
say() { echo "==> $*" >&2; }

is_root() { [ "$(id -u)" = 0 ]; }
