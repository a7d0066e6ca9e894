"""Production refuses to start without its infrastructure (issue 11, "fail-closed production").

``config.settings.production`` calls :func:`environment_problems` and :func:`tasks_problem` and, when anything is
missing or malformed, :func:`refuse_to_start`: one line per problem on stderr, each naming the variable and an
example value, then exit status 2 — never a traceback, never a silent fallback to SQLite, per-process memory,
inline tasks or a media directory nobody chose. All problems are reported at once, so an operator fixes the
environment file in one pass. Imports nothing from the project (settings import it).
"""

import importlib.util
import os
import sys
from collections.abc import Mapping
from urllib.parse import urlsplit

import dj_database_url

EXIT_STATUS = 2
# Django's own insecure key prefix, and the key dev.py uses: neither may reach production.
INSECURE_KEYS = ("django-insecure", "dev-only-insecure-key")
MIN_SECRET_KEY_LENGTH = 50
POSTGRES_ENGINES = {"django.db.backends.postgresql", "django.contrib.gis.db.backends.postgis"}
REDIS_SCHEMES = {"redis", "rediss", "unix"}
# Task backends that run a task inside the request (Immediate) or drop it (Dummy): no worker, no retry.
INLINE_TASK_BACKENDS = ("ImmediateBackend", "DummyBackend")
STORAGE_KINDS = ("local", "s3")

EXAMPLES = {
    "SECRET_KEY": (
        'SECRET_KEY=<50 位以上随机串，可由 python3 -c "import secrets; print(secrets.token_urlsafe(50))" 生成>'
    ),
    "ALLOWED_HOSTS": "ALLOWED_HOSTS=.zhuzhou.gov.cn,.changde.gov.cn",
    "TRUSTED_PROXIES": (
        "TRUSTED_PROXIES=unix（nginx 经本机 Unix 套接字转发；多台时写代理地址如 10.0.1.10，直连写 none）"
    ),
    "DATABASE_URL": "DATABASE_URL=postgres://govsites:密码@10.0.1.5:5432/govsites",
    "REDIS_URL": "REDIS_URL=redis://10.0.1.6:6379/0",
    "TASKS_BACKEND": "TASKS_BACKEND=django_tasks_db.DatabaseBackend（并运行 worker）",
    "MEDIA_ROOT": "MEDIA_ROOT=/srv/govsites/media",
    "PRIVATE_MEDIA_ROOT": "PRIVATE_MEDIA_ROOT=/srv/govsites/private",
    "MEDIA_STORAGE": "MEDIA_STORAGE=local（或 s3）",
    "PRIVATE_MEDIA_STORAGE": "PRIVATE_MEDIA_STORAGE=local（或 s3）",
    "AWS_STORAGE_BUCKET_NAME": "AWS_STORAGE_BUCKET_NAME=govsites-media",
    "AWS_PRIVATE_STORAGE_BUCKET_NAME": "AWS_PRIVATE_STORAGE_BUCKET_NAME=govsites-private",
    "AWS_S3_ENDPOINT_URL": "AWS_S3_ENDPOINT_URL=http://10.0.1.7:9000",
    "LOG_FORMAT": "LOG_FORMAT=json（或 text）",
}


def line(name: str, problem: str) -> str:
    """One line of the refusal: the variable, what is wrong, an example value."""
    return f"{name}: {problem}；例如 {EXAMPLES[name]}"


def _value(env: Mapping[str, str], name: str) -> str:
    return env.get(name, "").strip()


def secret_key_problem(env: Mapping[str, str]) -> str | None:
    value = _value(env, "SECRET_KEY")
    if not value:
        return line("SECRET_KEY", "未设置")
    if len(value) < MIN_SECRET_KEY_LENGTH or value.startswith(INSECURE_KEYS) or len(set(value)) < 5:
        return line("SECRET_KEY", f"太短或是开发用的密钥（须至少 {MIN_SECRET_KEY_LENGTH} 个字符的随机串）")
    return None


def allowed_hosts_problem(env: Mapping[str, str]) -> str | None:
    hosts = [host.strip() for host in _value(env, "ALLOWED_HOSTS").split(",") if host.strip()]
    if not hosts:
        return line("ALLOWED_HOSTS", "未设置")
    wrong = [host for host in hosts if host == "*" or "/" in host or " " in host]
    if wrong:
        return line("ALLOWED_HOSTS", f"{wrong[0]!r} 不是主机名（不要写 *、协议或路径）")
    return None


def trusted_proxies_problem(env: Mapping[str, str]) -> str | None:
    # The one grammar (parse_trusted_proxies) that config.settings.base.trusted_proxies also applies.
    value = _value(env, "TRUSTED_PROXIES")
    if not value:
        return line("TRUSTED_PROXIES", "未设置")
    try:
        parse_trusted_proxies(value)
    except ValueError as error:
        return line("TRUSTED_PROXIES", str(error))
    return None


def parse_trusted_proxies(value: str) -> list[str]:
    """TRUSTED_PROXIES as a list of networks ("unix": the proxy connects through a Unix socket; "none": clients
    connect directly). A typo must stop the server, not silently trust nobody (or all): ValueError says why."""
    import ipaddress

    if value.strip().lower() == "none":
        return []
    entries = [item.strip() for item in value.split(",") if item.strip()]
    if not entries:
        raise ValueError("为空")
    for entry in entries:
        if entry == "unix":
            continue
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise ValueError(f"{entry!r} 不是 IP 地址或网段") from None
    return entries


