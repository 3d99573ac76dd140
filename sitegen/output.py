"""[Page] -> out_dir, atomically: write a sibling temp dir, then swap it in only when complete."""
from __future__ import annotations

import ctypes
import errno
import functools
import logging
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path, PurePosixPath
from stat import S_ISDIR, S_ISLNK, S_ISREG
from typing import Any, Callable, Collection

import orjson

from .errors import SitegenError
from .model import Page

log = logging.getLogger("sitegen.output")


def safe_relative(path: str) -> PurePosixPath:
    """A page path that cannot leave the output dir (no absolute paths, no '..')."""
    rel = PurePosixPath(path)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts or "\\" in path or ":" in rel.parts[0]:
        raise SitegenError(f"refusing to write outside the output folder: {path!r}")
    return rel


def write_tree(pages: list[Page], folder: Path) -> None:
    made: set[Path] = set()
    for page in pages:
        target = folder.joinpath(*safe_relative(page.path).parts)
        parent = target.parent
        if parent not in made:
            parent.mkdir(parents=True, exist_ok=True)
            made.add(parent)
        target.write_bytes(page.content)


def write(pages: list[Page], out_dir: Path) -> None:
    """Replace ``out_dir`` with exactly ``pages`` (and the ownership marker); on any failure the old
    ``out_dir`` is untouched."""
    out_dir = out_dir.resolve()
    staging = new_staging(out_dir)
    try:
        write_tree(pages, staging)
    except BaseException:
        discard_staging(staging)
        raise
    commit_by_plan(staging, out_dir, full=True, written=[], stale=[])  # no shadow: no incremental build follows
    finish_commit(out_dir)


# --------------------------------------------------------------------------- which folders are ours
#
# sitegen replaces only an output folder it can prove it wrote: one holding MARKER (which every output
# folder it makes gets), an empty one or a missing one. A site's own folders, the site itself and its
# parents, and a git repository are never output folders.

MARKER = ".sitegen-output"
MARKER_TEXT = (b"sitegen writes this folder: every build replaces its contents with the built site.\n"
               b"Delete this file to stop sitegen from writing here.\n")
CACHE_DIR = ".sitegen-cache"  # the build cache's folder (sitegen.cache)
PREVIEW_DIR = "preview"  # serve's preview, inside the cache folder: always sitegen's own
PROTECTED = ("content", "templates", "static", ".git", CACHE_DIR)  # site folders no output may be or be inside


def claim(target: Path, site_root: Path, *, from_site: bool = False) -> Path:
    """``target`` resolved, once it is proven a folder a build may replace; else SitegenError naming it.

    Refused: the site folder, any parent of it, the site's content/, templates/, static/, .git and cache
    folders and anything inside them, any folder of or inside a git repository's metadata or holding a
    repository, something that is not a folder, and a non-empty folder without sitegen's marker.
    ``from_site``: the folder was named by the site (config.yml), not by the user: it must also stay inside
    the site once symlinks are followed (a committed symlink must not send the build elsewhere)."""
    resolved = target.resolve()
    root = site_root.resolve()

    def refuse(why: str) -> SitegenError:
        return SitegenError(f"refusing to use {resolved} as the output folder: {why}")

    if from_site and not resolved.is_relative_to(root):
        raise refuse(f"config.yml names {target}, which a symlink leads outside the site")
    if resolved == root:
        raise refuse("it is the site folder")
    if root.is_relative_to(resolved):
        raise refuse("it holds the site")
    if resolved == root / CACHE_DIR / PREVIEW_DIR:
        return resolved
    for name in PROTECTED:
        for folder in {root / name, (root / name).resolve()}:
            if resolved.is_relative_to(folder):
                raise refuse(f"it is the site's {name}/ folder or inside it")
    if ".git" in resolved.parts or os.path.lexists(resolved / ".git"):
        raise refuse("it is a git repository or part of one")
    if not os.path.lexists(resolved):
        return resolved
    if not resolved.is_dir():
        raise refuse("it is not a folder")
    if not owned(resolved) and any(os.scandir(resolved)):
        raise refuse(f"it is not empty and sitegen did not write it (it has no {MARKER} file); empty or delete "
                     "it, or choose another folder")
    return resolved


