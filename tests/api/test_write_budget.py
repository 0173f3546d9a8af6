"""A write the server cannot finish in time is stopped and answered, and reads stay fast while
it runs: extraction happens in a worker process, off the event loop and the GIL."""
from __future__ import annotations

import json
import statistics
import threading
import time
import urllib.error
import urllib.request

import pytest

from tests.api.conftest import TOKEN
from tests.api.test_browser import free_port

BUDGET = 4  # seconds


def _post(base: str, text: str) -> tuple[int, dict]:
    request = urllib.request.Request(base + "/api/articles", method="POST",
                                     data=json.dumps({"text": text, "source": "slow"}).encode("utf-8"),
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture(scope="module")
def budget_server(tmp_path_factory):
    import uvicorn

    from chronicle.api import create_app
    from chronicle.pipeline import Options

    app = create_app(tmp_path_factory.mktemp("budget") / "chronicle.db", write_token=TOKEN,
                     options=Options(time_budget=BUDGET))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True  # the lifespan's end stops the extraction worker
    thread.join(timeout=20)


def test_reads_stay_fast_while_a_write_over_budget_runs_and_is_stopped(budget_server, specimen_text):
    status, first = _post(budget_server, "The mayor said on Monday that the bridge would reopen in May.")
    assert status == 201, first  # the worker has loaded the model
    answer = {}
    slow = threading.Thread(target=lambda: answer.update(zip(("status", "body"), _post(budget_server, specimen_text * 60))))
    started = time.monotonic()
    slow.start()
    time.sleep(0.5)
    latencies = []
    for _ in range(100):
        t = time.perf_counter()
        with urllib.request.urlopen(budget_server + "/api/stats", timeout=30) as response:
            assert response.status == 200
        latencies.append(time.perf_counter() - t)
    slow.join(timeout=120)
    p95 = statistics.quantiles(latencies, n=20)[-1]
    assert p95 < 0.2, f"p95 {p95 * 1000:.0f} ms while a write ran"
    assert answer["status"] == 422 and f"time budget of {BUDGET} s" in answer["body"]["detail"], answer
    assert time.monotonic() - started < 60
    status, after = _post(budget_server, "The chief said on Tuesday that the new school would open in June.")
    assert status == 201, after  # the worker was replaced; the server goes on
