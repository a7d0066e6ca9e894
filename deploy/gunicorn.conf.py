"""gunicorn for one application server (docs/security.md "Production: proxy and application servers").

Listens on a Unix socket that only nginx on the same host can reach (TRUSTED_PROXIES=unix). With several
application servers, bind to the private address instead (GUNICORN_BIND=10.0.1.11:8000), let a firewall open that
port to the proxies only, and list the proxies in TRUSTED_PROXIES. Never bind to 0.0.0.0 on a public interface:
a client that reaches gunicorn directly bypasses the proxy's TLS and limits.

    gunicorn -c deploy/gunicorn.conf.py config.wsgi:application
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "unix:/run/govsites/gunicorn.sock")
umask = 0o007  # the socket: owner and group (nginx's group) only
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
timeout = 60
graceful_timeout = 30
max_requests = 2000  # recycle workers now and then (slow memory growth)
max_requests_jitter = 200
forwarded_allow_ips = ""  # Django reads X-Forwarded-For itself (core/clients.py); gunicorn must not rewrite it
# No gunicorn access log: nginx logs every request, and the application logs one line per request with the same
# request id (govsites.access, core/requestlog.py). GUNICORN_ACCESSLOG=- turns gunicorn's on (stdout).
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
