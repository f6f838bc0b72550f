# Copyright 2026 Omnia
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools

from ..models.omnia_feedback import POLARITIES, SOURCES, STATES


class OmniaFeedbackReport(models.Model):
    """Feedback analysis for managers: counts by polarity, month, account
    manager, segment, industry, source, qualification and training; the share of negative feedback
    handled within its deadline; average and median response days."""

    _name = "omnia.feedback.report"
    _inherit = "omnia.report.mixin"
    _description = "Feedback Analysis"
    _auto = False
    _rec_name = "date"
    _order = "date desc"

    date = fields.Date(readonly=True)
    polarity = fields.Selection(selection=POLARITIES, readonly=True)
    source = fields.Selection(selection=SOURCES, readonly=True)
    state = fields.Selection(selection=STATES, string="Status", readonly=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Customer", readonly=True)
    account_manager_id = fields.Many2one(
        comodel_name="res.users", readonly=True)
    segment_id = fields.Many2one(
        comodel_name="omnia.segment", string="Segment Class", readonly=True)
    industry_id = fields.Many2one(
        comodel_name="omnia.industry", readonly=True)
    qualification_id = fields.Many2one(
        comodel_name="omnia.qualification", readonly=True)
    training_id = fields.Many2one(
        comodel_name="omnia.training", readonly=True)
    feedback_id = fields.Many2one(
        comodel_name="omnia.feedback", readonly=True)
    # Measures
    positive_count = fields.Integer(readonly=True)
    negative_count = fields.Integer(readonly=True)
    handled_in_time_pct = fields.Float(
        string="Negative Handled in Time (%)",
        group_operator="avg",
        readonly=True,
        help="Share of negative feedback handled by its response deadline; "
             "open negative feedback counts once its deadline has passed.",
    )
    response_days = fields.Float(
        string="Average Response Days",
        group_operator="avg",
        readonly=True,
    )
    median_response_days = fields.Float(
        group_operator="omnia_median",
        readonly=True,
    )

    def _select(self):
        return """
                SELECT
                    f.id AS id,
                    f.id AS feedback_id,
                    f.date AS date,
                    f.polarity AS polarity,
                    f.source AS source,
                    f.state AS state,
                    f.partner_id AS partner_id,
                    f.account_manager_id AS account_manager_id,
                    f.segment_id AS segment_id,
                    COALESCE(f.industry_id, q.industry_id) AS industry_id,
                    COALESCE(f.qualification_id, t.qualification_id)
                        AS qualification_id,
                    f.training_id AS training_id,
                    CASE WHEN f.polarity = 'positive' THEN 1 ELSE 0 END
                        AS positive_count,
                    CASE WHEN f.polarity = 'negative' THEN 1 ELSE 0 END
                        AS negative_count,
                    CASE
                        WHEN f.polarity != 'negative' THEN NULL
                        WHEN f.state = 'done' AND f.done_date <= f.deadline
                            THEN 100.0
                        WHEN f.state = 'done' OR f.deadline < CURRENT_DATE
                            THEN 0.0
                        ELSE NULL
                    END AS handled_in_time_pct,
                    CASE WHEN f.state = 'done' THEN f.response_days END
                        AS response_days,
                    CASE WHEN f.state = 'done' THEN f.response_days END
                        AS median_response_days
        """

    def _from(self):
        # Student feedback may have no customer, only a qualification or a
        # training: the joins keep every feedback.
        return """
                FROM omnia_feedback f
                LEFT JOIN omnia_training t ON t.id = f.training_id
                LEFT JOIN omnia_qualification q
                       ON q.id = COALESCE(f.qualification_id, t.qualification_id)
        """

    @api.model_cr
    def init(self):
        # Raw SQL: a report view, and a median aggregate that read_group can
        # call through the field's group_operator (PostgreSQL has none); the
        # uninstall hook drops the aggregate.
        tools.drop_view_if_exists(self.env.cr, self._table)
        self._create_median_aggregate()
        self.env.cr.execute("CREATE VIEW %s AS (%s %s)" % (
            self._table, self._select(), self._from()))

    def _create_median_aggregate(self):
        self.env.cr.execute("""
            CREATE OR REPLACE FUNCTION omnia_median_final(numeric[])
            RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
                SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v)::numeric
                FROM unnest($1) AS v
            $$
        """)
        self.env.cr.execute("""
            SELECT 1 FROM pg_proc
            WHERE proname = 'omnia_median' AND prokind = 'a'
        """)
        if not self.env.cr.fetchone():
            self.env.cr.execute("""
                CREATE AGGREGATE omnia_median(numeric) (
                    SFUNC = array_append,
                    STYPE = numeric[],
                    FINALFUNC = omnia_median_final,
                    INITCOND = '{}'
                )
            """)
