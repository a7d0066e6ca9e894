"""Issue 15 "Done when": the Nu HTML Checker (Maven Central nu.validator:validator, .ci/vnu/) reports 0 errors on
every public page type of every site kind (tests/public_pages.py), the bad-input pages and the mailbox form with
its captcha included. The pages are rendered through the test client into a temp dir and checked in one run of the
checker (one JVM start, ~10 s). Without java/mvn or the artifact the test skips on a laptop and fails under CI
(.ci/run fetches the artifact first)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import BASE_GROUP, site_client
from tests.interaction.test_public_submission import valid_data as message_data
from tests.openinfo.test_application_form import old_token
from tests.openinfo.test_application_form import valid_data as application_data
from tests.public_pages import bad_input_pages, build_site_pages

pytestmark = pytest.mark.django_db

CHECK = Path(__file__).resolve().parents[2] / ".ci" / "vnu" / "check.sh"
# One site of every kind (the base group's second city adds nothing).
CAPTCHA_FORMS = {
    "信箱表单": lambda: message_data(form_token="forged"),
    "依申请公开表单": lambda: application_data(form_token=old_token(seconds_ago=0)),
}
KIND_SLUGS = list({spec.kind: spec.slug for spec in reversed(BASE_GROUP)}.values())


def unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the Nu HTML Checker: {reason}")
    pytest.skip(reason)


def run_checker(files: list[Path]) -> list[dict]:
    if not (shutil.which("java") and shutil.which("mvn")):
        unavailable("java or mvn not installed (apt-get install openjdk-17-jdk-headless maven)")
    result = subprocess.run(["bash", str(CHECK), *map(str, files)], capture_output=True, text=True, timeout=300)
    if result.returncode == 3:
        unavailable("nu.validator:validator not in ~/.m2: run .ci/vnu/check.sh --fetch")
    report = next((line for line in result.stderr.splitlines() if line.startswith("{")), None)
    assert report is not None, result.stderr[-2000:]
    return json.loads(report)["messages"]


def render(client, path: str, folder: Path, name: str) -> Path:
    response = client.get(path)
    assert response.status_code in (200, 404), (name, path, response.status_code)
    # Valid HTML can still show template source to the public (a multi-line {# #} comment did, on the search page).
    assert b"{#" not in response.content and b"{%" not in response.content, (name, path)
    file = folder / f"{name}.html"
    file.write_bytes(response.content)
    return file


def test_every_public_page_type_is_valid_html(group, tmp_path):
    files, where = [], {}
    for slug in KIND_SLUGS:
        profile = group.all[slug]
        client = site_client(profile)
        pages = build_site_pages(profile) + (bad_input_pages(profile) if slug == "zhuzhou" else [])
        for number, (label, path) in enumerate(pages):
            file = render(client, path, tmp_path, f"{slug}-{number:02d}")
            where[file.as_uri()] = f"{profile.kind} {label} {path}"
            files.append(file)
        # The forms as a suspicious client sees them: with the captcha (a forged or too fresh token asks for it).
        for number, (label, path) in enumerate(pages):
            if label in CAPTCHA_FORMS:
                response = client.post(path, CAPTCHA_FORMS[label]())
                assert response.status_code == 400 and b'name="captcha_1"' in response.content, (slug, label)
                file = tmp_path / f"{slug}-{number:02d}-captcha.html"
                file.write_bytes(response.content)
                where[file.as_uri()] = f"{profile.kind} {label}（验证码） {path}"
                files.append(file)
    errors = [
        f"{where.get(m['url'].replace('file:/', 'file:///', 1), m['url'])} line {m.get('lastLine')}: {m['message']}"
        for m in run_checker(files)
    ]
    assert len(files) > 130
    assert errors == [], "\n".join(errors)
