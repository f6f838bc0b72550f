from . import test_security_groups
from . import test_feedback
from . import test_feedback_survey
from . import test_feedback_import
from . import test_feedback_meeting
from . import test_feedback_access
from . import test_feedback_report
