# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import ast
import io
import os
import re

from lxml import etree

from odoo.modules.module import get_module_path
from odoo.tests.common import SavepointCase
from odoo.tools.translate import PoFile, trans_generate

MODULE = "omnia_customer"


def _demo_xmlids(env):
    """XML ids of the demo records: their (Finnish) texts are not translated.
    Those of the records an ``_inherits`` model's demo record made (a mass
    mailing's subject is its utm.source), which Odoo names <XML id>_<the
    parent model's table>, too."""
    path = get_module_path(MODULE)
    with open(os.path.join(path, "__manifest__.py")) as manifest:
        demo_files = ast.literal_eval(manifest.read()).get("demo", [])
    xmlids = set()
    for demo_file in demo_files:
        for record in etree.parse(os.path.join(path, demo_file)).iter("record"):
            xmlid = record.get("id")
            xmlid = xmlid if "." in xmlid else "%s.%s" % (MODULE, xmlid)
            xmlids.add(xmlid)
            model = record.get("model")
            for parent in (env[model]._inherits if model in env else ()):
                xmlids.add("%s_%s" % (xmlid, parent.replace(".", "_")))
    return xmlids


def _read_po(filename):
    """Entries of a file of i18n/ as Odoo reads them: one per reference,
    (type, name, res_id, source, translation, comments)."""
    with open(os.path.join(get_module_path(MODULE), "i18n", filename), "rb") as po:
        return list(PoFile(io.BytesIO(po.read())))


def _term_key(term_type, name, res_id, source):
    """What ties a translation to its term: the record for data and labels,
    the text alone for code (its line numbers move). Odoo 11 ends an XML id
    that two fields would share (``meeting_id`` of omnia.feedback and ``id``
    of omnia.feedback.meeting) with the field's row id, which depends on the
    database: that number is left out."""
    if term_type == "code":
        return term_type, source
    return term_type, name, re.sub(r"_\d+$", "", str(res_id or 0)), source


class TestI18nFi(SavepointCase):
    """The staff work in Finnish: every term of the addon has a Finnish
    translation, and the translation template is current."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Finnish with this addon's translations, whether the database has it or not.
        cls.env["ir.translation"].load_module_terms([MODULE], ["fi_FI"])
        demo = _demo_xmlids(cls.env)
        cls.terms = [
            term for term in trans_generate("fi_FI", [MODULE], cls.env.cr)
            if term[3] not in demo
        ]

    def test_terms_exported(self):
        # Labels, menus, data names and constraint messages are all exported.
        types = {term[1] for term in self.terms}
        self.assertTrue({"model", "sql_constraint"} <= types, types)
        sources = {term[4] for term in self.terms}
        self.assertTrue({"Segment Class", "A Key Accounts", "Customer Visit"} <= sources)

    def test_every_term_in_finnish(self):
        translated = {
            _term_key(term_type, name, res_id, source)
            for term_type, name, res_id, source, value, _comments in _read_po("fi.po")
            if value
        }
        missing = sorted(
            "%s [%s %s %s]" % (source, term_type, name, res_id)
            for _module, term_type, name, res_id, source, _value, _comments in self.terms
            if _term_key(term_type, name, res_id, source) not in translated
        )
        self.assertEqual(missing, [], "terms without a Finnish translation in i18n/fi.po; "
                                      "run 'make pot' and translate them")

    def test_finnish_in_use(self):
        segment = self.env.ref("omnia_customer.segment_a").with_context(lang="fi_FI")
        self.assertEqual(segment.name, "A Avainasiakkaat")
        self.assertEqual(
            self.env["omnia.segment"].with_context(lang="fi_FI")._fields["meeting_interval_days"]
            .get_description(segment.env)["string"],
            "Tapaamisväli (päivää)",
        )

    def test_template_current(self):
        template = {entry[3] for entry in _read_po(MODULE + ".pot")}
        missing = sorted({term[4] for term in self.terms} - template)
        self.assertEqual(missing, [], "terms missing from i18n/%s.pot; run 'make pot'" % MODULE)
