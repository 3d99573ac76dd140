"""`sitegen serve`: build, serve on 127.0.0.1, rebuild on change, reload the browser."""
from __future__ import annotations

import argparse
import logging
import signal
import threading
from pathlib import Path

log = logging.getLogger("sitegen.serve")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "serve", parents=[common], help="preview the site with live reload",
        description="Build the site into .sitegen-cache/preview (kept between sessions), serve it under its "
                    "base_url path, rebuild when config.yml, content/, templates/ or static/ change, and reload "
                    "open pages. A failed rebuild keeps the last good site and shows the error (file:line) "
                    "over the page.")
    parser.add_argument("--site", type=Path, default=Path("."), help="site directory (default: current)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    parser.add_argument("--drafts", action="store_true", help="include articles marked draft: true")
    parser.add_argument("--poll", action="store_true",
                        help="poll files for changes instead of using file events (network or container mounts)")
    parser.add_argument("--open", action="store_true", dest="open_browser", help="open the site in a browser")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import webbrowser  # here, not at the top: every other command would pay for the server's imports

    from ..serve import Preview, ServeOptions

    preview = Preview(ServeOptions(args.site, host=args.host, port=args.port, drafts=args.drafts, poll=args.poll))
    _stop_on_terminate()
    try:
        url = preview.start()
        log.info("serving %s at %s (Ctrl-C stops)\nbuild folder: %s (%s)", preview.site_root, url, preview.out_dir,
                 "kept for the next session" if preview.kept else "deleted on exit: another session keeps the preview")
        if args.open_browser:
            webbrowser.open(url)
        preview.watch()
    except KeyboardInterrupt:
        log.info("stopping")
    finally:
        preview.close()
    return 0


def _stop_on_terminate() -> None:
    """SIGTERM (a process manager's or an editor's stop button) ends the preview as Ctrl-C does, so a
    temporary build folder is deleted and the cache saved; without this the process died on the spot."""
    if threading.current_thread() is not threading.main_thread():
        return  # signal handlers can only be set from the main thread (a test calling run() in a thread)

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
