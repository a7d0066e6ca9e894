"""Production settings fail closed (issue 11): each missing or malformed item is one line naming the variable and
an example value, all of them at once, exit status 2 and no traceback. Run outside the test process with an
explicit environment (settings are read once per process): the single-item cases all in one subprocess that loads
the settings module afresh per case (tests/core/production_probe.py); manage.py, gunicorn, config.wsgi and a full
start each in a real process of their own."""

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEADER = "生产配置不完整，拒绝启动（config.settings.production）："
STAND_IN_BACKEND = "tests.core.task_backends.QueuedStandInBackend"
# Every variable production reads for its infrastructure; the parent's values never leak into a probe.
CONTROLLED = {
    "SECRET_KEY", "ALLOWED_HOSTS", "TRUSTED_PROXIES", "DATABASE_URL", "REDIS_URL", "TASKS_BACKEND", "DEBUG",
    "MEDIA_ROOT", "PRIVATE_MEDIA_ROOT", "MEDIA_STORAGE", "PRIVATE_MEDIA_STORAGE", "ELASTICSEARCH_URL",
    "AWS_STORAGE_BUCKET_NAME", "AWS_PRIVATE_STORAGE_BUCKET_NAME", "AWS_S3_ENDPOINT_URL", "AWS_S3_CUSTOM_DOMAIN",
    "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "PAGE_CACHE_SECONDS",
}  # fmt: skip


# The probes' media paths: absolute, never created by the refusal cases (tests/core/production_probe.py).
PROBE_ROOT = Path("/tmp/govsites-settings-probe")


def valid_env(tmp_path) -> dict:
    return {
        "SECRET_KEY": "k3y-" + "q7Zr9xLm" * 7,
        "ALLOWED_HOSTS": ".zhuzhou.gov.cn,.changde.gov.cn",
        "TRUSTED_PROXIES": "127.0.0.1",
        # Never connected to by these probes (settings only).
        "DATABASE_URL": "postgres://govsites@127.0.0.1:1/govsites",
        "REDIS_URL": "redis://127.0.0.1:1/0",
        "TASKS_BACKEND": STAND_IN_BACKEND,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "ELASTICSEARCH_URL": "http://127.0.0.1:9200",
    }


def run_production(args, env, tmp_path=None):
    base = {k: v for k, v in os.environ.items() if k not in CONTROLLED and not k.startswith("DJANGO_")}
    base.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **env})
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, env=base, check=False, timeout=120
    )


