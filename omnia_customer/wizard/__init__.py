from . import survey_mail_compose_message
