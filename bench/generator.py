"""Generated data of the benchmark: bulk rows by INSERT ... SELECT
generate_series (one statement per table), then the addon's own methods
compute what the addon owns."""
import time

FULL = {
    "managers": 200,
    "companies": 100000,
    "contacts": 200000,
    "events": 1000000,
    "opportunities": 300000,
    "feedback": 50000,
    "projects": 400,
}
MINIMUM = {
    "managers": 2,
    "companies": 20,
    "contacts": 40,
    "events": 200,
    "opportunities": 60,
    "feedback": 20,
    "projects": 4,
}
RECURRING_SHARE = 0.02
# The share of events done for a development project.
PROJECT_SHARE = 0.10
SHARED_SHARE = 0.20
WON_SHARE = 1.0 / 3
MAX_RECURRENCES = 12
BENCH_PASSWORD = "bench"
# Passwords are set for this many managers (the clients of scenario 8; the
# largest step of scenario 12).
CLIENT_USERS = 40


def sizes(scale):
    return {key: max(MINIMUM[key], int(round(value * scale))) for key, value in FULL.items()}


class Generator:

    def __init__(self, env, scale, log, info=None):
        self.env = env
        self.cr = env.cr if env is not None else None
        self.scale = scale
        self.sizes = sizes(scale)
        self.log = log
        self.info = info or {}
        self.now = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())

    def _step(self, steps, name, func):
        start = time.perf_counter()
        func()
        steps[name] = round(time.perf_counter() - start, 2)
        self.log("load: %s %.1f s" % (name, steps[name]))

    def load(self):
        steps = {}
        start = time.perf_counter()
        self._step(steps, "managers (ORM)", self.load_managers)
        self._step(steps, "companies and contacts (SQL)", self.load_partners)
        self._step(steps, "opportunities (SQL)", self.load_leads)
        self._step(steps, "calendar events and attendees (SQL)", self.load_events)
        self._step(steps, "feedback (SQL)", self.load_feedback)
        self._step(steps, "feedback deadlines (ORM recompute)", self.compute_feedback)
        if "omnia.target" in self.env.registry:
            self._step(steps, "monthly targets (SQL)", self.load_targets)
        if "project_id" in self.env["calendar.event"]._fields:
            self._step(steps, "projects, a share of the events theirs (SQL)",
                       self.load_projects)
        # Statistics of the bulk-loaded tables before the addon's own queries
        # run on them, as after any bulk import.
        self._step(steps, "ANALYZE", lambda: self.cr.execute("ANALYZE"))
        self._step(steps, "addon refresh: figures and suggestions (ORM)",
                   self.refresh_figures)
        self._step(steps, "addon refresh: lead segments, occurrences (ORM)",
                   self.refresh_addon_tables)
        self.cr.execute("ANALYZE")
        return {"total_seconds": round(time.perf_counter() - start, 1), "steps": steps,
                "rows": self.row_counts()}

    def row_counts(self):
        counts = {}
        for table in ("res_users", "res_partner", "crm_lead", "calendar_event",
                      "calendar_attendee", "calendar_event_res_partner_rel", "omnia_feedback"):
            self.cr.execute("SELECT count(*) FROM %s" % table)
            counts[table] = self.cr.fetchone()[0]
        return counts

    # -- managers ----------------------------------------------------------
    def load_managers(self):
        env = self.env
        group = env.ref("omnia_customer.group_account_manager")
        users = env["res.users"].with_context(no_reset_password=True, mail_create_nosubscribe=True,
                                              tracking_disable=True)
        ids = []
        for i in range(self.sizes["managers"]):
            vals = {
                "name": "Myyjä %03d Virtanen" % i,
                "login": "bench.am%03d" % i,
                "email": "myyja%03d@omnia.example" % i,
                "groups_id": [(6, 0, [group.id])],
            }
            if i < CLIENT_USERS:
                vals["password"] = BENCH_PASSWORD
            ids.append(users.create(vals).id)
        self.manager_ids = ids
        self.info["managers"] = ids
        self.info["client_logins"] = ["bench.am%03d" % i
                                      for i in range(min(CLIENT_USERS, len(ids)))]
        self.cr.execute("CREATE TEMP TABLE bench_manager AS "
                        "SELECT row_number() OVER (ORDER BY u.id) - 1 AS i, u.id, "
                        "u.partner_id FROM res_users u WHERE u.id = ANY(%s)", (ids,))

    # -- partners ----------------------------------------------------------
    def load_partners(self):
        cr = self.cr
        n_managers = self.sizes["managers"]
        cr.execute("SELECT id FROM omnia_segment ORDER BY sequence")
        segments = [row[0] for row in cr.fetchall()]
        cr.execute("SELECT id FROM omnia_cluster ORDER BY name")
        clusters = [row[0] for row in cr.fetchall()]
        cr.execute("SELECT id FROM omnia_industry ORDER BY id")
        industries = [row[0] for row in cr.fetchall()]
        company_id = self.env.user.company_id.id
        common = """
            active, type, company_id, lang, customer, supplier, employee, color,
            partner_share, opt_out, message_bounce,
            create_uid, write_uid, create_date, write_date
        """
        common_values = """
            true, 'contact', %(company)s, 'fi_FI', true, false, false, 0,
            true, false, 0, 1, 1, now() at time zone 'utc', now() at time zone 'utc'
        """
        cr.execute("""
            INSERT INTO res_partner (name, display_name, is_company, ref, city, user_id,
                                     account_manager_id, segment_id, employee_count,
                                     training_potential, """ + common + """)
            SELECT 'Yritys ' || g || ' Oy', 'Yritys ' || g || ' Oy', true, 'bench-' || g,
                   (ARRAY['Espoo','Kirkkonummi','Kauniainen','Helsinki','Vantaa'])[1 + g %% 5],
                   m.id, m.id,
                   CASE WHEN g %% 10 < 8 THEN (%(segments)s::int[])[1 + g %% %(nseg)s] END,
                   (g::bigint * 7919) %% 500, ((g::bigint * 104729) %% 60) * 1000,
                   """ + common_values + """
              FROM generate_series(0, %(n)s - 1) g
              JOIN bench_manager m ON m.i = g %% %(nm)s
        """, {"n": self.sizes["companies"], "nm": n_managers, "segments": segments,
              "nseg": len(segments), "company": company_id})
        cr.execute("UPDATE res_partner SET commercial_partner_id = id "
                   "WHERE ref LIKE 'bench-%%' AND is_company")
        cr.execute("CREATE TEMP TABLE bench_company AS "
                   "SELECT row_number() OVER (ORDER BY id) - 1 AS i, id, user_id, segment_id, "
                   "name FROM res_partner WHERE ref LIKE 'bench-%%' AND is_company")
        cr.execute("CREATE UNIQUE INDEX ON bench_company (i)")
        cr.execute("""
            INSERT INTO res_partner (name, display_name, is_company, parent_id,
                                     commercial_partner_id, user_id, account_manager_id,
                                     segment_id, employee_count, training_potential,
                                     function, email, """ + common + """)
            SELECT 'Henkilö ' || g, c.name || ', Henkilö ' || g, false, c.id, c.id,
                   c.user_id, c.user_id, c.segment_id, p.employee_count, p.training_potential,
                   'Koulutuspäällikkö', 'henkilo' || g || '@example.com',
                   """ + common_values + """
              FROM generate_series(0, %(n)s - 1) g
              JOIN bench_company c ON c.i = g %% %(nc)s
              JOIN res_partner p ON p.id = c.id
        """, {"n": self.sizes["contacts"], "nc": self.sizes["companies"],
              "company": company_id})
        # Industries and clusters of the companies (the main cluster as the
        # ORM computes it for a single cluster).
        if industries:
            cr.execute("""
                INSERT INTO omnia_industry_res_partner_rel (res_partner_id, omnia_industry_id)
                SELECT c.id, (%(ind)s::int[])[1 + c.i %% %(n)s] FROM bench_company c
            """, {"ind": industries, "n": len(industries)})
        if clusters:
            cr.execute("""
                INSERT INTO omnia_cluster_res_partner_rel (partner_id, cluster_id)
                SELECT c.id, (%(cl)s::int[])[1 + c.i %% %(n)s] FROM bench_company c
                 WHERE c.i %% 3 = 0
            """, {"cl": clusters, "n": len(clusters)})
            cr.execute("""
                UPDATE res_partner p SET cluster_id = r.cluster_id
                  FROM omnia_cluster_res_partner_rel r WHERE r.partner_id = p.id
            """)

    def load_base_partners(self):
        """On a database with Odoo's modules only (scenario 12's reference):
        the same account managers (Odoo's salesmen) and the same companies
        and contacts, by the same kind of statement, without the addon's
        columns."""
        group = self.env.ref("sales_team.group_sale_salesman")
        users = self.env["res.users"].with_context(
            no_reset_password=True, mail_create_nosubscribe=True, tracking_disable=True)
        ids = []
        for i in range(self.sizes["managers"]):
            vals = {"name": "Myyjä %03d Virtanen" % i, "login": "bench.am%03d" % i,
                    "email": "myyja%03d@omnia.example" % i,
                    "groups_id": [(6, 0, [group.id])]}
            if i < CLIENT_USERS:
                vals["password"] = BENCH_PASSWORD
            ids.append(users.create(vals).id)
        self.info["client_logins"] = ["bench.am%03d" % i
                                      for i in range(min(CLIENT_USERS, len(ids)))]
        cr = self.cr
        cr.execute("CREATE TEMP TABLE bench_base_manager AS "
                   "SELECT row_number() OVER (ORDER BY u.id) - 1 AS i, u.id "
                   "FROM res_users u WHERE u.id = ANY(%s)", (ids,))
        common = """active, type, company_id, lang, customer, supplier, employee, color,
            partner_share, opt_out, message_bounce,
            create_uid, write_uid, create_date, write_date"""
        values = """true, 'contact', %(company)s, 'fi_FI', true, false, false, 0,
            true, false, 0, 1, 1, now() at time zone 'utc', now() at time zone 'utc'"""
        company_id = self.env.user.company_id.id
        cr.execute("""
            INSERT INTO res_partner (name, display_name, is_company, ref, city, user_id,
                                     """ + common + """)
            SELECT 'Yritys ' || g || ' Oy', 'Yritys ' || g || ' Oy', true, 'bench-' || g,
                   (ARRAY['Espoo','Kirkkonummi','Kauniainen','Helsinki','Vantaa'])[1 + g %% 5],
                   m.id, """ + values + """
              FROM generate_series(0, %(n)s - 1) g
              JOIN bench_base_manager m ON m.i = g %% %(nm)s
        """, {"n": self.sizes["companies"], "nm": len(ids), "company": company_id})
        cr.execute("UPDATE res_partner SET commercial_partner_id = id "
                   "WHERE ref LIKE 'bench-%%' AND is_company")
        cr.execute("CREATE TEMP TABLE bench_base_company AS "
                   "SELECT row_number() OVER (ORDER BY id) - 1 AS i, id, user_id, name "
                   "FROM res_partner WHERE ref LIKE 'bench-%%' AND is_company")
        cr.execute("CREATE UNIQUE INDEX ON bench_base_company (i)")
        cr.execute("""
            INSERT INTO res_partner (name, display_name, is_company, parent_id,
                                     commercial_partner_id, user_id, function, email,
                                     """ + common + """)
            SELECT 'Henkilö ' || g, c.name || ', Henkilö ' || g, false, c.id, c.id,
                   c.user_id, 'Koulutuspäällikkö', 'henkilo' || g || '@example.com',
                   """ + values + """
              FROM generate_series(0, %(n)s - 1) g
              JOIN bench_base_company c ON c.i = g %% %(nc)s
        """, {"n": self.sizes["contacts"], "nc": self.sizes["companies"],
              "company": company_id})
        cr.execute("ANALYZE res_partner")

    # -- opportunities -----------------------------------------------------
    def load_leads(self):
        cr = self.cr
        cr.execute("SELECT id, probability FROM crm_stage ORDER BY sequence, id")
        stages = cr.fetchall()
        won = [s for s, p in stages if p >= 100][0]
        open_stages = [s for s, p in stages if p < 100]
        cr.execute("SELECT id FROM crm_team ORDER BY id LIMIT 1")
        team = cr.fetchone()[0]
        self.info["won_stage_id"] = won
        cr.execute("""
            INSERT INTO crm_lead (name, type, active, partner_id, user_id, team_id, stage_id,
                                  probability, planned_revenue, date_closed, date_open,
                                  date_deadline, company_id, priority, color,
                                  create_uid, write_uid, create_date, write_date,
                                  date_last_stage_update, run_decision)
            SELECT 'Koulutustarjous ' || g, 'opportunity', true,
                   CASE WHEN g %% 2 = 0 THEN c.id ELSE ct.id END,
                   c.user_id, %(team)s,
                   CASE WHEN g %% 3 = 0 THEN %(won)s
                        ELSE (%(open)s::int[])[1 + g %% %(nopen)s] END,
                   CASE WHEN g %% 3 = 0 THEN 100 ELSE 10 + g %% 60 END,
                   1000 + (g::bigint * 7919) %% 49000,
                   CASE WHEN g %% 3 = 0
                        THEN (now() at time zone 'utc') - ((g * 13) %% 540) * interval '1 day'
                   END,
                   (now() at time zone 'utc') - ((g * 13) %% 540 + 30) * interval '1 day',
                   ((now() at time zone 'utc') + ((g * 17) %% 120) * interval '1 day')::date,
                   %(company)s, '1', 0, 1, 1,
                   (now() at time zone 'utc') - ((g * 13) %% 540 + 30) * interval '1 day',
                   now() at time zone 'utc', now() at time zone 'utc',
                   'undecided'
              FROM generate_series(0, %(n)s - 1) g
              JOIN bench_company c ON c.i = (g * 31) %% %(nc)s
              LEFT JOIN LATERAL (
                SELECT id FROM res_partner WHERE parent_id = c.id ORDER BY id LIMIT 1
              ) ct ON true
        """, {"n": self.sizes["opportunities"], "nc": self.sizes["companies"], "won": won,
              "open": open_stages, "nopen": len(open_stages), "team": team,
              "company": self.env.user.company_id.id})
        cr.execute("UPDATE crm_lead SET partner_id = (SELECT parent_id FROM res_partner "
                   "WHERE id = crm_lead.partner_id) WHERE partner_id IS NULL")

    # -- calendar ----------------------------------------------------------
    def load_events(self):
        cr = self.cr
        cr.execute("SELECT id FROM omnia_work_type ORDER BY id")
        work_types = [row[0] for row in cr.fetchall()] or [None]
        n = self.sizes["events"]
        recurring_every = int(round(1 / RECURRING_SHARE))
        shared_every = int(round(1 / SHARED_SHARE))
        # Working-hour starts over the last year, 08:00-15:30 local (UTC+2).
        cr.execute("""
            CREATE TEMP TABLE bench_event_src AS
            SELECT g,
                   date_trunc('day', (now() at time zone 'utc') - interval '365 days')
                     + ((g * 7) %% 365) * interval '1 day'
                     + interval '6 hours' + ((g * 3) %% 16) * interval '30 minutes' AS start,
                   (1 + (g * 11) %% 6) * 0.5 AS duration,
                   g %% %(rec)s = 0 AS recurring,
                   4 + (g / %(rec)s) %% %(maxrec)s AS occurrences,
                   m.id AS user_id, m.partner_id AS user_partner_id,
                   m2.partner_id AS second_partner_id,
                   g %% %(shared)s = 1 AS shared,
                   c.id AS customer_id,
                   (%(wt)s::int[])[1 + g %% %(nwt)s] AS work_type_id
              FROM generate_series(0, %(n)s - 1) g
              JOIN bench_manager m ON m.i = g %% %(nm)s
              JOIN bench_manager m2 ON m2.i = (g + 1) %% %(nm)s
              JOIN bench_company c ON c.i = (g * 37) %% %(nc)s
        """, {"n": n, "rec": recurring_every, "maxrec": MAX_RECURRENCES,
              "shared": shared_every, "nm": self.sizes["managers"],
              "nc": self.sizes["companies"], "wt": work_types, "nwt": len(work_types)})
        # Weekend starts move to Monday.
        cr.execute("""
            UPDATE bench_event_src SET start = start + CASE extract(isodow FROM start)
                WHEN 6 THEN interval '2 days' WHEN 7 THEN interval '1 day' END
             WHERE extract(isodow FROM start) IN (6, 7)
        """)
        cr.execute("""
            INSERT INTO calendar_event (name, state, privacy, show_as, allday, active,
                start, stop, start_datetime, stop_datetime, duration, display_start,
                user_id, recurrency, rrule, rrule_type, interval, count, end_type,
                mo, tu, we, th, fr, sa, su, month_by, day,
                omnia_partner_id, work_type_id, location,
                create_uid, write_uid, create_date, write_date)
            SELECT 'Asiakastapaaminen ' || s.g, 'open', 'public', 'busy', false, true,
                   s.start, s.start + s.duration * interval '1 hour',
                   s.start, s.start + s.duration * interval '1 hour', s.duration,
                   to_char(s.start, 'YYYY-MM-DD HH24:MI:SS'),
                   s.user_id, s.recurring,
                   CASE WHEN s.recurring THEN 'FREQ=WEEKLY;INTERVAL=1;COUNT=' || s.occurrences
                        || ';BYDAY=' || (ARRAY['MO','TU','WE','TH','FR'])[
                            extract(isodow FROM s.start)::int] ELSE '' END,
                   CASE WHEN s.recurring THEN 'weekly' END, 1,
                   CASE WHEN s.recurring THEN s.occurrences ELSE 1 END,
                   CASE WHEN s.recurring THEN 'count' END,
                   s.recurring AND extract(isodow FROM s.start) = 1,
                   s.recurring AND extract(isodow FROM s.start) = 2,
                   s.recurring AND extract(isodow FROM s.start) = 3,
                   s.recurring AND extract(isodow FROM s.start) = 4,
                   s.recurring AND extract(isodow FROM s.start) = 5,
                   false, false, 'date', 1,
                   s.customer_id, s.work_type_id, 'Asiakkaan toimipiste',
                   1, 1, now() at time zone 'utc', now() at time zone 'utc'
              FROM bench_event_src s ORDER BY s.g
        """)
        cr.execute("""
            CREATE TEMP TABLE bench_event AS
            SELECT e.id, s.* FROM calendar_event e
              JOIN bench_event_src s ON e.name = 'Asiakastapaaminen ' || s.g
        """)
        cr.execute("""
            INSERT INTO calendar_event_res_partner_rel (calendar_event_id, res_partner_id)
            SELECT id, user_partner_id FROM bench_event
            UNION ALL
            SELECT id, second_partner_id FROM bench_event
             WHERE shared AND second_partner_id <> user_partner_id
        """)
        cr.execute("""
            INSERT INTO calendar_attendee (event_id, partner_id, state, common_name, email,
                                           availability, access_token,
                                           create_uid, write_uid, create_date, write_date)
            SELECT r.calendar_event_id, r.res_partner_id, 'accepted', p.name, p.email, 'busy',
                   md5(r.calendar_event_id || '-' || r.res_partner_id),
                   1, 1, now() at time zone 'utc', now() at time zone 'utc'
              FROM calendar_event_res_partner_rel r
              JOIN bench_event e ON e.id = r.calendar_event_id
              JOIN res_partner p ON p.id = r.res_partner_id
        """)

    # -- feedback ----------------------------------------------------------
    def load_feedback(self):
        self.cr.execute("""
            INSERT INTO omnia_feedback (partner_id, account_manager_id, segment_id, date,
                                        polarity, source, state, description, response,
                                        done_date, response_days,
                                        create_uid, write_uid, create_date, write_date)
            SELECT c.id, c.user_id, c.segment_id,
                   (current_date - ((g * 7) %% 365))::date,
                   CASE WHEN g %% 10 < 7 THEN 'positive' ELSE 'negative' END,
                   (ARRAY['visit','phone','email','survey','steering_group'])[1 + g %% 5],
                   CASE WHEN g %% 10 < 8 THEN 'done' WHEN g %% 10 = 8 THEN 'in_progress'
                        ELSE 'new' END,
                   'Palaute ' || g, CASE WHEN g %% 10 < 8 THEN 'Käsitelty' END,
                   CASE WHEN g %% 10 < 8
                        THEN (current_date - ((g * 7) %% 365) + (g %% 9))::date END,
                   CASE WHEN g %% 10 < 8 THEN g %% 9 ELSE 0 END,
                   1, 1, now() at time zone 'utc', now() at time zone 'utc'
              FROM generate_series(0, %(n)s - 1) g
              JOIN bench_company c ON c.i = (g * 53) %% %(nc)s
        """, {"n": self.sizes["feedback"], "nc": self.sizes["companies"]})

    def compute_feedback(self):
        """The response deadline is the addon's (working days of Settings):
        recomputed by the ORM in batches."""
        model = self.env["omnia.feedback"]
        self.cr.execute("SELECT id FROM omnia_feedback WHERE polarity = 'negative'")
        ids = [row[0] for row in self.cr.fetchall()]
        field = model._fields["deadline"]
        for start in range(0, len(ids), 5000):
            records = model.browse(ids[start:start + 5000])
            self.env.add_todo(field, records)
            model.recompute()
            model.invalidate_cache()

    # -- projects ----------------------------------------------------------
    def load_projects(self):
        """Development projects, each managed by an account manager, and
        PROJECT_SHARE of the events (every tenth) done for one of them."""
        cr = self.cr
        cr.execute("SELECT currency_id FROM res_company ORDER BY id LIMIT 1")
        currency_id = cr.fetchone()[0]
        cr.execute("""
            INSERT INTO omnia_project (name, project_type, state, active, currency_id,
                                       reminder_days, call_year, manager_id,
                                       create_uid, write_uid, create_date, write_date)
            SELECT 'Kehittämishanke ' || g, 'tyke',
                   (ARRAY['idea', 'preparing', 'submitted', 'granted', 'running'])[1 + g %% 5],
                   true, %(currency)s, 14, extract(year FROM current_date)::int, m.id,
                   1, 1, now() at time zone 'utc', now() at time zone 'utc'
              FROM generate_series(0, %(n)s - 1) g
              JOIN bench_manager m ON m.i = g %% %(nm)s
        """, {"n": self.sizes["projects"], "nm": self.sizes["managers"],
              "currency": currency_id})
        cr.execute("""
            WITH p AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i
                         FROM omnia_project WHERE name LIKE 'Kehittämishanke %%')
            UPDATE calendar_event e SET project_id = p.id
              FROM bench_event b, p
             WHERE b.id = e.id AND b.g %% %(every)s = 0
               AND p.i = (b.g / %(every)s) %% %(n)s
        """, {"every": int(round(1 / PROJECT_SHARE)), "n": self.sizes["projects"]})

    # -- targets -----------------------------------------------------------
    def load_targets(self):
        """A monthly target for every account manager, the twelve months of
        the last year (date_to as the addon computes it: the month's end)."""
        self.cr.execute("""
            INSERT INTO omnia_target (user_id, period_type, date_from, date_to, state,
                                      target_new_customers, target_repeat_customers,
                                      target_meetings, target_revenue,
                                      create_uid, write_uid, create_date, write_date)
            SELECT m.id, 'month', d::date, (d + interval '1 month - 1 day')::date, 'approved',
                   2, 5, 40, 50000, 1, 1, now() at time zone 'utc', now() at time zone 'utc'
              FROM bench_manager m,
                   generate_series(date_trunc('month', current_date) - interval '11 months',
                                   date_trunc('month', current_date), interval '1 month') d
        """)

    # -- addon refresh -----------------------------------------------------
    def refresh_addon_tables(self):
        """The calendar's occurrence table, when installed: rebuilt by the
        addon from the bulk-loaded events (the hours report is a view of it)."""
        registry = self.env.registry
        if "segment_id" in self.env["crm.lead"]._fields:
            # Leads carry their customer's segment class (kept in step by the
            # addon's create/write, which the bulk load bypassed).
            self.cr.execute("""
                UPDATE crm_lead l SET segment_id = p.segment_id
                  FROM res_partner p WHERE p.id = l.partner_id
                   AND l.segment_id IS DISTINCT FROM p.segment_id
            """)
        if "omnia.event.occurrence" in registry:
            self.env["omnia.event.occurrence"]._rebuild_all()

    def refresh_figures(self):
        self.env["res.partner"]._cron_refresh_segments()
