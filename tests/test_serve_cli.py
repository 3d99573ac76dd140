"""`sitegen serve` as a user runs it: a subprocess on loopback that Ctrl-C stops cleanly."""
from __future__ import annotations

import http.client
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.commands.new import scaffold

from conftest import find_free_port


def wait_for_listening(port: int, process: subprocess.Popen, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read() if process.stderr else "serve exited"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("sitegen serve did not start listening")


def _serve(site: Path, port: int) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-m", "sitegen", "serve", "--site", str(site), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for_listening(port, process)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/")  # answered once the first build is done
    assert conn.getresponse().status == 200
    conn.close()
    return process


def _stop(process: subprocess.Popen, stop: int) -> str:
    try:
        process.send_signal(stop)
        _out, err = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    return err


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "terminate"])
def test_stop_is_clean_keeps_the_preview_and_removes_a_second_sessions_temp_build(tmp_path: Path, free_port: int,
                                                                                    stop: int) -> None:
    site = tmp_path / "site"
    scaffold(site)
    first = _serve(site, free_port)
    try:
        conn = http.client.HTTPConnection("127.0.0.1", free_port, timeout=5)
        conn.request("GET", "/")
        response = conn.getresponse()
        assert response.status == 200 and b"__sitegen/reload.js" in response.read()
        conn.close()
        # a second session of the same site while the first holds the kept preview: a temporary folder
        second_port = find_free_port()
        second = _serve(site, second_port)
        err = _stop(second, stop)
        built_in = re.search(r"build folder: (\S*sitegen-serve-[^/\s]+)/site \(deleted on exit", err)
        assert built_in, err
        assert not Path(built_in.group(1)).exists()
    finally:
        err = _stop(first, stop)
    assert f"http://127.0.0.1:{free_port}/" in err
    kept = site / ".sitegen-cache" / "preview"
    assert f"build folder: {kept} (kept for the next session)" in err
    assert re.search(r"built in [0-9.]+s \([1-9]\d* pages written, 0 unchanged\)", err), err
    assert (kept / "index.html").is_file()
    # the next session starts from the kept preview: nothing to render again
    third = _serve(site, free_port)
    err = _stop(third, stop)
    assert re.search(r"built in [0-9.]+s \(0 pages written, [1-9]\d* unchanged\)", err), err


def test_ctrl_c_during_the_first_build_stops_cleanly(tmp_path: Path, free_port: int) -> None:
    from sitegen.cache import BuildLock

    site = tmp_path / "site"
    scaffold(site)
    with BuildLock(site):  # another build of the site holds the lock: serve's first build waits for it
        process = subprocess.Popen([sys.executable, "-m", "sitegen", "serve", "--site", str(site), "--port",
                                    str(free_port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wait_for_listening(free_port, process)
        deadline = time.monotonic() + 10
        while not (site / ".sitegen-cache" / "preview.lock").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)
        err = _stop(process, signal.SIGINT)
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
