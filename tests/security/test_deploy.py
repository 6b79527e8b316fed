"""The production command and its proxy, read from the files that run them: one gunicorn
command everywhere, and an nginx that lets the largest upload through and nothing bigger."""

import re
from pathlib import Path

from networking.contacts.csv_parse import MAX_BYTES

ROOT = Path(__file__).resolve().parents[2]


def gunicorn_options(text: str) -> str:
    """The options after ``--bind HOST:PORT``, with make's ``$$`` read as the shell's ``$``."""
    line = next(line for line in text.splitlines() if "gunicorn core.wsgi:application" in line)
    options = line.split("--bind", 1)[1].split(None, 1)[1]
    return options.replace("$$", "$").replace('\\"', '"').rstrip('"]').strip()


def test_the_dockerfile_and_make_serve_prod_run_one_gunicorn_command():
    dockerfile = gunicorn_options((ROOT / "Dockerfile").read_text())
    makefile = gunicorn_options((ROOT / "Makefile").read_text())
    assert dockerfile == makefile
    for option in ["--worker-class gthread", "--threads 4", "--timeout 30"]:
        assert option in makefile


def test_only_nginx_is_published_and_it_reads_the_committed_config():
    compose = (ROOT / "docker-compose.yml").read_text()
    services = dict(re.findall(r"^  (\w+):\n((?:    .*\n|\n)*)", compose, flags=re.M))
    assert "ports:" not in services["web"]
    assert "ports:" in services["nginx"]
    assert "./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro" in services["nginx"]
    assert (ROOT / "deploy" / "nginx.conf").exists()


def test_nginx_lets_the_largest_import_through_and_buffers_requests():
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    cap = int(re.search(r"client_max_body_size (\d+)m;", conf).group(1)) * 1024 * 1024
    assert MAX_BYTES < cap <= MAX_BYTES + 2 * 1024 * 1024
    assert "proxy_request_buffering on;" in conf
    for header in ["X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "Host"]:
        assert f"proxy_set_header {header} " in conf
    assert "location = /healthz" in conf
