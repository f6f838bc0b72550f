# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.modules.module import get_module_resource

from .common import OmniaFeedbackCase

FIELDS = ["partner_id", "date", "polarity", "source", "description"]
QUALIFICATION = "Testialan tuontitutkinto"


class TestFeedbackImport(OmniaFeedbackCase):
    """External results (Aipal, web surveys) through the standard import:
    a bad file is refused as a whole, each bad row named."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Aipal feedback is about a qualification (or a training).
        cls.qualification = cls.env["omnia.qualification"].create({"name": QUALIFICATION})

    def _count(self):
        return self.Feedback.search_count([
            ("partner_id", "in", (self.customer_one | self.customer_two).ids)])

    def _import_csv(self, content):
        wizard = self.env["base_import.import"].create({
            "res_model": "omnia.feedback",
            "file": content.encode("utf-8"),
            "file_name": "feedback.csv",
            "file_type": "text/csv",
        })
        options = {"headers": True, "quoting": '"', "separator": ",",
                   "encoding": "utf-8", "date_format": "%Y-%m-%d"}
        preview = wizard.parse_preview(options)
        self.assertFalse(preview.get("error"), preview.get("error"))
        fields = [match and match[0] or False
                  for _index, match in sorted(preview["matches"].items())]
        return fields, wizard.do(fields, options)

    def test_load_good_rows(self):
        result = self.Feedback.load(FIELDS + ["qualification_id"], [
            ["Testilän Kone Oy", "2026-02-10", "positive", "aipal", "Good teachers",
             QUALIFICATION],
            ["Koekylän Hoiva Oy", "2026-02-11", "Negative",
             "National Feedback (Aipal)", "Too little practice", QUALIFICATION],
        ])
        self.assertFalse(result["messages"])
        feedbacks = self.Feedback.browse(result["ids"])
        self.assertEqual(feedbacks.mapped("partner_id"), self.customer_one | self.customer_two)
        self.assertEqual(feedbacks.mapped("polarity"), ["positive", "negative"])
        self.assertEqual(feedbacks.mapped("source"), ["aipal", "aipal"])
        self.assertEqual(feedbacks.mapped("qualification_id"), self.qualification)
        self.assertEqual(feedbacks[1].deadline, "2026-02-18")
        self.assertEqual(feedbacks[1].activity_ids.user_id, self.am2)

    def test_load_bad_rows_imports_nothing(self):
        before = self._count()
        result = self.Feedback.load(FIELDS + ["qualification_id"], [
            ["Testilän Kone Oy", "2026-02-10", "positive", "aipal", "Good", QUALIFICATION],
            ["Testilän Kone Oy", "2026-02-10", "hyvä", "aipal", "Good", QUALIFICATION],
            ["Tuntematon Oy", "2026-02-10", "negative", "aipal", "Bad", QUALIFICATION],
            ["Koekylän Hoiva Oy", "2026-02-10", "", "aipal", "No polarity", QUALIFICATION],
        ])
        self.assertFalse(result["ids"])
        # The first message of each bad row names its field and value.
        first = {}
        for message in result["messages"]:
            self.assertEqual(message["type"], "error")
            first.setdefault(message["rows"]["from"], message)
        self.assertEqual(sorted(first), [1, 2, 3])
        self.assertEqual(first[1]["field"], "polarity")
        self.assertIn("'hyvä'", first[1]["message"])
        self.assertEqual(first[2]["field"], "partner_id")
        self.assertIn("'Tuntematon Oy'", first[2]["message"])
        self.assertIn("Polarity:", first[3]["message"])
        self.assertEqual(self._count(), before)

    def test_standard_import_good_file(self):
        fields, messages = self._import_csv(
            "Customer,Date,Polarity,Source,Feedback,Qualification\n"
            "Testilän Kone Oy,2026-02-10,Positive,National Feedback (Aipal),Useful,"
            + QUALIFICATION + "\n"
            "Koekylän Hoiva Oy,2026-02-12,Negative,Survey,Too long days,\n")
        self.assertEqual(fields, FIELDS + ["qualification_id"])
        self.assertEqual(messages, [])
        self.assertEqual(self._count(), 2)

    def test_standard_import_bad_file(self):
        before = self._count()
        _fields, messages = self._import_csv(
            "Customer,Date,Polarity,Source,Feedback\n"
            "Testilän Kone Oy,2026-02-10,Positive,Survey,Useful\n"
            "Tuntematon Oy,2026-02-12,Negative,Survey,Too long days\n")
        self.assertEqual({m["rows"]["from"] for m in messages}, {1})
        self.assertEqual(messages[0]["field"], "partner_id")
        self.assertIn("'Tuntematon Oy'", messages[0]["message"])
        self.assertEqual(self._count(), before)

    def test_template_headers_match_fields(self):
        path = get_module_resource(
            "omnia_customer", "static", "import", "omnia_feedback_import_template.csv")
        with open(path, "rb") as template:
            content = template.read()
        wizard = self.env["base_import.import"].create({
            "res_model": "omnia.feedback",
            "file": content,
            "file_name": "omnia_feedback_import_template.csv",
            "file_type": "text/csv",
        })
        preview = wizard.parse_preview({
            "headers": True, "quoting": '"', "separator": ",", "encoding": "utf-8"})
        self.assertFalse(preview.get("error"))
        fields = [match and match[0] for _index, match in sorted(preview["matches"].items())]
        self.assertEqual(fields, FIELDS + ["contact_id", "industry_id", "qualification_id"])