def run_probes(cases: dict[str, dict]) -> dict[str, SimpleNamespace]:
    """Every case's production settings in one subprocess: ``{case: returncode, stderr, values}``."""
    base = {k: v for k, v in os.environ.items() if k not in CONTROLLED and not k.startswith("DJANGO_")}
    payload = {
        case: {"env": {**base, "DJANGO_SETTINGS_MODULE": "config.settings.production", **spec["env"]}, **spec}
        for case, spec in cases.items()
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.core.production_probe"],
        cwd=ROOT,
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return {case: SimpleNamespace(**found) for case, found in json.loads(result.stdout).items()}


def refusal_lines(result) -> list[str]:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    header, *lines = result.stderr.splitlines()
    assert header == HEADER
    return [line.strip() for line in lines]


MISSING = {
    "SECRET_KEY": 'SECRET_KEY: 未设置；例如 SECRET_KEY=<50 位以上随机串，可由 python3 -c "import secrets; '
    'print(secrets.token_urlsafe(50))" 生成>',
    "ALLOWED_HOSTS": "ALLOWED_HOSTS: 未设置；例如 ALLOWED_HOSTS=.zhuzhou.gov.cn,.changde.gov.cn",
    "TRUSTED_PROXIES": "TRUSTED_PROXIES: 未设置；例如 TRUSTED_PROXIES=unix（nginx 经本机 Unix 套接字转发；"
    "多台时写代理地址如 10.0.1.10，直连写 none）",
    "DATABASE_URL": "DATABASE_URL: 未设置（生产不使用 SQLite）；例如 DATABASE_URL=postgres://govsites:密码@10.0.1.5:5432/govsites",
    "REDIS_URL": "REDIS_URL: 未设置（站点缓存、限流与登录锁定计数须由各进程共享）；例如 REDIS_URL=redis://10.0.1.6:6379/0",
    "TASKS_BACKEND": "TASKS_BACKEND: 任务后端为 ImmediateBackend（不排队、无 worker）；生产须用排队的任务后端；"
    "例如 TASKS_BACKEND=django_tasks_db.DatabaseBackend（并运行 worker）",
    "MEDIA_ROOT": "MEDIA_ROOT: 未设置（本地磁盘存储须明确给出绝对路径）；例如 MEDIA_ROOT=/srv/govsites/media",
    "PRIVATE_MEDIA_ROOT": "PRIVATE_MEDIA_ROOT: 未设置（本地磁盘存储须明确给出绝对路径）；"
    "例如 PRIVATE_MEDIA_ROOT=/srv/govsites/private",
}


MALFORMED = [
    ("SECRET_KEY", "x" * 20, "SECRET_KEY: 太短或是开发用的密钥（须至少 50 个字符的随机串）；例如 SECRET_KEY="),
    ("SECRET_KEY", "django-insecure-" + "ab1" * 20, "SECRET_KEY: 太短或是开发用的密钥"),
    ("ALLOWED_HOSTS", "*", "ALLOWED_HOSTS: '*' 不是主机名（不要写 *、协议或路径）；例如 ALLOWED_HOSTS="),
    ("ALLOWED_HOSTS", "https://www.zhuzhou.gov.cn", "ALLOWED_HOSTS: 'https://www.zhuzhou.gov.cn' 不是主机名"),
    ("TRUSTED_PROXIES", "nginx", "TRUSTED_PROXIES: 'nginx' 不是 IP 地址或网段；例如 TRUSTED_PROXIES=unix"),
    ("TRUSTED_PROXIES", "10.0.0.300", "TRUSTED_PROXIES: '10.0.0.300' 不是 IP 地址或网段"),
    ("TRUSTED_PROXIES", " , ", "TRUSTED_PROXIES: 为空；例如"),
    ("DATABASE_URL", "sqlite:////srv/db.sqlite3", "DATABASE_URL: 须为 PostgreSQL（现为 sqlite）；例如 DATABASE_"),
    ("DATABASE_URL", "mysql://u@db/govsites", "DATABASE_URL: 须为 PostgreSQL（现为 mysql）"),
    ("DATABASE_URL", "postgress://u@db/govsites", "DATABASE_URL: 无法解析；例如"),
    ("REDIS_URL", "127.0.0.1:6379", "REDIS_URL: '127.0.0.1:6379' 不是 Redis 地址；例如 REDIS_URL="),
    ("TASKS_BACKEND", "tasks.Nowhere", "TASKS_BACKEND: 'tasks.Nowhere' 无法导入；例如 TASKS_BACKEND="),
    ("MEDIA_ROOT", "var/media", "MEDIA_ROOT: 'var/media' 不是绝对路径；例如 MEDIA_ROOT=/srv/govsites/media"),
    ("MEDIA_STORAGE", "oss", "MEDIA_STORAGE: 'oss' 不是可用的存储（local 或 s3）；例如 MEDIA_STORAGE=local"),
]
ES_WARNING = "ELASTICSEARCH_URL: 未设置，站内搜索使用数据库索引；例如 ELASTICSEARCH_URL=http://10.0.1.8:9200"
S3_BOTH = {"MEDIA_STORAGE": "s3", "PRIVATE_MEDIA_STORAGE": "s3"}
S3_SAME_BUCKETS = {
    **S3_BOTH,
    "AWS_S3_ENDPOINT_URL": "http://10.0.1.7:9000",
    "AWS_STORAGE_BUCKET_NAME": "b",
    "AWS_PRIVATE_STORAGE_BUCKET_NAME": "b",
}
PROXIES = [("none", "[]"), ("127.0.0.1, 10.0.0.0/24", "['127.0.0.1', '10.0.0.0/24']"), ("unix", "['unix']")]


def probe_cases() -> dict[str, dict]:
    """Every single-environment case of this file, by name: the environment and the settings to report."""
    valid = valid_env(PROBE_ROOT)
    cases = {}
    for name in MISSING:
        env = {k: v for k, v in valid.items() if k != name}
        if name == "TASKS_BACKEND":
            env[name] = "django_tasks.backends.immediate.ImmediateBackend"
        cases[f"missing {name}"] = {"env": env}
    for index, (name, value, _) in enumerate(MALFORMED):
        cases[f"malformed {index}"] = {"env": {**valid, name: value}}
    cases["private under media"] = {"env": {**valid, "PRIVATE_MEDIA_ROOT": str(PROBE_ROOT / "media" / "private")}}
    cases["s3 without endpoint or buckets"] = {"env": {**valid, **S3_BOTH}}
    cases["s3 with one bucket for both"] = {"env": {**valid, **S3_SAME_BUCKETS}}
    cases["no elasticsearch"] = {"env": {k: v for k, v in valid.items() if k != "ELASTICSEARCH_URL"}}
    for value, _ in PROXIES:
        cases[f"proxies {value}"] = {"env": {**valid, "TRUSTED_PROXIES": value}, "names": ["TRUSTED_PROXIES"]}
    return cases


@pytest.fixture(scope="module")
def probes():
    return run_probes(probe_cases())


@pytest.mark.parametrize("name", list(MISSING))
def test_each_missing_item_is_one_line_and_exit_status_2(probes, name):
    assert refusal_lines(probes[f"missing {name}"]) == [MISSING[name]]


def test_everything_missing_is_reported_at_once_by_manage_py():
    env = {"TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    lines = refusal_lines(run_production(["manage.py", "check"], env))
    assert lines == [MISSING[name] for name in MISSING if name != "TASKS_BACKEND"] + [
        MISSING["TASKS_BACKEND"].replace("ImmediateBackend", "DummyBackend")
    ]


@pytest.mark.parametrize(("index", "name", "expected"), [(i, n, e) for i, (n, _, e) in enumerate(MALFORMED)])
def test_each_malformed_item_is_one_line(probes, index, name, expected):
    lines = refusal_lines(probes[f"malformed {index}"])
    assert len(lines) == 1
    assert lines[0].startswith(expected)


def test_private_files_may_not_live_under_the_public_media_root(probes):
    assert refusal_lines(probes["private under media"]) == [
        "PRIVATE_MEDIA_ROOT: 不能位于 MEDIA_ROOT 之内（群众附件不得公开）；"
        "例如 PRIVATE_MEDIA_ROOT=/srv/govsites/private"
    ]


def test_object_storage_needs_its_endpoint_and_separate_buckets(probes):
    assert refusal_lines(probes["s3 without endpoint or buckets"]) == [
        "AWS_S3_ENDPOINT_URL: 使用 s3 存储时须指明内网对象存储地址；例如 AWS_S3_ENDPOINT_URL=http://10.0.1.7:9000",
        "AWS_STORAGE_BUCKET_NAME: MEDIA_STORAGE=s3 时须设置；例如 AWS_STORAGE_BUCKET_NAME=govsites-media",
        "AWS_PRIVATE_STORAGE_BUCKET_NAME: PRIVATE_MEDIA_STORAGE=s3 时须设置；"
        "例如 AWS_PRIVATE_STORAGE_BUCKET_NAME=govsites-private",
    ]
    assert refusal_lines(probes["s3 with one bucket for both"]) == [
        "AWS_PRIVATE_STORAGE_BUCKET_NAME: 不能与公开媒体的存储桶相同；"
        "例如 AWS_PRIVATE_STORAGE_BUCKET_NAME=govsites-private"
    ]


def test_search_without_elasticsearch_starts_with_one_warning_line(probes):
    result = probes["no elasticsearch"]
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [ES_WARNING]


@pytest.mark.parametrize(("value", "expected"), PROXIES)
def test_production_takes_none_or_a_list_of_proxies(probes, value, expected):
    result = probes[f"proxies {value}"]
    assert result.returncode == 0, result.stderr
    assert result.values == {"TRUSTED_PROXIES": expected}


STARTED = """
import django; django.setup()
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
print(settings.DEBUG, settings.ALLOWED_HOSTS, settings.TRUSTED_PROXIES)
print(settings.DATABASES["default"]["ENGINE"], settings.CACHES["default"]["BACKEND"], end=" ")
print(settings.TASKS["default"]["BACKEND"])
print("demo" in settings.INSTALLED_APPS)
for alias in ("default", "private"):
    name = storages[alias].save("probe/a.txt", ContentFile(b"round trip"))
    print(alias, storages[alias].path(name), storages[alias].open(name).read().decode())
"""


def test_production_starts_when_everything_is_configured(tmp_path):
    env = {**valid_env(tmp_path), "DEBUG": "1"}
    result = run_production(["-c", STARTED], env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        "False ['.zhuzhou.gov.cn', '.changde.gov.cn'] ['127.0.0.1']",
        f"django.db.backends.postgresql django_redis.cache.RedisCache {STAND_IN_BACKEND}",
        "False",
        f"default {tmp_path}/media/probe/a.txt round trip",
        f"private {tmp_path}/private/probe/a.txt round trip",
    ]


S3_PROBE = """
import django; django.setup()
from django.conf import settings
from django.core.files.storage import storages
public, private = storages["default"], storages["private"]
print(type(public).__name__, public.bucket_name, public.url("images/a.jpg"))
print(type(private).__name__, private.bucket_name, private.default_acl, "X-Amz-Signature=" in private.url("q/a.pdf"))
print(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"])
"""


def test_object_storage_settings_resolve_without_a_server(tmp_path):
    """No S3-compatible server runs in the suite: this checks the configuration django-storages receives and the
    URLs it builds offline (public plain, private signed), not a real upload."""
    env = {**valid_env(tmp_path), "MEDIA_STORAGE": "s3", "PRIVATE_MEDIA_STORAGE": "s3"}
    del env["MEDIA_ROOT"], env["PRIVATE_MEDIA_ROOT"]
    env.update(
        AWS_S3_ENDPOINT_URL="http://10.0.1.7:9000",
        AWS_STORAGE_BUCKET_NAME="govsites-media",
        AWS_PRIVATE_STORAGE_BUCKET_NAME="govsites-private",
        AWS_ACCESS_KEY_ID="probe",
        AWS_SECRET_ACCESS_KEY="probe-secret",
    )
    result = run_production(["-c", S3_PROBE], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "S3Storage govsites-media http://10.0.1.7:9000/govsites-media/images/a.jpg",
        "S3Storage govsites-private private True",
        "[\"'self'\", 'data:', 'http://10.0.1.7:9000']",
    ]


def test_gunicorn_stops_once_instead_of_restarting_refused_workers(tmp_path):
    """A worker that exits is restarted by gunicorn; config/wsgi.py turns the refusal into gunicorn's "application
    failed to load" status, so the server prints the lines and stops instead of looping."""
    env = valid_env(tmp_path)
    del env["REDIS_URL"]
    socket = f"unix:{tmp_path / 'gunicorn.sock'}"
    result = run_production(["-m", "gunicorn", "config.wsgi:application", "-b", socket, "-w", "1"], env)
    assert result.returncode == 4
    assert f"  {MISSING['REDIS_URL']}" in result.stderr.splitlines()
    assert "Reason: App failed to load." in result.stderr
    assert result.stderr.count(HEADER) == 1


def without_settings_module() -> dict:
    return {k: v for k, v in os.environ.items() if k not in CONTROLLED and not k.startswith("DJANGO_")}


def test_manage_py_on_a_checkout_uses_the_development_settings():
    probe = "from django.conf import settings; print(settings.SETTINGS_MODULE, 'demo' in settings.INSTALLED_APPS)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", probe],
        cwd=ROOT,
        env=without_settings_module(),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "config.settings.dev True"


def test_the_wsgi_application_is_production_unless_told_otherwise():
    result = subprocess.run(
        [sys.executable, "-c", "import config.wsgi"],
        cwd=ROOT,
        env=without_settings_module(),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 4
    assert result.stderr.splitlines()[0] == HEADER
