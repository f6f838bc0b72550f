"""make serve's settings and tools/serve.py: bad input ends in one line
naming the setting and a non-zero exit, never a traceback; the options and
the nginx configuration are those of Odoo 11's deployment guide."""
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import serve  # noqa: E402  (tools/ is no package)


def make_serve(**settings):
    """tools/dev.sh serve with SETTINGS in its environment: (status, stderr)."""
    # free ports, and a database server that does not exist: a setting the
    # command wrongly accepts fails there instead of serving
    env = dict(os.environ, SERVE_PORT=str(serve.free_port()), ODOO_PORT=str(serve.free_port()),
               LONGPOLLING_PORT=str(serve.free_port()), PGHOST="/nonexistent/serve-test",
               DB_NAME="serve_test_never")
    env.update({key: str(value) for key, value in settings.items()})
    result = subprocess.run([str(ROOT / "tools" / "dev.sh"), "serve"], env=env, cwd=str(ROOT),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            universal_newlines=True, timeout=120)
    return result.returncode, result.stderr


def error_line(stderr):
    """The one error line of stderr; no traceback before it."""
    assert "Traceback" not in stderr, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, stderr
    return errors[0]


@pytest.fixture
def busy_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1)
    yield sock.getsockname()[1]
    sock.close()


@pytest.mark.parametrize("name,value,message", [
    ("SERVE_PORT", "abc", "SERVE_PORT must be a port number (1-65535), not 'abc'."),
    ("SERVE_PORT", "70000", "SERVE_PORT must be a port number (1-65535), not '70000'."),
    ("ODOO_PORT", "x1", "ODOO_PORT must be a port number (1-65535), not 'x1'."),
    ("LONGPOLLING_PORT", "0", "LONGPOLLING_PORT must be a port number (1-65535), not '0'."),
    ("WORKERS", "abc", "WORKERS must be a whole number of at least 1, not 'abc'."),
    ("WORKERS", "-2", "WORKERS must be a whole number of at least 1, not '-2'."),
    ("WORKERS", "0", "WORKERS must be at least 1: 0 is Odoo's single-process server"),
    ("CRON_THREADS", "many", "CRON_THREADS must be a whole number of at least 0, not 'many'."),
    ("SERVE_TLS", "yes", "SERVE_TLS must be 1 (HTTPS on SERVE_TLS_PORT) or 0, not 'yes'."),
])
def test_bad_setting(name, value, message):
    status, stderr = make_serve(**{name: value})
    assert status != 0
    assert message in error_line(stderr)


def test_missing_nginx():
    status, stderr = make_serve(NGINX="/nonexistent/nginx")
    assert status != 0
    line = error_line(stderr)
    assert "nginx not found" in line and "install Debian's nginx" in line \
        and "make setup" in line, line


@pytest.mark.parametrize("name", ["SERVE_PORT", "ODOO_PORT", "LONGPOLLING_PORT"])
def test_busy_port(name, busy_port):
    ports = {"SERVE_PORT": serve.free_port(), "ODOO_PORT": serve.free_port(),
             "LONGPOLLING_PORT": serve.free_port()}
    ports[name] = busy_port
    status, stderr = make_serve(**ports)
    assert status != 0
    assert "%s: port %d is already in use" % (name, busy_port) in error_line(stderr)


def test_cli_error_is_one_line():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "serve.py"), "options",
                             "--workers", "abc"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, universal_newlines=True)
    assert result.returncode == 1
    assert result.stderr == "error: WORKERS must be a whole number of at least 1, not 'abc'.\n"


def test_options_as_the_guide():
    options = serve.odoo_serve_options(cores=4)
    assert options["workers"] == 9                 # cores x 2 + 1
    assert options["max_cron_threads"] == 1
    assert options["proxy_mode"] is True
    assert options["http_interface"] == "127.0.0.1"
    assert options["limit_memory_soft"] < options["limit_memory_hard"]
    assert options["limit_time_cpu"] < options["limit_time_real"]
    assert serve.odoo_serve_options(cores=4, workers="3", cron_threads="2")["workers"] == 3
    args = serve.odoo_args(serve.odoo_serve_options(cores=1, longpolling_port=8072))
    assert "--workers=3" in args and "--proxy-mode" in args \
        and "--longpolling-port=8072" in args and "--max-cron-threads=1" in args


def test_nginx_conf(tmp_path):
    conf = Path(serve.write_nginx_conf(
        str(tmp_path), 8080, [("127.0.0.1", 8069), ("127.0.0.1", 8079)],
        [("127.0.0.1", 8072)], tls_port=8443, worker_user=None))
    text = conf.read_text()
    assert conf == tmp_path / "nginx.conf"
    for expected in ("server 127.0.0.1:8069;", "server 127.0.0.1:8079;",
                     "server 127.0.0.1:8072;", "location /longpolling",
                     "proxy_read_timeout 720s;", "X-Forwarded-Proto $scheme",
                     "X-Forwarded-For $proxy_add_x_forwarded_for", "X-Real-IP",
                     "X-Forwarded-Host", "gzip on;", "client_max_body_size",
                     "proxy_cache_path %s" % (tmp_path / "cache"),
                     "listen 127.0.0.1:8443 ssl;", "return 301 https://",
                     "Strict-Transport-Security"):
        assert expected in text, expected
    assert (tmp_path / "tls" / "server.crt").exists()
    result = subprocess.run([serve.nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(conf),
                             "-e", str(tmp_path / "logs" / "error.log")],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            universal_newlines=True)
    assert result.returncode == 0, result.stdout


def test_start_and_stop(tmp_path):
    port = serve.free_port()
    serve.write_nginx_conf(str(tmp_path), port, [("127.0.0.1", serve.free_port())],
                           [("127.0.0.1", serve.free_port())])
    pid = serve.start_nginx(str(tmp_path))
    try:
        with pytest.raises(serve.ServeError, match="already runs"):
            serve.start_nginx(str(tmp_path))
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    finally:
        serve.stop_nginx(str(tmp_path))
    assert not serve._alive(pid)
