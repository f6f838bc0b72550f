#!/usr/bin/env python3
"""Odoo served as in production on this machine: Odoo's prefork server with
its long-polling process behind Debian's nginx, as Odoo 11's deployment guide
describes (https://www.odoo.com/documentation/11.0/setup/deploy.html).

Standard library only, Python 3.7 or newer: ``make serve``
(tools/commands/serve.sh) calls the command line below, the benchmark and the
tests import it.

    nginx_binary()                   the nginx binary, or ServeError
    write_nginx_conf(prefix, listen_port, odoo_upstreams,
                     longpolling_upstreams, tls_port=None, worker_user=None)
                                     <prefix>/nginx.conf (returned)
    start_nginx(prefix)              nginx -t, start, wait until the port answers
    stop_nginx(prefix)               graceful quit, wait until the master ends
    odoo_serve_options(cores=None, workers=None, cron_threads=None)
                                     Odoo's options as the guide computes them
    odoo_args(options)               those options as odoo-bin arguments

Command line (every error is one line on stderr and exit status 1):

    serve.py options [--workers N] [--cron-threads N] [--http-port N]
                     [--longpolling-port N]      odoo-bin arguments, one a line
    serve.py conf --prefix DIR --port N --odoo HOST:PORT[,...]
                  --longpolling HOST:PORT[,...] [--tls-port N] [--user NAME]
    serve.py start --prefix DIR
    serve.py stop --prefix DIR
    serve.py check-port NAME VALUE   a free port number on 127.0.0.1, or the reason
"""
import argparse
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import time

GUIDE = "https://www.odoo.com/documentation/11.0/setup/deploy.html"

# Odoo 11's deployment guide: a worker serves about 6 concurrent users, a
# light request takes about 150 MB, a heavy one (reports, imports) about
# 1 GB, and about 80 % of requests are light. Its example configuration
# sets these limits: a worker that grows past the soft limit is recycled
# after its request, one past the hard limit is killed at once.
LIMIT_MEMORY_SOFT = 629145600       # 600 MB
LIMIT_MEMORY_HARD = 1677721600      # 1.6 GB
LIMIT_TIME_CPU = 600                # seconds of CPU per request
LIMIT_TIME_REAL = 1200              # seconds of wall time per request
LIMIT_REQUEST = 8192                # requests a worker serves before it is recycled
PROXY_TIMEOUT = "720s"              # the guide's proxy_*_timeout


class ServeError(Exception):
    """A setting or a state that stops serving: one sentence for the user."""


# -- Odoo ------------------------------------------------------------------

def _count(name, value, minimum):
    """VALUE as an integer >= MINIMUM, or ServeError naming the setting NAME."""
    text = str(value).strip()
    if not re.match(r"^[0-9]+$", text) or int(text) < minimum:
        raise ServeError("%s must be a whole number of at least %d, not '%s'."
                         % (name, minimum, value))
    return int(text)


def check_port(name, value):
    """VALUE as a port number, or ServeError naming the setting NAME."""
    text = str(value).strip()
    if not re.match(r"^[0-9]+$", text) or not 1 <= int(text) <= 65535:
        raise ServeError("%s must be a port number (1-65535), not '%s'." % (name, value))
    return int(text)


def port_busy(port, host="127.0.0.1"):
    """True when something listens on HOST:PORT (or it cannot be bound)."""
    sock = socket.socket()
    try:
        sock.bind((host, int(port)))
    except OSError:
        return True
    finally:
        sock.close()
    return False


def check_free_port(name, value):
    """VALUE as a port number nothing listens on, or ServeError naming NAME."""
    port = check_port(name, value)
    if port_busy(port):
        raise ServeError("%s: port %d is already in use; stop what listens there or "
                         "choose another with %s=<port>." % (name, port, name))
    return port


def free_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def odoo_serve_options(cores=None, workers=None, cron_threads=None,
                       http_port=None, longpolling_port=None):
    """Odoo's server options for production, as a dict of configuration
    values (the names of odoo.conf), as Odoo 11's deployment guide computes
    them: workers = cores x 2 + 1 (WORKERS overrides; 0 is refused: it would
    be the single-process server of make run, without the long-polling
    process), one cron thread (CRON_THREADS), the guide's memory and time
    limits, proxy mode, listening on 127.0.0.1 only.
    """
    cores = _count("cores", cores if cores is not None else (os.cpu_count() or 1), 1)
    if workers is None or str(workers).strip() == "":
        workers = cores * 2 + 1
    elif str(workers).strip() == "0":
        raise ServeError("WORKERS must be at least 1: 0 is Odoo's single-process server "
                         "without the long-polling process, which is what make run serves.")
    workers = _count("WORKERS", workers, 1)
    if cron_threads is None or str(cron_threads).strip() == "":
        cron_threads = 1
    cron_threads = _count("CRON_THREADS", cron_threads, 0)
    options = {
        "workers": workers,
        "max_cron_threads": cron_threads,
        "limit_memory_soft": LIMIT_MEMORY_SOFT,
        "limit_memory_hard": LIMIT_MEMORY_HARD,
        "limit_time_cpu": LIMIT_TIME_CPU,
        "limit_time_real": LIMIT_TIME_REAL,
        "limit_request": LIMIT_REQUEST,
        "proxy_mode": True,
        "http_interface": "127.0.0.1",
    }
    if http_port is not None:
        options["http_port"] = check_port("ODOO_PORT", http_port)
    if longpolling_port is not None:
        options["longpolling_port"] = check_port("LONGPOLLING_PORT", longpolling_port)
    return options


