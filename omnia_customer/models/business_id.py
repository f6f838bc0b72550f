# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Finnish business ID (Y-tunnus) and the names of companies, as the
customer records compare them: plain functions, no database."""
import re

# A business ID as stored: seven digits, a hyphen, the check digit.
BUSINESS_ID_PATTERN = re.compile(r"^\d{7}-\d$")
# The weights of the seven digits in the check digit's sum.
CHECK_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)

# Legal forms left out when two company names are compared: "Espoon
# Konepaja Oy" and "espoon konepaja" are the same company.
LEGAL_FORMS = frozenset((
    "oy", "oyj", "ab", "abp", "ky", "ay", "tmi", "ry", "osk", "oy ab",
    "ltd", "inc", "gmbh", "kommandiittiyhtiö", "osakeyhtiö", "avoin yhtiö",
    "toiminimi", "rekisteröity yhdistys",
))


def normalise_business_id(value):
    """The business ID ``value`` in its stored form, as far as its shape
    allows: spaces dropped; the VAT number form ("FI12345678") and the eight
    digits without a hyphen ("12345678") become "1234567-8"; the old
    six-digit form ("123456-7") gets its leading zero. Anything else is
    returned stripped of spaces, for the check to refuse. Nothing but spaces
    is no business ID (False).
    """
    if not value:
        return value
    text = re.sub(r"\s+", "", value).upper()
    if text.startswith("FI"):
        text = text[2:]
    if re.match(r"^\d{8}$", text):
        text = "%s-%s" % (text[:7], text[7])
    elif re.match(r"^\d{6}-\d$", text):
        text = "0" + text
    return text or False


def business_id_check_digit(digits):
    """The check digit of the seven ``digits`` (a string), or None when no
    business ID can have them (the remainder 1)."""
    remainder = sum(int(digit) * weight
                    for digit, weight in zip(digits, CHECK_WEIGHTS)) % 11
    if remainder == 1:
        return None
    return 0 if remainder == 0 else 11 - remainder


def business_id_error(value):
    """None when ``value`` (normalised) is a valid business ID; else what is
    wrong: "format" or "check_digit"."""
    if not BUSINESS_ID_PATTERN.match(value or ""):
        return "format"
    check = business_id_check_digit(value[:7])
    if check is None or check != int(value[8]):
        return "check_digit"
    return None


def company_name_key(name):
    """The name ``name`` as companies are compared: lower case, runs of
    spaces as one, without a legal form at its start or end ("Oy Ab",
    "Oy")."""
    words = (name or "").lower().replace(",", " ").split()
    changed = True
    while words and changed:
        changed = False
        for size in (2, 1):
            if len(words) > size and " ".join(words[-size:]) in LEGAL_FORMS:
                words = words[:-size]
                changed = True
                break
            if len(words) > size and " ".join(words[:size]) in LEGAL_FORMS:
                words = words[size:]
                changed = True
                break
    return " ".join(words)
