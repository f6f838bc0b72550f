from . import survey_mail_compose_message
from . import omnia_customer_reassign
from . import base_partner_merge_automatic_wizard
