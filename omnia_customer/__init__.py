from . import models
from . import report
from . import wizard
from . import xmlrpc_faults
from .hooks import uninstall_hook
