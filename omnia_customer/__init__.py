from . import models
from . import report
from . import wizard
from .hooks import post_init_hook, uninstall_hook


def post_load():
    """Server-wide: readable RPC faults, no tracebacks for staff (see
    rpc_errors)."""
    from . import rpc_errors
    rpc_errors.install()
