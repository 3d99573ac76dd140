"""`sitegen serve` as a user runs it: a subprocess on loopback that Ctrl-C stops cleanly."""
from __future__ import annotations

import http.client
import re
import signal
import socket
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.commands.new import scaffold

from conftest import HANG_GUARD
from serve_process import ServeProcess


def _get(port: int, path: str = "/") -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=HANG_GUARD)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "terminate"])
def test_stop_is_clean_keeps_the_preview_and_removes_a_second_sessions_temp_build(tmp_path: Path, stop: int) -> None:
    site = tmp_path / "site"
    scaffold(site)
    first = ServeProcess.ready(site)
    try:
        status, body = _get(first.port)
        assert status == 200 and b"__sitegen/reload.js" in body
        # a second session of the same site while the first holds the kept preview: a temporary folder
        second = ServeProcess.ready(site)
        assert _get(second.port)[0] == 200
        err = second.stop(stop)
        built_in = re.search(r"build folder: (\S*sitegen-serve-[^/\s]+)/site \(deleted on exit", err)
        assert built_in, err
        assert not Path(built_in.group(1)).exists()
    finally:
        err = first.stop(stop)
    assert f"http://127.0.0.1:{first.port}/" in err
    kept = site / ".sitegen-cache" / "preview"
    assert f"build folder: {kept} (kept for the next session)" in err
    assert re.search(r"built in [0-9.]+s \([1-9]\d* pages written, 0 unchanged\)", err), err
    assert (kept / "index.html").is_file()
    # the next session (same address: pages link to it) starts from the kept preview: nothing to render again
    err = ServeProcess.ready(site, port=first.port).stop(stop)
    assert re.search(r"built in [0-9.]+s \(0 pages written, [1-9]\d* unchanged\)", err), err


def test_ctrl_c_during_the_first_build_stops_cleanly(tmp_path: Path) -> None:
    from sitegen.cache import BuildLock

    site = tmp_path / "site"
    scaffold(site)
    with BuildLock(site):  # another build of the site holds the lock: serve's first build waits for it
        serve = ServeProcess(site, "--port", "0")
        serve.wait_for("waiting for another build of this site to finish")
        err = serve.stop(signal.SIGINT)
    assert "stopping" in err and "serving" not in err


def test_busy_port_is_a_clear_error(tmp_path: Path, capsys) -> None:
    site = tmp_path / "site"
    scaffold(site)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--site", str(site), "--port", str(port)]) == 1
    assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err