def owned(folder: Path) -> bool:
    """``folder`` carries sitegen's marker (a regular file, not a symlink to one)."""
    try:
        return S_ISREG(os.lstat(folder / MARKER).st_mode)
    except OSError:
        return False


# --------------------------------------------------------------------------- incremental output


STAGING = "sitegen-new-"  # ".<output name>.sitegen-new-XXXXXXXX": a build's pages before the commit
RETIRED = "sitegen-old-"  # the replaced tree, when the platform cannot swap two folders in one step
PLAN = "sitegen-commit"  # ".<output name>.sitegen-commit": the commit under way (see commit())


def _beside(out_dir: Path, kind: str) -> str:
    return f".{out_dir.name}.{kind}"


def new_staging(out_dir: Path) -> Path:
    """A fresh folder beside ``out_dir`` (same filesystem, so moves out of it are renames), marked as
    sitegen's and named so that a later build recognises it if this one is killed (see recover())."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=_beside(out_dir, STAGING), dir=out_dir.parent))
    (staging / MARKER).write_bytes(MARKER_TEXT)
    return staging


def discard_staging(staging: Path) -> None:
    """Delete a staging folder this process made (after a failure, or what is left after a commit)."""
    shutil.rmtree(staging, ignore_errors=True)


def write_file(folder: Path, path: str, content: bytes, made: set[str] | None = None) -> int:
    """One page into ``folder`` (a staging dir), creating its parent folders; returns its mtime (ns), which
    the moves that publish it keep (a stat per file after the commit cost ~0.1 s at 15,000 files).

    String paths and a set of folders already ``made`` (pass the same set for every page of a build):
    the pathlib version cost ~50 us of Python per file, ~0.7 s over a 14,000-file site.
    """
    segments = path.split("/")
    if (not path or path[0] == "/" or "\\" in path or ":" in segments[0]
            or any(s in ("", ".", "..") for s in segments)):
        safe_relative(path)  # raises for what is unsafe, with the usual message
        segments = list(safe_relative(path).parts)  # a harmless oddity ("a//b"): write it where pathlib would
    target = os.path.join(str(folder), *segments)
    parent = os.path.dirname(target)
    if made is None or parent not in made:
        os.makedirs(parent, exist_ok=True)
        if made is not None:
            made.add(parent)
    crash_point()
    # os-level calls: open() adds an fstat, an isatty ioctl and an lseek per file, 45,000 calls at 15,000 pages
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)  # umask applies, as open()'s
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(fd, view):]
        return os.fstat(fd).st_mtime_ns
    finally:
        os.close(fd)


def commit(staging: Path, out_dir: Path, *, full: bool, written: list[str], stale: list[str]) -> None:
    """Make ``out_dir`` the new output; called only after every page is staged, so a failed build never
    reaches it. ``out_dir`` changes in one step, by swapping two folders (renameat2's exchange, macOS's
    renamex_np swap), so that a build killed at any moment leaves the old output or the new one.

    ``full``: ``staging`` holds the whole site; it and ``out_dir`` trade places, and the shadow (see
    commit_by_swap()) is made anew from the new output. Otherwise ``staging`` holds only the ``written``
    pages and ``stale`` pages are to go: they are applied to the shadow, which then trades places with
    ``out_dir``; every other file keeps its bytes and mtime.

    Where no swap is possible, an incremental commit moves the pages into ``out_dir`` one by one after
    writing its plan beside ``out_dir``: a build killed during it leaves the plan, and the next build
    completes the commit before anything else (recover()); until then ``out_dir`` can hold a mix. The plan
    stays until finish_commit(), which the build calls once its cache record names the new output: until
    then the next build knows not to trust that record's list of output files.
    """
    out_dir = out_dir.resolve()
    if not (full or written or stale):
        return  # nothing changes (the caller deletes the empty staging folder)
    if not full and (shadow := ready_shadow(out_dir)) is not None:
        commit_by_swap(staging, out_dir, shadow, written, stale)
        return
    commit_by_plan(staging, out_dir, full=full, written=written, stale=stale)
    if full:
        make_shadow(out_dir)  # here, where a full build has paid for a whole tree anyway, not in the next edit


def commit_by_plan(staging: Path, out_dir: Path, *, full: bool, written: list[str], stale: list[str]) -> None:
    """commit() without a shadow: the plan written, then carried out."""
    forget_shadow(out_dir)  # out_dir's files may change in place: the shadow's list of differences would be wrong
    _write_plan(out_dir, {"staging": staging.name, "inode": os.stat(staging).st_ino, "full": full,
                          "written": written, "stale": stale})
    _carry_out(staging, out_dir, full, written, stale)


def finish_commit(out_dir: Path) -> None:
    """The commit into ``out_dir`` is complete and recorded: forget its plan."""
    (out_dir.parent / _beside(out_dir, PLAN)).unlink(missing_ok=True)


def recover(out_dir: Path) -> bool:
    """Before a build into ``out_dir``: complete a commit a killed build left half done, and delete the
    staging folders of killed builds. True when a commit was interrupted (its build's cache record may not
    name the files now in ``out_dir``)."""
    out_dir = out_dir.resolve()
    plan_path = out_dir.parent / _beside(out_dir, PLAN)
    interrupted = False
    plan = _read_plan(plan_path)
    if plan is not None:
        interrupted = True
        staging = out_dir.parent / plan["staging"]
        if plan["staging"].startswith(_beside(out_dir, STAGING)) and os.path.isdir(staging):
            if os.stat(staging).st_ino == plan["inode"]:  # not yet swapped in (or its pages not yet all moved)
                forget_shadow(out_dir)
                _carry_out(staging, out_dir, plan["full"], plan["written"], plan["stale"])
        plan_path.unlink(missing_ok=True)
    elif os.path.lexists(plan_path):
        interrupted = True
        plan_path.unlink()
    for entry in os.scandir(out_dir.parent) if out_dir.parent.is_dir() else ():
        name = entry.name
        if name.startswith((_beside(out_dir, STAGING), _beside(out_dir, RETIRED))):
            if entry.is_dir(follow_symlinks=False) and owned(Path(entry.path)):
                log.info("removing %s, left by a build that did not finish", entry.path)
                shutil.rmtree(entry.path, ignore_errors=True)
        elif (name.startswith((_beside(out_dir, PLAN) + "-", _beside(out_dir, SHADOW_RECORD) + "-"))
              and entry.is_file(follow_symlinks=False)):
            os.unlink(entry.path)  # a plan or shadow record being written when its build was killed
    return interrupted


def _write_plan(out_dir: Path, plan: dict[str, Any]) -> None:
    _write_beside(out_dir, PLAN, plan)


def _write_beside(out_dir: Path, kind: str, data: dict[str, Any]) -> None:
    """A JSON file beside ``out_dir``, replaced in one step (written under a temporary name first)."""
    handle, temp = tempfile.mkstemp(prefix=_beside(out_dir, kind) + "-", dir=out_dir.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(orjson.dumps(data))
        crash_point()
        os.replace(temp, out_dir.parent / _beside(out_dir, kind))
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _read_plan(path: Path) -> dict[str, Any] | None:
    """The plan of an interrupted commit, or None when there is none or it is not one (then nothing in it
    is acted on)."""
    plan = _read_beside(path)
    try:
        fields = (plan["staging"], plan["inode"], plan["full"], plan["written"], plan["stale"])
    except (TypeError, KeyError):
        return None
    kinds = (str, int, bool, list, list)
    if not all(type(value) is kind for value, kind in zip(fields, kinds)) or "/" in plan["staging"]:
        return None
    if not all(type(path) is str for path in (*plan["written"], *plan["stale"])):
        return None
    return plan  # type: ignore[no-any-return]


def _read_beside(path: Path) -> Any:
    """The JSON data of a file written by _write_beside(), or None when it cannot be read (it is checked by
    the caller: the folder beside the output is as untrusted as the site)."""
    try:
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK), "rb") as handle:
            return orjson.loads(handle.read(1 << 26))
    except (OSError, ValueError):
        return None


def _carry_out(staging: Path, out_dir: Path, full: bool, written: list[str], stale: list[str]) -> None:
    """The moves of a commit; each step can be done again after a crash (see recover())."""
    if full:
        os.chmod(staging, 0o755)
        swap_in(staging, out_dir)
        return
    _apply(staging, out_dir, written, stale)
    discard_staging(staging)


def _apply(staging: Path, folder: Path, written: list[str], stale: list[str]) -> None:
    """The ``written`` pages moved from ``staging`` into ``folder``, each replacing its old file by rename (a
    reader never sees half a file, and a file shared with the shadow is never changed), and the ``stale``
    ones deleted."""
    for path in written:
        source = staging.joinpath(*safe_relative(path).parts)
        if not os.path.lexists(source):
            continue  # moved before the crash that interrupted this commit
        target = inside(folder, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        crash_point()
        os.replace(source, target)
    for path in stale:
        crash_point()
        remove_page(folder, path)


def swap_in(staging: Path, out_dir: Path) -> None:
    """``staging`` takes ``out_dir``'s name in one step; the old tree, if any, is then deleted."""
    if not os.path.lexists(out_dir):
        crash_point()
        os.replace(staging, out_dir)
        return
    crash_point()
    if _exchange(staging, out_dir):
        discard_staging(staging)  # now the old tree
        return
    _swap_by_renames(staging, out_dir)


