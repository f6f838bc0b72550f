# make bench: the benchmark (bench/README.md); BENCH_SCALE=1.0 is the full size.

cmd_bench() {
    setup
    pg_start
    trap pg_stop_if_started EXIT
    mkdir -p "$LOCAL/bench"
    write_config "$LOCAL/bench/odoo.conf" "$ODOO_PORT"
    say "benchmark at scale ${BENCH_SCALE:-1.0} (log of the installs and server: .local/bench/)"
    "$VENV/bin/python" "$ROOT/bench/bench.py" --config "$LOCAL/bench/odoo.conf" \
        --scale "${BENCH_SCALE:-1.0}" --port "$ODOO_PORT" ${BENCH_ARGS:-} \
        || die "the benchmark stopped on an error (see above)."
}
