"""Files the generator keeps for itself between runs, sealed so a repository cannot plant one.

The build cache is a pickle and Jinja's compiled templates hold a pickle and
Python bytecode: loading either runs whatever it says. They live in the
project's `.cache/`, which a repository can commit and a contributor's branch
can fill. So every such file is sealed: it starts with `MAGIC` and an
HMAC-SHA256 of its purpose and its bytes, made with a secret key of this user
kept outside every project (`$XDG_CACHE_HOME/explainer/key`, by default
`~/.cache/explainer/key`), and it is read only when that MAC checks out, over
the exact bytes, before anything is unpickled. A file without a valid seal is
treated as no file (a cold build), never loaded and never reported: a cache
is only ever a faster build.

The key's folder is made 0700 and the key 0600, linked into place whole (so
two builds starting at once agree on one key); a key or folder that is a
symlink, not the user's, or open to others is refused, and then nothing is
sealed or unsealed. The cache folders themselves are used only when they are
real folders owned by the user (`private_folder`), and their files are
opened with O_NOFOLLOW and replaced by rename: a symlink planted in `.cache/`
is never followed, for reading or for writing.
"""

from __future__ import annotations

import contextlib
import hmac
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

Bytes = bytes | bytearray | memoryview

KEY_BYTES = 32
MAGIC = b"explainer-sealed-1\n"
MAC_BYTES = 32  # HMAC-SHA256: 44 ms for a 75 MB cache here (BLAKE2b took 83 ms)
HEADER_BYTES = len(MAGIC) + MAC_BYTES
MAX_SEALED_BYTES = 2**31  # far above a 5,000-dossier cache; a planted giant is not read
# What a file is for, sealed with it: a file sealed for one use is not valid for another.
BUILD_CACHE = b"build-cache"
BUILD_CACHE_PART = b"build-cache-part"  # one part of the parse memo (pipeline.cache_parts)
BUILD_SUMMARY = b"build-summary"
TEMPLATE_CACHE = b"template-cache"


def key_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME", "")
    folder = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return folder / "explainer" / "key"


def user_key() -> bytes | None:
    """This user's secret key, made on first use; None if it cannot be had safely."""
    try:
        path = key_path()
        folder = path.parent
        folder.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            os.mkdir(folder, 0o700)
        info = os.lstat(folder)
        if not _owned_folder(info) or info.st_mode & 0o022:  # others could swap the key
            return None
        key = _read_key(path)
        if key is None and not os.path.lexists(path):
            _create_key(path)
            key = _read_key(path)
    except (OSError, RuntimeError):  # RuntimeError: no home folder to keep it in
        return None
    return key


def _read_key(path: Path) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not _owned_file(info) or info.st_mode & 0o077 or info.st_size != KEY_BYTES:
            return None
        key = stream.read(KEY_BYTES + 1)
    return key if len(key) == KEY_BYTES else None


def _create_key(path: Path) -> None:
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".key-")  # 0600, O_EXCL|O_NOFOLLOW
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(os.urandom(KEY_BYTES))
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(FileExistsError):  # another run made one first: theirs holds
            os.link(temp, path)
    finally:
        os.unlink(temp)


def _owned_folder(info: os.stat_result) -> bool:
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()


def _owned_file(info: os.stat_result) -> bool:
    return stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid()


def _mac(key: bytes, purpose: bytes) -> hmac.HMAC:
    mac = hmac.new(key, digestmod="sha256")
    mac.update(purpose + b"\0")
    return mac


def seal(data: Bytes, key: bytes, purpose: bytes) -> bytes:
    """`data` with its seal in front."""
    mac = _mac(key, purpose)
    mac.update(data)
    return MAGIC + mac.digest() + bytes(data)


def unseal(blob: Bytes, key: bytes, purpose: bytes) -> memoryview | None:
    """The data `seal` sealed (a view of `blob`, not a copy), or None unless the seal
    is this key's, for this purpose, over exactly these bytes."""
    view = memoryview(blob)
    if len(view) < HEADER_BYTES or view[: len(MAGIC)] != MAGIC:
        return None
    data = view[HEADER_BYTES:]
    mac = _mac(key, purpose)
    mac.update(data)
    if not hmac.compare_digest(mac.digest(), bytes(view[len(MAGIC) : HEADER_BYTES])):
        return None
    return data


def private_folder(root: Path, *parts: str, create: bool = True) -> Path | None:
    """`root/parts...`, each level a real folder of this user's (made 0700 if missing
    and `create`), or None when any is a symlink, another user's, or not a folder."""
    folder = root
    for part in parts:
        folder = folder / part
        try:
            if create:
                with contextlib.suppress(FileExistsError):
                    os.mkdir(folder, 0o700)
            if not _owned_folder(os.lstat(folder)):
                return None
        except OSError:
            return None
    return folder


def read_private(path: Path, limit: int = MAX_SEALED_BYTES) -> bytes | None:
    """The bytes of a regular file of this user's, never through a symlink; else None."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as stream:
            info = os.fstat(stream.fileno())
            if not _owned_file(info) or info.st_size > limit:
                return None
            data = stream.read(info.st_size + 1)  # not `limit`: read(n) allocates n bytes
    except OSError:
        return None
    return data if len(data) <= limit else None


def read_sealed(path: Path, key: bytes | None, purpose: bytes) -> memoryview | None:
    """What `write_sealed` wrote at `path` for `purpose`, or None if it is not that."""
    if key is None:
        return None
    blob = read_private(path)
    return None if blob is None else unseal(blob, key, purpose)


def write_private(path: Path, data: bytes) -> None:
    """Put `data` at `path` by renaming a new file over it: a symlink there is replaced,
    never written through. Raises OSError."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def write_sealed(path: Path, data: bytes, key: bytes, purpose: bytes) -> None:
    write_private(path, seal(data, key, purpose))


class _Sealing:
    """A binary stream's `write`, feeding every byte to the MAC on the way."""

    def __init__(self, stream: IO[bytes], mac: hmac.HMAC) -> None:
        self._stream = stream
        self._mac = mac

    def write(self, data: Bytes) -> int:
        self._mac.update(data)
        return self._stream.write(data)


def dump_sealed(
    stream: IO[bytes], key: bytes, purpose: bytes, dump: Callable[[_Sealing], None]
) -> None:
    """Seal what `dump` writes into `stream` (a new, seekable file), as it is written:
    a 75 MB pickle is never held whole in memory. Its MAC goes in the header last."""
    start = stream.tell()
    stream.write(MAGIC + bytes(MAC_BYTES))
    mac = _mac(key, purpose)
    dump(_Sealing(stream, mac))
    end = stream.tell()
    stream.seek(start + len(MAGIC))
    stream.write(mac.digest())
    stream.seek(end)
