from . import omnia_industry
from . import omnia_segment
from . import omnia_work_type
from . import res_partner
from . import calendar_event
from . import omnia_cluster
from . import res_config_settings
