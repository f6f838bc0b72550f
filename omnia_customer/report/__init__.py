from . import omnia_feedback_report
