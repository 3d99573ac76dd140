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


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "terminate"])
def test_ctrl_c_stops_cleanly_and_removes_the_temp_build(tmp_path: Path, free_port: int, stop: int) -> None:
    site = tmp_path / "site"
    scaffold(site)
    process = subprocess.Popen([sys.executable, "-m", "sitegen", "serve", "--site", str(site), "--port",
                                str(free_port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_listening(free_port, process)
        conn = http.client.HTTPConnection("127.0.0.1", free_port, timeout=5)
        conn.request("GET", "/")
        response = conn.getresponse()
        assert response.status == 200 and b"__sitegen/reload.js" in response.read()
        conn.close()
        process.send_signal(stop)
        _out, err = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    built_in = re.search(r"build folder: (\S*sitegen-serve-[^/\s]+)", err)
    assert built_in, err
    assert not Path(built_in.group(1)).exists()
    assert f"http://127.0.0.1:{free_port}/" in err


def test_busy_port_is_a_clear_error(tmp_path: Path, capsys) -> None:
    site = tmp_path / "site"
    scaffold(site)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--site", str(site), "--port", str(port)]) == 1
    assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err