def _swap_by_renames(staging: Path, out_dir: Path) -> None:
    """Where folders cannot be swapped: ``out_dir`` moved aside, ``staging`` moved in (between the two, for
    an instant, there is no ``out_dir``), the old tree deleted."""
    retired = Path(tempfile.mkdtemp(prefix=_beside(out_dir, RETIRED), dir=out_dir.parent))
    retired.rmdir()
    os.replace(out_dir, retired)
    crash_point()
    os.replace(staging, out_dir)
    shutil.rmtree(retired, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE, macOS renamex_np RENAME_SWAP); False
    where the system or the file system cannot."""
    swap = _swap_function()
    if swap is None:
        return False
    if swap(os.fsencode(first), os.fsencode(second)) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(first), None, str(second))


AT_FDCWD = -100
RENAME_EXCHANGE = 2  # Linux <linux/fs.h>
RENAME_SWAP = 2  # macOS <stdio.h>


@functools.cache
def _swap_function() -> Callable[[bytes, bytes], int] | None:
    """The C library's call that swaps two paths, as f(first, second) -> 0 or -1 (errno set); None when it
    has none (glibc < 2.28, some musl, other systems)."""
    name = "renameat2" if sys.platform.startswith("linux") else "renamex_np" if sys.platform == "darwin" else ""
    try:
        function = getattr(ctypes.CDLL(None, use_errno=True), name) if name else None
    except (OSError, AttributeError):
        return None
    if function is None:
        return None
    function.restype = ctypes.c_int
    if name == "renamex_np":
        function.argtypes = (ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint)
        return lambda first, second: int(function(first, second, RENAME_SWAP))
    function.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    return lambda first, second: int(function(AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE))


# --------------------------------------------------------------------------- the shadow: double buffering
#
# ".<output name>.sitegen-shadow" holds the previous generation of the output folder, its unchanged files
# hard links to the output's own (no space, no writes). The record beside it (".<output
# name>.sitegen-shadow.json") names the two folders (by inode) and every path at which they may differ.
# An incremental commit brings the shadow up to date with the output at those paths, applies its own
# changes to it, and swaps the two folders: the swap is the commit point, and the output folder is never
# touched outside it. Files are only ever replaced (rename) or unlinked, never written in place, so a
# file both folders share never changes. The record is written before the shadow is touched and only
# ever names a superset of the differences, so a build killed at any moment leaves a record the next
# commit can trust; a missing or unmatched record costs one hard-linked copy of the output.

SHADOW = "sitegen-shadow"
SHADOW_RECORD = "sitegen-shadow.json"


def ready_shadow(out_dir: Path) -> tuple[Path, list[str]] | None:
    """The shadow of ``out_dir`` and the paths where it may differ from ``out_dir``, made anew when its
    record does not match; None where folders cannot be swapped here (the plan-file commit then)."""
    shadow = out_dir.parent / _beside(out_dir, SHADOW)
    record = _read_beside(out_dir.parent / _beside(out_dir, SHADOW_RECORD))
    if isinstance(record, dict) and record.get("refused") is True:
        log.info("updating %s file by file: this file system cannot swap two folders in one step", out_dir)
        return None
    differ = _matching_differences(record, shadow, out_dir)
    if differ is not None:
        return shadow, differ
    return (shadow, []) if make_shadow(out_dir) else None


def _matching_differences(record: Any, shadow: Path, out_dir: Path) -> list[str] | None:
    """The record's list of differences when it names these two folders (either way round: a build may
    have been killed between the swap and the record's update), else None."""
    if not isinstance(record, dict):
        return None
    pair, differ = (record.get("shadow"), record.get("output")), record.get("differ")
    if not (type(pair[0]) is int and type(pair[1]) is int and type(differ) is list
            and all(type(path) is str and _is_safe(path) for path in differ)):
        return None  # (the record is as untrusted as the site: a bad one costs a new shadow, never a failure)
    try:
        shadow_stat, out_stat = os.lstat(shadow), os.lstat(out_dir)
    except OSError:
        return None
    if not (S_ISDIR(shadow_stat.st_mode) and S_ISDIR(out_stat.st_mode) and owned(shadow)):
        return None
    now = (shadow_stat.st_ino, out_stat.st_ino)
    return differ if now in (pair, pair[::-1]) else None


