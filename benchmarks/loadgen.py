"""Drive an endpoint with wrk (Debian's HTTP load generator, written in C), so the client is never
what limits the figures; `scripts/ensure-wrk` installs it as root when it is missing.

`drive()` runs wrk with a Lua script that can rotate through many people's credentials and give
every POST a fresh Idempotency-Key, and reads back requests/s, p50/p99 latency and failures
(connection errors, timeouts and any status of 300 or more) from the script's `done` hook.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

LUA = r"""
local credentials = {}
local method, path, body = "GET", "/", nil
local counter, thread_id = 0, 0
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

function init(args)
  method, path = args[1], args[2]
  if args[3] ~= "-" then
    local f = io.open(args[3], "r"); body = f:read("*a"); f:close()
  end
  if args[4] ~= "-" then
    for line in io.lines(args[4]) do table.insert(credentials, line) end
  end
  counter = thread_id * 1000003
end

function request()
  counter = counter + 1
  local headers = {}
  if #credentials > 0 then
    local value = credentials[(counter % #credentials) + 1]
    if string.sub(value, 1, 7) == "Cookie:" then
      headers["Cookie"] = string.sub(value, 9)
    else
      headers["Authorization"] = "Bearer " .. value
    end
  end
  if body then
    headers["Content-Type"] = "application/json"
    headers["Idempotency-Key"] = string.format("wrk-%d-%d-%d", thread_id, counter, os.time())
  end
  return wrk.format(method, path, headers, body)
end

function done(summary, latency, requests)
  local failed = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    'WRK-JSON {"requests": %d, "seconds": %f, "failed": %d, "p50_ms": %f, "p99_ms": %f}\n',
    summary.requests, summary.duration / 1e6, failed,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


@dataclass(frozen=True)
class Load:
    """What one endpoint did under load."""

    name: str
    requests: int
    seconds: float
    failed: int
    p50_ms: float
    p99_ms: float

    @property
    def rps(self) -> float:
        """Successful requests per second."""
        return (self.requests - self.failed) / self.seconds if self.seconds else 0.0


def wrk_available() -> bool:
    """True when the wrk command is installed."""
    return shutil.which("wrk") is not None


def drive(
    base: str,
    name: str,
    path: str,
    *,
    connections: int,
    seconds: float,
    credentials: list[str] | None = None,
    body: str | None = None,
    threads: int = 2,
) -> Load:
    """`connections` keep-alive connections on `path` for `seconds`; each request uses the next
    of `credentials` (bearer tokens, or `Cookie: name=value` lines); a `body` makes it a POST
    with a fresh Idempotency-Key per request."""
    with tempfile.TemporaryDirectory(prefix="midback-wrk-") as folder:
        script = Path(folder) / "load.lua"
        script.write_text(LUA, encoding="utf-8")
        body_file = cred_file = "-"
        if body is not None:
            body_file = str(Path(folder) / "body.json")
            Path(body_file).write_text(body, encoding="utf-8")
        if credentials:
            cred_file = str(Path(folder) / "credentials.txt")
            Path(cred_file).write_text("\n".join(credentials) + "\n", encoding="utf-8")
        method = "POST" if body is not None else "GET"
        command = [
            "wrk",
            f"-t{min(threads, connections)}",
            f"-c{connections}",
            f"-d{max(1, round(seconds))}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            base + path,
            "--",
            method,
            path,
            body_file,
            cred_file,
        ]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("WRK-JSON "))
    found = json.loads(line.removeprefix("WRK-JSON "))
    return Load(
        name, found["requests"], found["seconds"], found["failed"], found["p50_ms"], found["p99_ms"]
    )
