"""`midback serve` starts a real server that answers over HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes], seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                return str(response.read().decode())
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {seconds} s")


def test_serve_answers_within_30_seconds(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "MIDBACK_DATA_DIR": str(tmp_path / "data")}
    env["MIDBACK_CONFIG_FILE"] = str(tmp_path / "none.toml")
    command = [sys.executable, "-m", "midback", "serve", "--port", str(port)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        started = time.monotonic()
        page = wait_for(f"http://127.0.0.1:{port}/", process)
        assert time.monotonic() - started < 30
        assert "Exercise library" in page
        assert (tmp_path / "data").is_dir()
    finally:
        process.terminate()
        process.communicate(timeout=10)


def test_serve_refuses_more_workers_than_sqlite_can_serve(tmp_path: Path) -> None:
    env = {**os.environ, "MIDBACK_DATA_DIR": str(tmp_path / "data")}
    env["MIDBACK_CONFIG_FILE"] = str(tmp_path / "none.toml")
    command = [sys.executable, "-m", "midback", "serve", "--workers", "9"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "one transaction at a time" in done.stderr + done.stdout
    assert "Traceback" not in done.stderr


def test_serve_https_makes_a_certificate_and_answers_over_tls(tmp_path: Path) -> None:
    import ssl

    port = free_port()
    env = {**os.environ, "MIDBACK_DATA_DIR": str(tmp_path / "data")}
    env["MIDBACK_CONFIG_FILE"] = str(tmp_path / "none.toml")
    command = [sys.executable, "-m", "midback", "serve", "--https", "--host", "127.0.0.1"]
    command += ["--port", str(port)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    cert = tmp_path / "data" / "tls" / "cert.pem"
    try:
        deadline = time.monotonic() + 30
        while not cert.exists():
            assert time.monotonic() < deadline and process.poll() is None, "no certificate made"
            time.sleep(0.1)
        trusted = ssl.create_default_context(cafile=str(cert))
        deadline = time.monotonic() + 30
        while True:
            try:
                url = f"https://127.0.0.1:{port}/library"
                with urllib.request.urlopen(url, timeout=1, context=trusted) as response:
                    assert "Exercise library" in response.read().decode()
                    break
            except OSError:
                assert time.monotonic() < deadline and process.poll() is None, "no answer"
                time.sleep(0.2)
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=10)
    text = output.decode()
    assert f"https://127.0.0.1:{port}" in text
    assert "fingerprint (SHA-256)" in text and "not private" in text
