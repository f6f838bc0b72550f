from . import omnia_report_mixin
from . import omnia_feedback_report
from . import omnia_work_hours_report
from . import omnia_offer_report
from . import omnia_target_report
from . import omnia_usage_report
from . import omnia_resource_week_report