def _is_safe(path: str) -> bool:
    try:
        safe_relative(path)
    except SitegenError:
        return False
    return True


def make_shadow(out_dir: Path) -> bool:
    """Make the shadow of ``out_dir`` anew: a hard-linked copy of it, put in place by a swap, which also
    proves that this file system can swap folders. False (with a log line) where it cannot, or where the
    shadow's name is taken by something sitegen did not write."""
    shadow = out_dir.parent / _beside(out_dir, SHADOW)
    (out_dir.parent / _beside(out_dir, SHADOW_RECORD)).unlink(missing_ok=True)
    if _swap_function() is None:
        _refuse_swaps(out_dir, "this system")
        return False
    try:
        mode = os.lstat(shadow).st_mode
    except FileNotFoundError:
        os.mkdir(shadow)  # an empty folder to swap the copy with
    else:
        if not S_ISDIR(mode) or not (owned(shadow) or not any(os.scandir(shadow))):
            log.warning("%s is not sitegen's: the output folder is updated file by file, and a killed build "
                        "can leave a mix of old and new files until the next build (delete it to fix this)",
                        shadow)
            return False
    copy = new_staging(out_dir)  # a killed build's copy is deleted by recover(), as any staging folder
    try:
        os.chmod(copy, os.stat(out_dir).st_mode & 0o7777)  # (mkdtemp's 0o700): it will be the output one day
        _link_tree(str(out_dir), str(copy))
        crash_point()
        swapped = _exchange(copy, shadow)
    finally:
        discard_staging(copy)  # the old shadow after the swap, else the unused copy
    if not swapped:
        _refuse_swaps(out_dir, "this file system")
        return False
    _write_shadow_record(out_dir, shadow, [])
    return True