def odoo_args(options):
    """The options of odoo_serve_options() as odoo-bin arguments."""
    args = []
    for key, value in options.items():
        flag = "--" + key.replace("_", "-")
        if value is True:
            args.append("--proxy-mode" if key == "proxy_mode" else flag)
        elif value is not False and value is not None:
            args.append("%s=%s" % (flag, value))
    return args


# -- nginx -----------------------------------------------------------------

def nginx_binary():
    """The path of the nginx binary, or ServeError."""
    path = os.environ.get("NGINX") or shutil.which("nginx") or (
        "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
    if not path:
        raise ServeError("nginx not found; install Debian's nginx ('apt-get install nginx') "
                         "or run make setup.")
    return path


def _upstream_lines(upstreams, what):
    if not upstreams:
        raise ServeError("no %s server given for nginx's upstream." % what)
    lines = []
    for host, port in upstreams:
        lines.append("        server %s:%d;" % (host, check_port(what + " port", port)))
    return "\n".join(lines)


def _default_worker_user():
    """An unprivileged system user for nginx's workers when run as root."""
    if os.geteuid() != 0:
        return None
    for name in ("www-data", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    return None


def make_certificate(prefix):
    """A self-signed certificate for 127.0.0.1/localhost in <prefix>/tls,
    made with openssl when absent; returns (certificate, key)."""
    tls = os.path.join(prefix, "tls")
    cert, key = os.path.join(tls, "server.crt"), os.path.join(tls, "server.key")
    if os.path.exists(cert) and os.path.exists(key):
        return cert, key
    openssl = shutil.which("openssl")
    if not openssl:
        raise ServeError("openssl not found to make the self-signed certificate for "
                         "SERVE_TLS; install Debian's openssl.")
    os.makedirs(tls, exist_ok=True)
    result = subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "825",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
         "-keyout", key, "-out", cert],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    if result.returncode != 0:
        raise ServeError("openssl could not make the self-signed certificate: %s"
                         % result.stdout.strip().splitlines()[-1:])
    os.chmod(key, 0o600)
    return cert, key


def _paths(prefix):
    return {
        "conf": os.path.join(prefix, "nginx.conf"),
        "pid": os.path.join(prefix, "nginx.pid"),
        "logs": os.path.join(prefix, "logs"),
        "temp": os.path.join(prefix, "temp"),
        "cache": os.path.join(prefix, "cache"),
        "error_log": os.path.join(prefix, "logs", "error.log"),
    }


def write_nginx_conf(prefix, listen_port, odoo_upstreams, longpolling_upstreams,
                     tls_port=None, worker_user=None):
    """Write <prefix>/nginx.conf: nginx on 127.0.0.1:LISTEN_PORT in front of
    ODOO_UPSTREAMS and LONGPOLLING_UPSTREAMS (lists of (host, port); several
    are load-balanced: Odoo 11's bus goes through PostgreSQL's NOTIFY, so any
    server answers any long poll). With TLS_PORT, HTTPS there with a
    self-signed certificate and HTTP redirected to it. Returns the path.
    """
    prefix = os.path.abspath(prefix)
    listen_port = check_port("SERVE_PORT", listen_port)
    if tls_port is not None:
        tls_port = check_port("SERVE_TLS_PORT", tls_port)
    paths = _paths(prefix)
    for key in ("logs", "temp", "cache"):
        os.makedirs(paths[key], exist_ok=True)
    if worker_user is None:
        worker_user = _default_worker_user()
    user_line = ""
    if worker_user:
        # Run as root, nginx's master keeps root (it opens the ports and the
        # logs) but its workers, which parse every request from the network,
        # run as an unprivileged system user: a flaw in request handling then
        # does not hand out root. They write request bodies, proxied
        # responses and the static cache under the prefix: that user owns
        # those directories.
        try:
            entry = pwd.getpwnam(worker_user)
        except KeyError:
            raise ServeError("the user '%s' for nginx's workers does not exist." % worker_user)
        user_line = "user %s;\n" % worker_user
        for key in ("temp", "cache"):
            for root, dirs, files in os.walk(paths[key]):
                for name in [root] + [os.path.join(root, n) for n in dirs + files]:
                    os.chown(name, entry.pw_uid, entry.pw_gid)
    mime = "/etc/nginx/mime.types"
    types = ("include %s;" % mime) if os.path.exists(mime) else (
        "types { text/html html; text/css css; application/javascript js; "
        "application/json json; image/png png; image/svg+xml svg; }")
    odoo = _upstream_lines(odoo_upstreams, "Odoo")
    chat = _upstream_lines(longpolling_upstreams, "long-polling")
    temp = paths["temp"]
    locations = """
        # the guide's proxy settings: long requests (reports, imports) and
        # long polls are not cut short
        proxy_read_timeout {timeout};
        proxy_connect_timeout {timeout};
        proxy_send_timeout {timeout};
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header X-Real-IP $remote_addr;
        proxy_redirect off;

        # the security headers (always: also on Odoo's error pages)
        add_header X-Content-Type-Options nosniff always;
        add_header X-Frame-Options SAMEORIGIN always;
        add_header Referrer-Policy strict-origin-when-cross-origin always;
        add_header X-XSS-Protection "1; mode=block" always;
        {hsts}

        # the bus: long polls go to Odoo's long-polling (gevent) process
        location /longpolling {{
            proxy_pass http://odoochat;
        }}

        # Odoo's static files, cached by nginx and by the browsers
        location ~* ^/[^/]+/static/ {{
            proxy_cache odoo_static;
            proxy_cache_valid 200 60m;
            proxy_buffering on;
            expires 864000;
            add_header X-Cache-Status $upstream_cache_status always;
            add_header X-Content-Type-Options nosniff always;
            add_header X-Frame-Options SAMEORIGIN always;
            add_header Referrer-Policy strict-origin-when-cross-origin always;
            {hsts}
            proxy_pass http://odoo;
        }}

        location / {{
            proxy_pass http://odoo;
        }}
"""
    plain = locations.format(timeout=PROXY_TIMEOUT, hsts="")
    if tls_port is None:
        servers = """
    server {{
        listen 127.0.0.1:{port};
        server_name _;
{locations}
    }}
""".format(port=listen_port, locations=plain)
    else:
        cert, key = make_certificate(prefix)
        secure = locations.format(
            timeout=PROXY_TIMEOUT,
            hsts='add_header Strict-Transport-Security "max-age=31536000" always;')
        servers = """
    # HTTP only redirects to HTTPS
    server {{
        listen 127.0.0.1:{port};
        server_name _;
        add_header X-Content-Type-Options nosniff always;
        return 301 https://$host:{tls_port}$request_uri;
    }}

    server {{
        listen 127.0.0.1:{tls_port} ssl;
        server_name _;
        ssl_certificate {cert};
        ssl_certificate_key {key};
        ssl_session_timeout 30m;
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_prefer_server_ciphers off;
{locations}
    }}
""".format(port=listen_port, tls_port=tls_port, cert=cert, key=key, locations=secure)
    conf = """# Written by tools/serve.py (make serve); changes are overwritten.
# Odoo 11's deployment guide: {guide}
{user}worker_processes auto;
pid {pid};
error_log {error_log} warn;

events {{
    worker_connections 1024;
}}

http {{
    {types}
    default_type application/octet-stream;
    sendfile on;
    server_tokens off;
    access_log {logs}/access.log;
    client_body_temp_path {temp}/client_body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    proxy_cache_path {cache} levels=1:2 keys_zone=odoo_static:10m max_size=256m inactive=1d;

    # attachments and imports up to 200 MB
    client_max_body_size 200m;

    gzip on;
    gzip_min_length 1000;
    gzip_proxied any;
    gzip_vary on;
    gzip_types text/css text/less text/plain text/xml application/xml application/json
               application/javascript text/javascript;

    upstream odoo {{
{odoo}
    }}
    # any long-polling process answers any client (PostgreSQL's NOTIFY
    # reaches all of them); ip_hash keeps a browser on one all the same
    upstream odoochat {{
        ip_hash;
{chat}
    }}
{servers}}}
""".format(guide=GUIDE, user=user_line, pid=paths["pid"], error_log=paths["error_log"],
           types=types, logs=paths["logs"], temp=temp, cache=paths["cache"], odoo=odoo,
           chat=chat, servers=servers)
    with open(paths["conf"], "w") as handle:
        handle.write(conf)
    return paths["conf"]


def _nginx(prefix, *args):
    paths = _paths(os.path.abspath(prefix))
    return subprocess.run(
        [nginx_binary(), "-p", os.path.abspath(prefix), "-c", paths["conf"],
         "-e", paths["error_log"]] + list(args),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)


def _pid(prefix):
    try:
        with open(_paths(os.path.abspath(prefix))["pid"]) as handle:
            return int(handle.read().strip())
    except (OSError, ValueError):
        return None


def _alive(pid):
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie (ended, not yet reaped) counts as ended
    try:
        with open("/proc/%d/stat" % pid) as handle:
            return handle.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


def _listen_ports(conf):
    with open(conf) as handle:
        return [int(port) for port in re.findall(r"listen 127\.0\.0\.1:(\d+)", handle.read())]


def start_nginx(prefix, timeout=15):
    """Check <prefix>/nginx.conf (nginx -t), start nginx with PREFIX as its
    prefix, and wait until every port it listens on answers. Returns the
    master's pid."""
    prefix = os.path.abspath(prefix)
    paths = _paths(prefix)
    if not os.path.exists(paths["conf"]):
        raise ServeError("no nginx configuration at %s; write it first (serve.py conf)."
                         % paths["conf"])
    if _alive(_pid(prefix)):
        raise ServeError("nginx already runs with the prefix %s (pid %d); stop it first."
                         % (prefix, _pid(prefix)))
    for port in _listen_ports(paths["conf"]):
        if port_busy(port):
            raise ServeError("port %d for nginx is already in use; stop what listens there "
                             "or choose another port." % port)
    test = _nginx(prefix, "-t")
    if test.returncode != 0:
        raise ServeError("nginx refuses its configuration %s: %s"
                         % (paths["conf"], " ".join(test.stdout.split())))
    started = _nginx(prefix)
    if started.returncode != 0:
        raise ServeError("nginx did not start: %s (see %s)"
                         % (" ".join(started.stdout.split()), paths["error_log"]))
    deadline = time.time() + timeout
    ports = _listen_ports(paths["conf"])
    while time.time() < deadline:
        if _alive(_pid(prefix)) and all(_answers(port) for port in ports):
            return _pid(prefix)
        time.sleep(0.1)
    raise ServeError("nginx did not answer within %d seconds; see %s."
                     % (timeout, paths["error_log"]))


def _answers(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def stop_nginx(prefix, timeout=15):
    """Stop the nginx of PREFIX gracefully (SIGQUIT: requests in progress
    end first), then wait until its master has ended. Nothing to do when
    none runs."""
    pid = _pid(prefix)
    if not _alive(pid):
        return
    os.kill(pid, signal.SIGQUIT)
    deadline = time.time() + timeout
    while time.time() < deadline:
        if not _alive(pid):
            return
        time.sleep(0.1)
    os.kill(pid, signal.SIGTERM)
    while _alive(pid) and time.time() < deadline + 5:
        time.sleep(0.1)


# -- command line ----------------------------------------------------------

def _hostports(name, text):
    result = []
    for item in text.split(","):
        host, _, port = item.strip().rpartition(":")
        result.append((host or "127.0.0.1", check_port(name, port)))
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command")
    options = commands.add_parser("options", help="odoo-bin arguments, one a line")
    options.add_argument("--workers", default=None)
    options.add_argument("--cron-threads", default=None)
    options.add_argument("--cores", default=None)
    options.add_argument("--http-port", default=None)
    options.add_argument("--longpolling-port", default=None)
    conf = commands.add_parser("conf", help="write <prefix>/nginx.conf")
    conf.add_argument("--prefix", required=True)
    conf.add_argument("--port", required=True)
    conf.add_argument("--odoo", required=True)
    conf.add_argument("--longpolling", required=True)
    conf.add_argument("--tls-port", default=None)
    conf.add_argument("--user", default=None)
    for name in ("start", "stop"):
        commands.add_parser(name).add_argument("--prefix", required=True)
    check = commands.add_parser("check-port", help="a free port, or the reason")
    check.add_argument("name")
    check.add_argument("value")
    commands.add_parser("nginx", help="the path of the nginx binary")
    args = parser.parse_args(argv)
    try:
        if args.command == "options":
            for arg in odoo_args(odoo_serve_options(
                    cores=args.cores, workers=args.workers, cron_threads=args.cron_threads,
                    http_port=args.http_port, longpolling_port=args.longpolling_port)):
                print(arg)
        elif args.command == "conf":
            print(write_nginx_conf(
                args.prefix, args.port, _hostports("ODOO_PORT", args.odoo),
                _hostports("LONGPOLLING_PORT", args.longpolling),
                tls_port=args.tls_port or None, worker_user=args.user or None))
        elif args.command == "start":
            print(start_nginx(args.prefix))
        elif args.command == "stop":
            stop_nginx(args.prefix)
        elif args.command == "check-port":
            print(check_free_port(args.name, args.value))
        elif args.command == "nginx":
            print(nginx_binary())
        else:
            parser.error("a command is needed: options, conf, start, stop, check-port, nginx")
    except ServeError as error:
        print("error: %s" % error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
