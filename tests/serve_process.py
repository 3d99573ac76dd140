"""`sitegen serve` in a subprocess whose log is read line by line, so a test waits for what serve says
(its address, its build folder, a lock it waits for) rather than for an interval."""
from __future__ import annotations

import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

from conftest import HANG_GUARD
SERVING = r"serving .* at (http://127\.0\.0\.1:(\d+)/\S*)"
READY = r"build folder: "  # logged once the first build is served: Ctrl-C after it is a clean stop


def ctrl_c_stops() -> None:
    """In the child: SIGINT's default action, so Python turns it into KeyboardInterrupt. A shell starts
    background jobs with SIGINT ignored, and an ignored signal stays ignored across exec: under
    `make test &` or a nohup'd run serve would never see the test's Ctrl-C."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class ServeProcess:
    def __init__(self, site: Path, *options: str) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "sitegen", "serve", "--site", str(site), *options],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                        preexec_fn=ctrl_c_stops)
        self._lines: list[str] = []
        self._ended = False
        self._said = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    @classmethod
    def ready(cls, site: Path, *options: str, port: int = 0) -> ServeProcess:
        """Started (on a free port unless told) and past its first build (HTTP answers from then on)."""
        serve = cls(site, "--port", str(port), *options)
        serve.wait_for(READY)
        return serve

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._said:
                self._lines.append(line)
                self._said.notify_all()
        with self._said:
            self._ended = True
            self._said.notify_all()

    @property
    def log(self) -> str:
        with self._said:
            return "".join(self._lines)

    def wait_for(self, pattern: str) -> re.Match[str]:
        """The first match of ``pattern`` in the log, waiting for the line that holds it."""
        regex = re.compile(pattern)
        with self._said:
            self._said.wait_for(lambda: self._ended or regex.search("".join(self._lines)), timeout=HANG_GUARD)
        match = regex.search(self.log)
        if match is None:
            self.kill()
            raise AssertionError(f"sitegen serve never logged {pattern!r}:\n{self.log[-3000:]}")
        return match

    @property
    def url(self) -> str:
        return self.wait_for(SERVING).group(1)

    @property
    def port(self) -> int:
        return int(self.wait_for(SERVING).group(2))

    def stop(self, signum: int = signal.SIGINT) -> str:
        """Send ``signum`` (Ctrl-C by default), wait for a clean exit, and return the whole log."""
        try:
            self.process.send_signal(signum)
            self.process.wait(timeout=HANG_GUARD)
        finally:
            self.kill()
        self._reader.join(HANG_GUARD)
        assert self.process.returncode == 0, self.log
        return self.log

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