def _refuse_swaps(out_dir: Path, what: str) -> None:
    """Say why ``out_dir`` is not switched in one step here, and remember it until a full build tries again."""
    log.warning("%s cannot swap two folders in one step: the output folder is updated file by file, and a "
                "build killed while doing so leaves a mix of old and new files until the next sitegen command",
                what)
    _write_beside(out_dir, SHADOW_RECORD, {"refused": True})


def _link_tree(source: str, target: str) -> None:
    """``target`` (an empty folder) filled with hard links to ``source``'s files, folder by folder (sitegen
    writes nothing else: symlinks and other files are left out)."""
    for entry in os.scandir(source):
        path = os.path.join(target, entry.name)
        if entry.is_dir(follow_symlinks=False):
            crash_point()
            os.mkdir(path)
            _link_tree(entry.path, path)
        elif entry.name == MARKER and os.path.lexists(path):  # a staging folder's own: replaced, never missing
            os.link(entry.path, path + ".link", follow_symlinks=False)
            os.replace(path + ".link", path)
        elif entry.is_file(follow_symlinks=False):
            os.link(entry.path, path, follow_symlinks=False)


def forget_shadow(out_dir: Path) -> None:
    """The shadow's record no longer holds (``out_dir`` changes in place): the next commit makes it anew. A
    record that this file system refuses swaps stays (a full build tries again: make_shadow())."""
    path = out_dir.parent / _beside(out_dir, SHADOW_RECORD)
    record = _read_beside(path)
    if not (isinstance(record, dict) and record.get("refused") is True):
        path.unlink(missing_ok=True)