def database_problem(env: Mapping[str, str]) -> str | None:
    value = _value(env, "DATABASE_URL")
    if not value:
        return line("DATABASE_URL", "未设置（生产不使用 SQLite）")
    try:
        engine = dj_database_url.parse(value)["ENGINE"]
    except (ValueError, KeyError):
        return line("DATABASE_URL", "无法解析")
    if engine not in POSTGRES_ENGINES:
        return line("DATABASE_URL", f"须为 PostgreSQL（现为 {urlsplit(value).scheme}）")
    return None


def redis_problem(env: Mapping[str, str]) -> str | None:
    value = _value(env, "REDIS_URL")
    if not value:
        return line("REDIS_URL", "未设置（站点缓存、限流与登录锁定计数须由各进程共享）")
    parts = urlsplit(value)
    if parts.scheme not in REDIS_SCHEMES or not (parts.hostname or parts.path):
        return line("REDIS_URL", f"{value!r} 不是 Redis 地址")
    return None


def _absolute_root(env: Mapping[str, str], name: str) -> tuple[str | None, str | None]:
    value = _value(env, name)
    if not value:
        return None, line(name, "未设置（本地磁盘存储须明确给出绝对路径）")
    if not os.path.isabs(value):
        return None, line(name, f"{value!r} 不是绝对路径")
    return os.path.normpath(value), None


def media_problems(env: Mapping[str, str]) -> list[str]:
    """Public media (images, documents) and the private storage (citizens' attachments), each on local disk or
    S3-compatible object storage. The private files must never share a public location."""
    problems: list[str] = []
    kinds = {}
    for name in ("MEDIA_STORAGE", "PRIVATE_MEDIA_STORAGE"):
        kinds[name] = _value(env, name).lower() or "local"
        if kinds[name] not in STORAGE_KINDS:
            problems.append(line(name, f"{kinds[name]!r} 不是可用的存储（local 或 s3）"))
    roots = {}
    for kind_name, root_name in (("MEDIA_STORAGE", "MEDIA_ROOT"), ("PRIVATE_MEDIA_STORAGE", "PRIVATE_MEDIA_ROOT")):
        if kinds[kind_name] == "local":
            roots[root_name], problem = _absolute_root(env, root_name)
            problems += [problem] if problem else []
    public, private = roots.get("MEDIA_ROOT"), roots.get("PRIVATE_MEDIA_ROOT")
    if public and private and (private == public or private.startswith(public.rstrip("/") + "/")):
        problems.append(line("PRIVATE_MEDIA_ROOT", "不能位于 MEDIA_ROOT 之内（群众附件不得公开）"))
    if "s3" in kinds.values() and not _value(env, "AWS_S3_ENDPOINT_URL"):
        problems.append(line("AWS_S3_ENDPOINT_URL", "使用 s3 存储时须指明内网对象存储地址"))
    buckets = {}
    for kind_name, bucket_name in (
        ("MEDIA_STORAGE", "AWS_STORAGE_BUCKET_NAME"),
        ("PRIVATE_MEDIA_STORAGE", "AWS_PRIVATE_STORAGE_BUCKET_NAME"),
    ):
        if kinds[kind_name] == "s3":
            buckets[bucket_name] = _value(env, bucket_name)
            if not buckets[bucket_name]:
                problems.append(line(bucket_name, f"{kind_name}=s3 时须设置"))
    if len(buckets) == 2 and buckets["AWS_STORAGE_BUCKET_NAME"] == buckets["AWS_PRIVATE_STORAGE_BUCKET_NAME"] != "":
        problems.append(line("AWS_PRIVATE_STORAGE_BUCKET_NAME", "不能与公开媒体的存储桶相同"))
    return problems


def log_format_problem(env: Mapping[str, str]) -> str | None:
    value = _value(env, "LOG_FORMAT")
    if value and value not in ("json", "text"):
        return line("LOG_FORMAT", f"{value!r} 不是可用的日志格式")
    return None


def environment_problems(env: Mapping[str, str]) -> list[str]:
    """Every missing or malformed production variable, one line each, in the order of the README table."""
    single = (secret_key_problem, allowed_hosts_problem, trusted_proxies_problem, database_problem, redis_problem)
    problems = [problem for check in single if (problem := check(env))]
    return problems + media_problems(env) + [problem for problem in [log_format_problem(env)] if problem]


def tasks_problem(tasks: Mapping) -> str | None:
    """The default task backend must queue tasks for a worker (search indexing, mail): checked on the resulting
    TASKS setting, whatever variable selected the backend."""
    backend = str(tasks.get("default", {}).get("BACKEND", ""))
    if not backend or backend.endswith(INLINE_TASK_BACKENDS):
        shown = backend.rsplit(".", 1)[-1] or "未设置"
        return line("TASKS_BACKEND", f"任务后端为 {shown}（不排队、无 worker）；生产须用排队的任务后端")
    module = backend.rpartition(".")[0]
    try:
        found = bool(module) and importlib.util.find_spec(module) is not None
    except ImportError:  # a parent package is missing
        found = False
    if not found:
        return line("TASKS_BACKEND", f"{backend!r} 无法导入")
    return None


def elasticsearch_warning(env: Mapping[str, str]) -> str | None:
    if _value(env, "ELASTICSEARCH_URL"):
        return None
    return "ELASTICSEARCH_URL: 未设置，站内搜索使用数据库索引；例如 ELASTICSEARCH_URL=http://10.0.1.8:9200"


def refuse_to_start(problems: list[str]) -> None:
    """Print the problems as plain lines and stop the process (manage.py, wsgi, ``django.setup()`` alike)."""
    sys.stderr.write("生产配置不完整，拒绝启动（config.settings.production）：\n")
    for problem in problems:
        sys.stderr.write(f"  {problem}\n")
    sys.stderr.flush()
    raise SystemExit(EXIT_STATUS)
