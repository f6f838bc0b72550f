# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tools import mute_logger

from ..models.business_id import (
    business_id_check_digit, business_id_error, company_name_key, normalise_business_id)
from .common import OmniaCase

# Valid business IDs: the check digit of each kind of remainder.
VALID_9 = "0737546-2"   # remainder 9: check 11 - 9
VALID_0 = "1572860-0"   # remainder 0: check 0
VALID_4 = "2195640-7"   # remainder 4: check 11 - 4
VALID_10 = "1234567-1"  # remainder 10: check 1


class TestBusinessIdRules(OmniaCase):
    """The business ID's shape and check digit, without the database."""

    def test_check_digit(self):
        self.assertEqual(business_id_check_digit("0737546"), 2)
        self.assertEqual(business_id_check_digit("1572860"), 0)
        self.assertEqual(business_id_check_digit("2195640"), 7)
        self.assertEqual(business_id_check_digit("1234567"), 1)
        # remainder 1: no business ID has these digits
        self.assertIsNone(business_id_check_digit("1000008"))

    def test_errors(self):
        for value in (VALID_9, VALID_0, VALID_4, VALID_10):
            self.assertIsNone(business_id_error(value), value)
        self.assertEqual(business_id_error("1234567-8"), "check_digit")
        self.assertEqual(business_id_error("1000008-0"), "check_digit")
        self.assertEqual(business_id_error("1000008-1"), "check_digit")
        self.assertEqual(business_id_error("123456-78"), "format")
        self.assertEqual(business_id_error("ABCDEFG-1"), "format")
        self.assertEqual(business_id_error(""), "format")

    def test_normalise(self):
        self.assertEqual(normalise_business_id(" 0737546-2 "), "0737546-2")
        self.assertEqual(normalise_business_id("0737 546-2"), "0737546-2")
        self.assertEqual(normalise_business_id("07375462"), "0737546-2")
        self.assertEqual(normalise_business_id("FI07375462"), "0737546-2")
        self.assertEqual(normalise_business_id("fi 0737 5462"), "0737546-2")
        # the old six-digit form gets its leading zero
        self.assertEqual(normalise_business_id("737546-2"), "0737546-2")
        # anything else is only stripped, for the check to refuse
        self.assertEqual(normalise_business_id(" 12-34 "), "12-34")
        self.assertFalse(normalise_business_id(False))
        self.assertIs(normalise_business_id("   "), False)

    def test_company_name_key(self):
        self.assertEqual(company_name_key("  Espoon   Konepaja Oy "), "espoon konepaja")
        self.assertEqual(company_name_key("ESPOON KONEPAJA"), "espoon konepaja")
        self.assertEqual(company_name_key("Oy Espoon Konepaja Ab"), "espoon konepaja")
        self.assertEqual(company_name_key("Espoon Konepaja Oy Ab"), "espoon konepaja")
        self.assertEqual(company_name_key("Tmi Virtanen"), "virtanen")
        self.assertEqual(company_name_key("Espoon Eläkeläiset ry"), "espoon eläkeläiset")
        # a name that is only a legal form stays as it is
        self.assertEqual(company_name_key("Oy"), "oy")