def _write_shadow_record(out_dir: Path, shadow: Path, differ: Collection[str]) -> None:
    _write_beside(out_dir, SHADOW_RECORD, {"shadow": os.lstat(shadow).st_ino, "output": os.lstat(out_dir).st_ino,
                                           "differ": sorted(differ)})


def commit_by_swap(staging: Path, out_dir: Path, shadow: tuple[Path, list[str]], written: list[str],
                   stale: list[str]) -> None:
    """An incremental commit: the shadow caught up with ``out_dir`` and given this build's changes, then
    the two swapped. Afterwards the old output is the shadow, behind at exactly this build's paths."""
    folder, behind = shadow
    changes = {*written, *stale}
    _write_shadow_record(out_dir, folder, changes.union(behind))  # before the shadow is touched
    for path in behind:
        _mirror(out_dir, folder, path)
    _apply(staging, folder, written, stale)
    crash_point()
    if not _exchange(folder, out_dir):  # the file system changed since the shadow was made
        _refuse_swaps(out_dir, "this file system")
        _swap_by_renames(folder, out_dir)
        return
    _write_shadow_record(out_dir, folder, changes)


def _mirror(out_dir: Path, shadow: Path, path: str) -> None:
    """Make ``shadow``/``path`` what ``out_dir``/``path`` is: a hard link to the same file, or absent."""
    source, target = inside(out_dir, path), inside(shadow, path)
    crash_point()
    target.unlink(missing_ok=True)
    try:
        is_file = S_ISREG(os.lstat(source).st_mode)
    except FileNotFoundError:
        is_file = False
    if not is_file:
        remove_page(shadow, path)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    os.link(source, target)


CRASH_AFTER = "SITEGEN_TEST_CRASH_AFTER"  # tests only: SIGKILL this process at its Nth file write or move
_crash_count = [0]


def crash_point() -> None:
    """Where tests kill a build (deterministically: at the Nth write, move or swap of its output), to show
    that any moment of a build leaves an output folder and cache the next build can use."""
    limit = os.environ.get(CRASH_AFTER)
    if limit is None:
        return
    _crash_count[0] += 1
    if _crash_count[0] >= int(limit):
        os.kill(os.getpid(), signal.SIGKILL)


def inside(out_dir: Path, path: str) -> Path:
    """``out_dir``/``path``, once no folder on the way there is a symlink; else SitegenError. The paths come
    from the cache record, and the folder may have been committed: neither may lead a write or a delete
    out of the output folder."""
    rel = safe_relative(path)
    current = out_dir
    for part in rel.parts[:-1]:
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            break  # made by the commit, as a real folder
        if S_ISLNK(mode):
            raise SitegenError(f"the output folder holds a symlink, {current}; sitegen will not write or delete "
                               f"through it: delete {out_dir} and build again")
    return out_dir.joinpath(*rel.parts)


def remove_page(out_dir: Path, path: str) -> None:
    """Delete one output file, then any folders it leaves empty (never ``out_dir`` itself)."""
    target = inside(out_dir, path)
    target.unlink(missing_ok=True)
    parent = target.parent
    while parent != out_dir and parent.is_relative_to(out_dir):
        try:
            parent.rmdir()
        except OSError:  # not empty, or already gone
            break
        parent = parent.parent


def intact_paths(target: Path, outputs: dict[str, tuple[str, int, int]]) -> set[str]:
    """Recorded output files whose size and mtime still match (nobody edited or deleted them)."""
    intact = set()
    base = str(target) + os.sep  # string joins: a Path per file cost ~0.1 s at 14,000 files
    for path, (_, size, mtime_ns) in outputs.items():
        try:
            stat = os.stat(base + path)
        except OSError:
            continue
        if stat.st_size == size and stat.st_mtime_ns == mtime_ns:
            intact.add(path)
    return intact
