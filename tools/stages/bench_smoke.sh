# Stage of make test: the benchmark at smoke size keeps it from rotting: an
# error fails the test run, a ratio does not (ratios of a tiny database are
# noise). It compares ${db}_nomod (Odoo's modules only) with $db.

stage_bench_smoke() {
    local db="$1" scale="${BENCH_SMOKE_SCALE:-0.002}"
    say "the benchmark at smoke size $scale (log: .local/test/bench.log)"
    # Bounded: a benchmark that hangs fails this stage instead of the whole run.
    if ! timeout --kill-after=60 1800 "$VENV/bin/python" "$ROOT/bench/bench.py" --config "$LOCAL/test/odoo.conf" \
            --scale "$scale" --base-template "${db}_nomod" --addon-template "$db" \
            --port "$(free_port)" --out "$LOCAL/test/bench-results.json" \
            >"$LOCAL/test/bench.out" 2>"$LOCAL/test/bench.log"; then
        tail -n 30 "$LOCAL/test/bench.log" >&2
        die "the benchmark at smoke size stopped on an error (see .local/test/bench.log)."
    fi
    cat "$LOCAL/test/bench.out" >&2
    psql_run -qc "DROP DATABASE IF EXISTS \"${db}_nomod\""
}
