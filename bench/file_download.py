"""A 20 MB record file to the browser: through the websocket (before) versus a download link (after).

before: what `FilesState.download` did: read the file, `rx.download(data=…)` (base64 in a data: URL),
        the event as Reflex serialises it into one websocket message.
after:  what it does now: a signed one-minute link (a small event), then `GET /api/v1/downloads/{token}`
        served by uvicorn in this process and read by an httpx client in 256 KB chunks, thrown away.
Time is the median of --repeat runs without tracing; memory is the tracemalloc peak of one traced run
(Python allocations of server and client together, both in this process).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import threading
import time
import tracemalloc
from collections.abc import Callable

from lead_setup import database_and_files

MB = 2**20


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=20, help="file size in MB (default 20)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each way (default 5)")
    parser.add_argument("--keep", action="store_true", help="keep the database and files folder")
    return parser.parse_args()


def _stored_file(size: int) -> tuple[int, int]:
    """A rep and a file of `size` random bytes on their account: (user id, attachment id)."""
    from rxcrm.db.models import Account, User
    from rxcrm.db.session import unit_of_work
    from rxcrm.services.people.auth import hash_password
    from rxcrm.services.records.files import upload_file
    from rxcrm.services.settings.defaults import install_defaults

    with unit_of_work() as session:
        install_defaults(session)
        rep = User(email="bench@rxcrm.test", name="Bench Rep", role="rep", access_level="full")
        rep.password_hash = hash_password("bench-password")
        session.add(rep)
        session.flush()
        account = Account(name="Bench Files", owner_id=rep.id, created_by_id=rep.id)
        session.add(account)
        session.flush()
        kept = upload_file(session, rep, "account", account.id, "big.pdf", b"%PDF-1.7\n" + os.urandom(size))
        return rep.id, kept.id


def _over_websocket(user_id: int, file_id: int) -> int:
    """The old way: the event with the whole file, serialised as the websocket sends it; its size."""
    import reflex as rx
    from reflex_base.event import Event

    from rxcrm.db.models import User
    from rxcrm.db.session import unit_of_work
    from rxcrm.services.records.files import file_content

    with unit_of_work() as session:
        filename, content_type, data = file_content(session, session.get(User, user_id), file_id)
    spec = rx.download(data=data, filename=filename, mime_type=content_type)
    message = json.dumps({"events": [e.__dict__ for e in Event.from_event_type(spec)]})
    return len(message)


def _over_http(base: str, user_id: int, file_id: int) -> int:
    """The new way: the link event, then the streamed GET; the bytes received."""
    import httpx

    from rxcrm.db.models import User
    from rxcrm.db.session import unit_of_work
    from rxcrm.ui.records.downloads import stored_file_download

    with unit_of_work() as session:
        event = stored_file_download(session, session.get(User, user_id), file_id)
    url = str(dict((str(k), v) for k, v in event.args)["url"])
    path = json.loads(url.split("new URL(", 1)[1].split(", ", 1)[0])
    received = 0
    with httpx.stream("GET", base + path, timeout=60) as answer:
        answer.raise_for_status()
        for chunk in answer.iter_bytes(256 * 1024):
            received += len(chunk)
    return received


def _serve() -> tuple[str, Callable[[], None]]:
    """The API on a free local port in a thread (uvicorn); its base URL and how to stop it."""
    import uvicorn

    from rxcrm.api import build_api
    from tests.network import free_port

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(build_api(), port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)

    def stop() -> None:
        server.should_exit = True
        thread.join()

    return f"http://127.0.0.1:{port}", stop


def _measure(run: Callable[[], int], repeat: int) -> tuple[float, float, int]:
    """Median wall time (ms), traced peak (MB) and the run's result."""
    result = run()  # warm-up
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1] / MB
    tracemalloc.stop()
    return statistics.median(times), peak, result


def main() -> None:
    """Build, measure, print."""
    args = _arguments()
    with database_and_files(args.keep):
        user_id, file_id = _stored_file(args.mb * MB)
        base, stop = _serve()
        try:
            before = _measure(lambda: _over_websocket(user_id, file_id), args.repeat)
            after = _measure(lambda: _over_http(base, user_id, file_id), args.repeat)
        finally:
            stop()
        load = os.getloadavg()[0]
        print(f"a {args.mb} MB record file, median of {args.repeat} runs, load average {load:.1f}")
        for label, (ms, peak, size) in (("websocket (data: URL)", before), ("HTTP link (streamed) ", after)):
            print(f"  {label}: {ms:7.0f} ms  peak {peak:6.1f} MB  on the wire {size / MB:.1f} MB")


if __name__ == "__main__":
    main()