class TestBusinessId(OmniaCase):
    """The business ID of customer companies: normalised, checked, unique
    among active companies, searched by, and the possible duplicates of a
    new company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env["res.partner"]
        cls.company = cls._company("Testin Valimo Oy", cls.am1, business_id="0737546 2")

    def assertRefused(self, message_start, func, *args, **kwargs):
        with self.assertRaises(ValidationError) as refused, self.env.cr.savepoint():
            func(*args, **kwargs)
        message = refused.exception.name
        self.assertTrue(message.startswith(message_start), message)
        self.Partner.invalidate_cache()
        return message

    # Normalised and checked

    def test_stored_normalised(self):
        self.assertEqual(self.company.business_id, "0737546-2")
        self.company.write({"business_id": "FI15728600"})
        self.assertEqual(self.company.business_id, "1572860-0")
        self.company.write({"business_id": "2195640 7"})
        self.assertEqual(self.company.business_id, "2195640-7")
        self.company.write({"business_id": False})
        self.assertFalse(self.company.business_id)
        # blank is none, for any number of companies
        self.company.write({"business_id": "  "})
        self._company("Tyhjä Tunnus Oy", business_id=" ")
        self.assertEqual(self.Partner.search_count([("business_id", "=", False),
                                                    ("id", "=", self.company.id)]), 1)

    def test_invalid_refused_naming_the_field(self):
        message = self.assertRefused(
            "Business ID:", self._company, "Väärä Oy", None, business_id="1234567-8")
        self.assertEqual(
            message, "Business ID: 1234567-8 is not valid: the check digit does "
                     "not match the digits.")
        self.assertFalse(self.Partner.search([("name", "=", "Väärä Oy")]))
        # remainder 1: no check digit makes it valid
        for check in "0123456789":
            self.assertRefused("Business ID: 1000008-%s is not valid" % check,
                               self.company.write, {"business_id": "1000008-" + check})
        message = self.assertRefused(
            "Business ID:", self.company.write, {"business_id": "12345"})
        self.assertEqual(
            message, "Business ID: 12345 is not valid: a business ID is seven "
                     "digits, a hyphen and a check digit, such as 1234567-8.")
        self.assertEqual(self.company.business_id, "0737546-2")

    def test_invalid_refused_in_finnish(self):
        finnish = self.env["res.partner"].with_context(lang="fi_FI")
        if not self.env["res.lang"]._lang_get("fi_FI"):
            self.skipTest("Finnish is not installed")
        with self.assertRaises(ValidationError) as refused, self.env.cr.savepoint():
            finnish.create({"name": "Väärä Oy", "is_company": True,
                            "business_id": "1234567-8"})
        self.assertEqual(
            refused.exception.name,
            "Y-tunnus: 1234567-8 ei ole kelvollinen: tarkistusmerkki ei täsmää "
            "numeroihin.")

    # Unique among active companies

    def test_unique_among_active_companies(self):
        message = self.assertRefused(
            "Business ID:", self._company, "Valimo Kopio Oy", None,
            business_id="07375462")
        self.assertEqual(
            message, "Business ID: 0737546-2 is already the business ID of "
                     "Testin Valimo Oy.")
        other = self._company("Toinen Valimo Oy", business_id=VALID_0)
        self.assertRefused("Business ID:", other.write, {"business_id": VALID_9})
        self.assertEqual(other.business_id, VALID_0)

    def test_archived_company_may_share(self):
        archived = self._company("Vanha Valimo Oy", business_id=VALID_4, active=False)
        successor = self._company("Uusi Valimo Oy", business_id=VALID_4)
        self.assertEqual(successor.business_id, archived.business_id)
        # ... but it is not brought back beside the active one
        self.assertRefused("Business ID: 2195640-7 is already the business ID of "
                           "Uusi Valimo Oy.", archived.write, {"active": True})
        self.assertFalse(archived.active)

    def test_contacts_not_counted(self):
        contact = self._contact(self.company, "Kalle Valaja", business_id=VALID_9)
        self.assertEqual(contact.business_id, VALID_9)

    def test_database_holds_under_concurrent_saves(self):
        # Past the Python check (two transactions that both checked before
        # either saved): the exclusion constraint refuses the second.
        other = self._company("Rinnakkainen Oy")
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), \
                self.env.cr.savepoint():
            self.env.cr.execute(
                "UPDATE res_partner SET business_id = %s WHERE id = %s",
                (VALID_9, other.id))
            self.env.cr.execute(
                "SET CONSTRAINTS res_partner_business_id_active_company_uniq IMMEDIATE")
        self.env.cr.execute(
            "SET CONSTRAINTS res_partner_business_id_active_company_uniq DEFERRED")
        self.assertIn(
            ("business_id_active_company_uniq",
             "EXCLUDE USING btree (business_id WITH =) "
             "WHERE (active AND is_company AND business_id IS NOT NULL) "
             "DEFERRABLE INITIALLY DEFERRED",
             "Business ID: an active company with this business ID already exists."),
            self.Partner._sql_constraints)

    # Each role, as over XML-RPC

    def test_roles_create_with_business_id(self):
        for user, business_id in ((self.am1, VALID_0), (self.team_lead, VALID_4),
                                  (self.director, VALID_10)):
            company = self.Partner.sudo(user).create({
                "name": "Yritys %s" % user.login, "is_company": True,
                "user_id": user.id, "business_id": business_id.replace("-", "")})
            self.assertEqual(company.business_id, business_id)
            self.assertRefused(
                "Business ID:", self.Partner.sudo(user).create,
                {"name": "Kopio %s" % user.login, "is_company": True,
                 "business_id": business_id})
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.Partner.sudo(self.employee).create({
                "name": "Ulkopuolinen Oy", "is_company": True, "business_id": "0112038-9"})

    def test_account_manager_edits_only_his_own(self):
        self.company.sudo(self.am1).write({"business_id": VALID_0})
        self.assertEqual(self.company.business_id, VALID_0)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.company.sudo(self.am2).write({"business_id": VALID_4})
        self.assertEqual(self.company.business_id, VALID_0)

    # Found by it

    def test_name_search_by_business_id(self):
        for typed in ("0737546-2", "07375462", "FI07375462", " 0737546-2 "):
            found = self.Partner.sudo(self.am2).name_search(typed)
            self.assertEqual(found[:1], [(self.company.id, "Testin Valimo Oy")], typed)
        self.assertEqual(self.Partner.name_search(
            "0737546-2", args=[("id", "!=", self.company.id)]), [])
        # an ordinary name search is Odoo's
        self.assertIn((self.company.id, "Testin Valimo Oy"),
                      self.Partner.name_search("Testin Valimo"))

    def test_search_view_domain(self):
        self.assertEqual(self.Partner.search([("business_id", "ilike", "0737546")]),
                         self.company)

    # Possible duplicates of a new company

    def _new_company(self, **values):
        """A company being created, its duplicates filled in as the form's
        onchange does."""
        partner = self.Partner.sudo(self.am2).new(dict({"is_company": True}, **values))
        partner._onchange_duplicate_ids()
        return partner

    def test_duplicates_by_business_id(self):
        new = self._new_company(name="Aivan Eri Nimi", business_id="FI07375462")
        self.assertEqual(new.duplicate_ids, self.company)

    def test_duplicates_by_name(self):
        lookalike = self._company("Oy Testin Valimo Ab")
        self._company("Testin Valimon Tytäryhtiö Oy")
        self._company("Testin Valimo", is_company=False)
        new = self._new_company(name="  testin   VALIMO ")
        self.assertEqual(new.duplicate_ids, self.company | lookalike)
        new = self._new_company(name="Testin Valimo Ky")
        self.assertEqual(new.duplicate_ids, self.company | lookalike)
        self.assertFalse(self._new_company(name="Testin Valimon").duplicate_ids)
        self.assertFalse(self._new_company(name="Oy").duplicate_ids)

    def test_no_duplicates_for_saved_or_archived(self):
        self.company.write({"active": False})
        self.assertFalse(self._new_company(name="Testin Valimo Oy").duplicate_ids)
        twin = self._company("Testin Valimo Oy")
        twin.invalidate_cache()
        self.assertFalse(twin.duplicate_ids)
        self.assertFalse(self._new_company(name="Testin Valimo", is_company=False)
                         .duplicate_ids)

    def test_duplicates_in_onchange(self):
        # As the web client asks while the form of a new company is filled.
        result = self.Partner.sudo(self.am2).onchange(
            {"name": "Testin Valimo", "is_company": True, "business_id": False,
             "duplicate_ids": []},
            "name", {"name": "1", "is_company": "", "business_id": "1",
                     "duplicate_ids": "", "duplicate_ids.display_name": ""})
        commands = result["value"]["duplicate_ids"]
        ids = [command[1] for command in commands if command[0] in (1, 4)]
        self.assertEqual(ids, [self.company.id])

    def test_no_duplicates_when_editing(self):
        # The form of a saved company, its name edited: not its own duplicate,
        # nor anyone else's warning.
        self._company("Testin Valimo")
        result = self.company.sudo(self.am1).onchange(
            {"name": "Testin Valimo Oy", "is_company": True, "business_id": "0737546-2",
             "duplicate_ids": []},
            "name", {"name": "1", "is_company": "", "business_id": "1",
                     "duplicate_ids": "", "duplicate_ids.display_name": ""})
        commands = result["value"].get("duplicate_ids", [])
        self.assertEqual([command for command in commands if command[0] in (1, 4)], [])
