"""Reading and writing the project's files without leaking or losing any.

Owns three promises every stage relies on:

- nothing outside the project is read into the site: a symlink under
  `content/`, `templates/` or `seeds/` whose target resolves outside the
  project is refused, and only regular files are ever opened (never a FIFO,
  a device or a `/proc` file, which could hang a build or publish secrets);
- nothing unbounded is read: every read has a size cap with a clear error;
- nothing is half-written: `atomic_write` writes a temporary file beside the
  target, syncs it and renames it over, with the modes a web server needs
  (0644 files, 0755 folders) whatever the umask.

A refusal is an `ExplainerError` naming the path, never a traceback.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from generator.errors import ExplainerError

FILE_MODE = 0o644
DIR_MODE = 0o755
# Caps a writer never meets (the largest real dossier is 11 KB), far below
# what would make a build crawl: they turn a runaway file into one clear error.
MAX_FILE_BYTES = 2_000_000
MAX_FRONT_MATTER_CHARS = 256_000
MAX_ARTICLE_BYTES = 2_000_000
TEMP_SUFFIX = ".explainer-tmp"


def outside_project(path: Path, root: Path) -> bool:
    """True when `path`, with every symlink resolved, lies outside `root`."""
    return _outside(os.path.realpath(path), _real_root(str(root)))


def _real_root(root: str) -> str:
    return os.path.realpath(root)


def _outside(real: str, real_root: str) -> bool:
    return real != real_root and not real.startswith(real_root.rstrip(os.sep) + os.sep)


def links_out_of(folder: Path, root: Path) -> list[Path]:
    """Every symlink under `folder` (file or folder) that leads outside the project.

    Globbing skips a symlinked folder silently; listing it lets the caller name it.
    """
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in [*dirnames, *filenames]:
            path = Path(dirpath) / name
            if path.is_symlink() and outside_project(path, root):
                found.append(path)
    return sorted(found)


def walk_files(folder: str) -> Iterator[os.DirEntry[str]]:
    """Every entry under `folder` that is not a folder (files, and symlinks, which are
    not followed into), in one `os.scandir` pass; a folder that cannot be read is
    passed over. pathlib's rglob and stat cost 0.1 s at 2,000 files, and `serve`,
    the build cache and the search shards walk these trees on every run."""
    pending = [folder]
    while pending:
        try:
            with os.scandir(pending.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(entry.path)
                    else:
                        yield entry
        except OSError:
            continue


# What says that a file changed without reading it: its inode, size, and modification
# and change times (ns). Any write sets the change time, which no writer can set
# back, so an equal stamp means equal bytes; a different stamp only means "look".
FileStamp = tuple[int, int, int, int]


def file_stamp(path: str | os.PathLike[str]) -> FileStamp | None:
    """The stamp of the file `path` names (a symlink's target: a change there is a
    change of the file), or None when there is none to take. The one stamp the build
    summary, the parse memo and `serve`'s watch all compare."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def check_readable(path: Path, root: Path, shown: str | None = None) -> None:
    """Raise ExplainerError unless `path` is a regular file inside the project."""
    name = shown or str(path)
    real = os.path.realpath(path)
    if _outside(real, _real_root(str(root))):
        raise ExplainerError.single(
            name, None, f"symlink points outside the project (to {real}); refused"
        )
    try:
        info = os.stat(real)
    except OSError as exc:
        raise ExplainerError.single(name, None, f"cannot read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise ExplainerError.single(name, None, "not a regular file (FIFO, device or folder)")
    if real.startswith("/proc/"):
        raise ExplainerError.single(name, None, "a /proc file is never part of a site")


def read_bytes(
    path: Path, root: Path, limit: int = MAX_FILE_BYTES, shown: str | None = None
) -> bytes:
    """The bytes of a project file, refused if outside, special or larger than `limit`."""
    name = shown or str(path)
    check_readable(path, root, name)
    try:
        # O_NONBLOCK: should the file be swapped for a FIFO after the check, open never blocks.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise ExplainerError.single(name, None, "not a regular file")
            data = _read_at_most(fd, limit + 1, info.st_size)
        finally:
            os.close(fd)
    except OSError as exc:
        raise ExplainerError.single(name, None, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise ExplainerError.single(
            name, None, f"file is larger than {limit:,} bytes: split it or shorten it"
        )
    return data


def _read_at_most(fd: int, most: int, size: int) -> bytes:
    """The bytes of `fd` to its end, or its first `most` bytes when it has more.

    Asks for the file's `size` (and one byte more, to see its end) first: asking
    for `most` at once makes a buffer of that size for every file (2 MB), which
    cost more than the read itself (about 18 us a file). A file that grew since
    its size was taken is read on, up to `most`, as before."""
    parts: list[bytes] = []
    got, want = 0, min(size + 1, most)
    while got < most:
        part = os.read(fd, want)
        if not part:
            break
        parts.append(part)
        got += len(part)
        want = most - got
    return parts[0] if len(parts) == 1 else b"".join(parts)


def read_text(path: Path, root: Path, limit: int = MAX_FILE_BYTES, shown: str | None = None) -> str:
    """`read_bytes` decoded as UTF-8, with an error naming the file if it is not."""
    data = read_bytes(path, root, limit, shown)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ExplainerError.single(shown or str(path), line, "not UTF-8 text") from None


def _synced_temp(path: Path, data: bytes, mode: int) -> str:
    """A complete, synced temporary file beside `path`, holding `data`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return temp


def atomic_write(path: Path, data: bytes, mode: int = FILE_MODE) -> None:
    """Write `data` to `path` all or nothing: a synced temporary file renamed over it."""
    temp = _synced_temp(path, data, mode)
    try:
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def remove_stale_temps(folder: Path) -> None:
    """Delete temporary files `atomic_write` left when a process was killed mid-write."""
    if not folder.is_dir():
        return
    for temp in folder.rglob(f".*{TEMP_SUFFIX}"):
        if temp.is_file() and not temp.is_symlink():
            with contextlib.suppress(OSError):
                temp.unlink()


def os_error_message(exc: OSError) -> str:
    """`path: error: reason` for a disk fault, the way the CLI prints every problem."""
    where = exc.filename if exc.filename is not None else "explainer"
    return f"{where}: error: {exc.strerror or exc}"


def umask_keeps_modes() -> bool:
    """Whether the process's umask leaves `FILE_MODE` and `DIR_MODE` as they are (it
    clears no bit of 0755: 022, say), so that a file or folder made with its mode needs
    no chmod. Read from /proc: setting the umask to learn it would race other threads.
    False where it cannot be read."""
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"Umask:"):
                    return int(line.split()[1], 8) & DIR_MODE == 0
    except (OSError, ValueError, IndexError):
        pass
    return False


def fix_modes(folder: Path) -> None:
    """0755 folders and 0644 files under `folder`, whatever the umask: a web server must
    read them."""
    os.chmod(folder, DIR_MODE)
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames:
            os.chmod(os.path.join(dirpath, name), DIR_MODE)
        for name in filenames:
            os.chmod(os.path.join(dirpath, name), FILE_MODE)
