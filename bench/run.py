"""The benchmark: our builds beside Hugo's and the peers' on one synthetic corpus, and a
correctness check.

Owns the measuring, not the measured: it makes a deterministic corpus with
`make_corpus.py` (N dossiers x 2 languages: ours, and equivalent Hugo, Pelican and
MkDocs sites), then, per round and interleaved, times whole processes under GNU time
(`/usr/bin/time -f '%e %U %S %M'`):

  Hugo               hugo --source hugo --quiet, after moving its public/ away (minimal templates)
  Hugo + Pagefind    the same, then Pagefind's binary on Hugo's output into a clean folder
                     (what a Hugo newsroom with search runs in CI)
  Pelican            pelican -s pelicanconf.py -q, after moving its output/ away (no search)
  MkDocs             mkdocs build -q with mkdocs-static-i18n, after moving site/ away (no search)
  cold, no search    explainer build --no-search after moving public/ and .cache/ away (if supported)
  cold               explainer build after moving public/ and .cache/ away
  warm               explainer build again, nothing changed
  body edit          after appending one sentence to one actor's en body
  another body edit  after appending one more (the build before last is at hand now)
  title change       after changing that actor's title (id and en files)
  add dossier        after adding one new actor (id and en) citing an existing source

Every tool's old output is moved into the corpus folder's trash before it builds,
and the trash is emptied after the run, not deleted in between (`Area.retire` says
why). Round 0 is a warm-up and is not counted; every edit is undone at the end of each round,
so the rounds are equal. Then `serve_latency.py` times edit-to-served with `serve`.
A peer that is not installed is skipped, and the table says so (Pelican and MkDocs:
`pip install -e '.[bench]'`; Pagefind comes with the project). It prints and writes a
markdown table of medians (min-max) of wall seconds, CPU seconds (user + sys,
waited-for children included) and peak RSS (largest single process), each as a ratio
to Hugo's median in the same run (wall and CPU also to Hugo + Pagefind's), and, given
two N, how the time scales.

`--verify` is the correctness mode: on a small corpus, after each step of a scripted
sequence (nothing changed, body edit, title change, add dossier, delete dossier), the
incrementally built public/ must equal, byte for byte, a cold build of the same content
made from scratch in a twin folder.

It writes only inside --corpus (default /tmp/explainer-bench; a folder it made, marked
with .explainer-bench) and --out; it installs hugo and time with apt-get when missing and
run as root. Every process it starts has a timeout and is stopped with its children.

    .venv/bin/python bench/run.py --n 1000 --rounds 3 --out bench/results.md
    .venv/bin/python bench/run.py --n 1000 --n 5000 --rounds 3     # with scaling
    .venv/bin/python bench/run.py --verify                          # N=40, pass/fail
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_corpus  # noqa: E402  (bench/ is not a package)

TRASH = ".trash"  # outputs moved out of the way during a run (`Area.retire`)
MARKER = ".explainer-bench"
ACTOR = "dossier-00001"  # the actor edited and renamed
ADDED = "bench-added-actor"  # the dossier added
TIME_FORMAT = "%e %U %S %M"

HUGO = "Hugo, full build"
HUGO_PAGEFIND = "Hugo + Pagefind"
PELICAN = "Pelican (no search)"
MKDOCS = "MkDocs + static-i18n (no search)"
PEER_ROWS = (HUGO_PAGEFIND, PELICAN, MKDOCS)
COLD_NO_SEARCH = "cold, no search"
COLD = "cold"
WARM = "warm (nothing changed)"
EDIT = "one body edit"
EDIT_AGAIN = "another body edit"
TITLE = "one title change"
ADD = "one dossier added"
SERVE = "serve: edit → served"
ROWS = (HUGO, *PEER_ROWS, COLD_NO_SEARCH, COLD, WARM, EDIT, EDIT_AGAIN, TITLE, ADD)
DESCRIPTIONS = {
    HUGO: "`hugo --source hugo --quiet` after moving hugo/public away (minimal templates, no search)",
    HUGO_PAGEFIND: "the same, then `pagefind --site hugo/public --output-subdir pagefind`"
    " (Pagefind's binary, as a Hugo newsroom's CI runs it), into a clean folder",
    PELICAN: "`pelican -s pelicanconf.py -q` after moving pelican/output away (no cache, no feeds)",
    MKDOCS: "`mkdocs build -q` (mkdocs-static-i18n, suffix layout) after moving mkdocs/site away",
    COLD_NO_SEARCH: "`explainer build --no-search` after moving public/ and .cache/ away",
    COLD: "`explainer build` after moving public/ and .cache/ away: everything, search index included",
    WARM: "`explainer build` again, nothing changed",
    EDIT: f"after appending one sentence to content/actors/{ACTOR}.en.md",
    EDIT_AGAIN: "after appending one more: a writer's next edit, with the output before last"
    " kept (`.public.spare`) to update instead of a new tree of folders",
    TITLE: f"after changing the title in {ACTOR}.id.md and {ACTOR}.en.md",
    ADD: f"after adding content/actors/{ADDED}.{{id,en}}.md (cites an existing source)",
    SERVE: "`explainer serve`: a save of an actor's en file until its page is served with it",
}


class BenchError(Exception):
    """A step failed: a build exited non-zero, timed out, or the corpus is not as expected."""


@dataclass
class Sample:
    wall: float  # seconds
    cpu: float  # user + sys seconds, waited-for children included
    rss: float  # MiB, the largest single process
    said: str = ""  # the command's "built …" line on stderr (else its last line)


@dataclass
class Results:
    n: int
    rounds: int
    samples: dict[str, list[Sample]] = field(default_factory=dict)
    serve: list[float] = field(default_factory=list)  # seconds
    serve_note: str = ""
    loads: list[str] = field(default_factory=list)  # "round r: start / end"
    pages: str = ""
    no_search: bool = False
    skipped: dict[str, str] = field(default_factory=dict)  # row -> why it was not measured


# ---------------------------------------------------------------------------
# Processes and folders
# ---------------------------------------------------------------------------


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


def run_group(cmd: Sequence[str], timeout: float, **kwargs: object) -> subprocess.Popen[bytes]:
    """Run cmd in its own process group; on timeout stop the whole group and raise."""
    proc = subprocess.Popen(cmd, start_new_session=True, **kwargs)  # type: ignore[call-overload]
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise BenchError(f"timed out after {timeout:.0f} s: {' '.join(cmd)}") from None
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return proc  # type: ignore[no-any-return]


def timed(cmd: Sequence[str], cwd: Path, timeout: float) -> Sample:
    """One whole-process measurement under GNU time; BenchError if it fails."""
    with tempfile.TemporaryDirectory(dir=cwd.parent) as tmp:
        tf, err = Path(tmp) / "time", Path(tmp) / "stderr"
        with err.open("wb") as stderr:
            proc = run_group(
                ["/usr/bin/time", "-o", str(tf), "-f", TIME_FORMAT, *cmd],
                timeout,
                cwd=cwd,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )
        if proc.returncode != 0:
            tail = err.read_text(errors="replace").strip().splitlines()[-15:]
            raise BenchError(f"failed ({proc.returncode}): {' '.join(cmd)}\n" + "\n".join(tail))
        wall, user, sys_, rss = tf.read_text().split()[-4:]
        lines = err.read_text(errors="replace").strip().splitlines() or [""]
        said = next((line for line in lines if line.startswith("built ")), lines[-1])
    return Sample(float(wall), float(user) + float(sys_), int(rss) / 1024, said)


class Area:
    """The corpus folder: everything this script writes goes under it (and --out)."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        if self.root.exists() and any(self.root.iterdir()) and not (self.root / MARKER).exists():
            raise SystemExit(
                f"{self.root} exists, is not empty and was not made by bench/run.py "
                f"(no {MARKER}): choose another --corpus"
            )
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / MARKER).write_text("Written by bench/run.py; safe to delete.\n")

    def remove(self, path: Path) -> None:
        """rm -rf, refused outside the corpus folder."""
        path = path.absolute()
        if self.root not in path.parents:
            raise BenchError(f"refusing to remove {path}: outside {self.root}")
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)

    def retire(self, path: Path) -> None:
        """Move `path` out of the way, into the corpus folder's trash, emptied by
        `empty_trash` once nothing is timed any more.

        Not deleted now: on an ext4 without a journal (as on our bench machine), a
        file or folder made within about a minute of a mass deletion scans past every
        inode just freed (`recently_deleted`), so the build timed next would pay for
        the deletion, by how many files it makes, not by what it does. A CI runner
        starts from a fresh clone, with nothing just deleted."""
        path = path.absolute()
        if self.root not in path.parents:
            raise BenchError(f"refusing to move {path}: outside {self.root}")
        trash = self.root / TRASH
        trash.mkdir(exist_ok=True)
        path.rename(Path(tempfile.mkdtemp(dir=trash)) / path.name)

    def empty_trash(self) -> None:
        if (self.root / TRASH).exists():
            self.remove(self.root / TRASH)


def ensure_tools() -> None:
    """hugo and GNU time, installed with apt-get when missing and run as root."""
    missing = [
        pkg for cmd, pkg in (("hugo", "hugo"), ("/usr/bin/time", "time")) if not shutil.which(cmd)
    ]
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise SystemExit(f"missing {', '.join(missing)}: apt-get install -y {' '.join(missing)}")
    print(f"installing {', '.join(missing)} with apt-get", flush=True)
    run_group(["apt-get", "install", "-y", "-q", *missing], 900, stdout=subprocess.DEVNULL)
    if any(not shutil.which(c) for c in ("hugo", "/usr/bin/time")):
        raise SystemExit(f"apt-get install {' '.join(missing)} did not provide them")


def output_of(cmd: Sequence[str], cwd: Path | None = None, timeout: float = 60) -> str:
    try:
        done = subprocess.run(
            cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return (done.stdout + done.stderr).strip() if done.returncode == 0 else ""


def interpreter_of(script: str) -> str:
    """The Python a console script runs with (its #! line), or "" if it names none."""
    try:
        first = Path(script).read_bytes()[:200].splitlines()[0].decode()
    except (OSError, IndexError, UnicodeDecodeError):
        return ""
    return first[2:].strip() if first.startswith("#!") else ""


def describe_explainer(explainer: str) -> str:
    """Where the measured command's `generator` package lives, and its git commit."""
    python = interpreter_of(explainer)
    if not python:
        return explainer
    code = "import generator, pathlib; print(pathlib.Path(generator.__file__).parent)"
    package = output_of([python, "-I", "-c", code], cwd=Path("/"))  # not this folder's copy
    if not package:
        return explainer
    commit = output_of(["git", "-C", package, "rev-parse", "--short", "HEAD"])
    dirty = output_of(["git", "-C", package, "status", "--porcelain", "--", "."])
    state = f" @ {commit}" + (" + uncommitted changes" if dirty else "") if commit else ""
    return f"{explainer} (generator: {package}{state}; code {code_digest(Path(package))})"


def code_digest(package: Path) -> str:
    """A digest of every .py file of the package: tells apart two states of one commit."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:10]


# ---------------------------------------------------------------------------
# The peers
# ---------------------------------------------------------------------------

INSTALL_PEERS = "pip install -e '.[bench]'"


@dataclass(frozen=True)
class Peer:
    """One peer's build of its copy of the corpus, or why it cannot run here."""

    row: str
    folder: str  # its site in the corpus (make_corpus's peer name)
    command: list[str]  # empty: skipped
    outputs: tuple[str, ...] = ()  # removed before each build, relative to its folder
    skipped: str = ""
    version: str = ""


def tool(name: str) -> str | None:
    """An executable beside this Python (the project's .venv/bin), else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which(name)


def pagefind_binary(explainer: str) -> str | None:
    """Pagefind's own binary: the one the measured command's environment bundles (the
    `pagefind[extended]` dependency), else `pagefind` on PATH."""
    python = interpreter_of(explainer)
    for package in ("pagefind_bin_extended", "pagefind_bin"):
        code = f"from {package} import get_executable; print(get_executable())"
        found = output_of([python, "-I", "-c", code], cwd=Path("/")) if python else ""
        if found and Path(found).is_file():
            return found
    return shutil.which("pagefind")


def find_peers(explainer: str, corpus: Path) -> list[Peer]:
    """Hugo + Pagefind, Pelican and MkDocs, each with its command on `corpus`'s copy,
    or skipped with the reason (not installed)."""
    hugo = corpus / "hugo"
    peers = []
    pagefind = pagefind_binary(explainer)
    if pagefind:
        both = 'hugo --source "$1" --quiet && "$2" --site "$1/public" --output-subdir pagefind --silent'
        peers.append(
            Peer(
                HUGO_PAGEFIND, "hugo", ["sh", "-c", both, "sh", str(hugo), pagefind],
                ("public", "resources"), version=output_of([pagefind, "--version"]),
            )
        )  # fmt: skip
    else:
        peers.append(
            Peer(
                HUGO_PAGEFIND,
                "hugo",
                [],
                skipped="no Pagefind binary (the `pagefind[extended]` of the measured command, or `pagefind` on PATH)",
            )
        )
    pelican = tool("pelican")
    if pelican:
        config = str(corpus / "pelican" / "pelicanconf.py")
        version = output_of([pelican, "--version"])
        peers.append(
            Peer(PELICAN, "pelican", [pelican, "-s", config, "-q"], ("output",), version=version)
        )
    else:
        peers.append(Peer(PELICAN, "pelican", [], skipped=f"not installed: {INSTALL_PEERS}"))
    mkdocs = tool("mkdocs")
    names = "'mkdocs', 'mkdocs-static-i18n'"
    check = (
        f"import importlib.metadata as m; print(*(f'{{n}} {{m.version(n)}}' for n in ({names})))"
    )
    version = output_of([interpreter_of(mkdocs) or sys.executable, "-c", check]) if mkdocs else ""
    if version:
        config = str(corpus / "mkdocs" / "mkdocs.yml")
        peers.append(
            Peer(
                MKDOCS, "mkdocs", [mkdocs, "build", "-q", "-f", config], ("site",), version=version
            )
        )
    else:
        reason = "mkdocs-static-i18n" if mkdocs else "MkDocs"
        peers.append(Peer(MKDOCS, "mkdocs", [], skipped=f"{reason} not installed: {INSTALL_PEERS}"))
    return peers


# ---------------------------------------------------------------------------
# The corpus and its edits
# ---------------------------------------------------------------------------


class Corpus:
    """One explainer project made by make_corpus, the edits applied to it, and their undoing."""

    def __init__(self, area: Area, site: Path) -> None:
        self.area, self.site = area, site
        self.content = site / "content"
        self.en = self.content / "actors" / f"{ACTOR}.en.md"
        self.id = self.content / "actors" / f"{ACTOR}.id.md"
        if not (self.en.is_file() and self.id.is_file()):
            raise BenchError(f"no actor {ACTOR} in {self.content}")
        self.originals = {p: p.read_bytes() for p in (self.en, self.id)}
        self.touched: dict[Path, bytes] = {}  # originals of files deleted or rewritten

    def clean(self) -> None:
        """public/, .cache/ (and staging leftovers) moved away: the next build is cold."""
        for path in [self.site / "public", self.site / ".cache", *self.site.glob(".public.*")]:
            if path.exists() or path.is_symlink():
                self.area.retire(path)

    def body_edit(self, tag: str) -> None:
        with self.en.open("a", encoding="utf-8") as f:
            f.write(f"\nOne more sentence for round {tag}.\n")

    def title_change(self, tag: str) -> None:
        for path, title in ((self.id, f"Aktor berganti nama {tag}"), (self.en, f"Renamed {tag}")):
            lines = path.read_text(encoding="utf-8").split("\n")
            at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
            lines[at] = f'title: "{title}"'
            path.write_text("\n".join(lines), encoding="utf-8")

    def add_dossier(self) -> None:
        source = sorted(self.content.glob("sources/*.id.md"))[0].name.split(".")[0]
        texts = {
            "id": (
                "Aktor tambahan",
                f"Aktor yang ditambahkan oleh tolok ukur. [@{source}]",
                ["kind: organisation", "aliases: []", "affiliation: null", f"sources: [{source}]"],
                f"Aktor ini bekerja dengan [[{ACTOR}]] di wilayah yang sama. [@{source}]",
            ),
            "en": (
                "Added actor",
                f"An actor added by the benchmark. [@{source}]",
                [],
                f"This actor works with [[{ACTOR}]] in the same region. [@{source}]",
            ),
        }
        for lang, (title, summary, neutral, body) in texts.items():
            front = ["---", f'title: "{title}"', f'summary: "{summary}"', *neutral, "---"]
            path = self.content / "actors" / f"{ADDED}.{lang}.md"
            path.write_text("\n".join(front) + "\n" + body + "\n", encoding="utf-8")

    def delete_dossier(self) -> str:
        """Delete the first relationship and unlink it where linked (`[[slug|label]]` -> label).

        Relationships are named only by such links, so the site stays valid. Returns what
        was done, for the report."""
        doomed = sorted(self.content.glob("relationships/*.md"))[:2]
        if not doomed:
            raise BenchError(f"no relationship in {self.content} to delete")
        slug = doomed[0].name.split(".")[0]
        link = re.compile(r"\[\[" + re.escape(slug) + r"(?:\|([^\]]*))?\]\]")
        for path in doomed:
            self.touched.setdefault(path, path.read_bytes())
            path.unlink()
        unlinked = 0
        for path in sorted(self.content.rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            new = link.sub(lambda m: m.group(1) or slug, text)
            if new != text:
                self.touched.setdefault(path, path.read_bytes())
                path.write_text(new, encoding="utf-8")
                unlinked += 1
        return f"{slug}, unlinked in {unlinked} files"

    def restore(self) -> None:
        """Undo every edit: the corpus is as make_corpus wrote it."""
        for path, data in {**self.originals, **self.touched}.items():
            path.write_bytes(data)
        self.touched.clear()
        for lang in make_corpus.LANGS:
            (self.content / "actors" / f"{ADDED}.{lang}.md").unlink(missing_ok=True)


# ---------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------


def supports_no_search(explainer: str) -> bool:
    return "--no-search" in output_of([explainer, "build", "--help"])


def measure(args: argparse.Namespace, area: Area, n: int) -> Results:
    folder = area.root / f"n{n}"
    if folder.exists():
        area.remove(folder)
    folder.mkdir()
    started = time.perf_counter()
    peers = find_peers(args.explainer, folder)
    wanted = ("explainer", "hugo", *(p.folder for p in peers if p.command and p.folder != "hugo"))
    words = make_corpus.make_corpus(folder, n, args.project, wanted)
    print(f"corpus: {n} dossiers x 2 languages, ~{words} words/body, in {folder} "
          f"({time.perf_counter() - started:.0f} s)", flush=True)  # fmt: skip
    corpus = Corpus(area, folder / "explainer")
    hugo_site = folder / "hugo"
    build = [args.explainer, "--project", str(corpus.site), "build"]
    results = Results(n=n, rounds=args.rounds, no_search=supports_no_search(args.explainer))
    results.skipped = {p.row: p.skipped for p in peers if not p.command}
    for row, why in results.skipped.items():
        print(f"skipped: {row}: {why}", flush=True)
    raw = (folder / "raw.tsv").open("w", encoding="utf-8")
    raw.write("round\tmeasurement\twall_s\tcpu_s\trss_mib\tload\n")

    def step(name: str, rnd: int, cmd: Sequence[str], cwd: Path) -> None:
        sample = timed(cmd, cwd, args.timeout)
        counted = rnd > 0
        if counted:
            results.samples.setdefault(name, []).append(sample)
        raw.write(
            f"{rnd}\t{name}\t{sample.wall}\t{sample.cpu:.2f}\t{sample.rss:.1f}\t{loadavg()}\n"
        )
        raw.flush()
        print(f"  {name:<24} {sample.wall:7.2f} s wall {sample.cpu:7.2f} s cpu "
              f"{sample.rss:6.0f} MiB", flush=True)  # fmt: skip

    try:
        for rnd in range(args.rounds + 1):
            start_load = loadavg()
            print(f"N={n} round {rnd}{' (warm-up, not counted)' if rnd == 0 else ''} "
                  f"load {start_load}", flush=True)  # fmt: skip
            for path in (hugo_site / "public", hugo_site / "resources"):
                if path.exists():
                    area.retire(path)
            step(HUGO, rnd, ["hugo", "--source", str(hugo_site), "--quiet"], hugo_site)
            for peer in (p for p in peers if p.command):
                site = folder / peer.folder
                for name in peer.outputs:
                    if (site / name).exists():
                        area.retire(site / name)
                step(peer.row, rnd, peer.command, site)
            if results.no_search:
                corpus.clean()
                step(COLD_NO_SEARCH, rnd, [*build, "--no-search"], corpus.site)
            corpus.clean()
            step(COLD, rnd, build, corpus.site)
            step(WARM, rnd, build, corpus.site)
            corpus.body_edit(str(rnd))
            step(EDIT, rnd, build, corpus.site)
            corpus.body_edit(f"{rnd}, again")
            step(EDIT_AGAIN, rnd, build, corpus.site)
            corpus.title_change(str(rnd))
            step(TITLE, rnd, build, corpus.site)
            corpus.add_dossier()
            step(ADD, rnd, build, corpus.site)
            corpus.restore()
            if rnd > 0:
                results.loads.append(f"round {rnd}: {start_load} → {loadavg()}")
        ours = sum(1 for _ in (corpus.site / "public").rglob("*.html"))
        theirs = sum(1 for _ in (hugo_site / "public").rglob("*.html"))
        search = sum(1 for _ in (corpus.site / "public/pagefind").rglob("*"))
        results.pages = f"ours {ours} HTML files (+ {search} Pagefind files); Hugo {theirs}"
        for name, out in (("Pelican", "pelican/output"), ("MkDocs", "mkdocs/site")):
            if (folder / out).is_dir():
                results.pages += f"; {name} {sum(1 for _ in (folder / out).rglob('*.html'))}"
    finally:
        corpus.restore()
        raw.close()
    if args.serve_edits > 0:
        serve_latency(args, area, corpus, folder, results)
    return results


def serve_latency(
    args: argparse.Namespace, area: Area, corpus: Corpus, folder: Path, results: Results
) -> None:
    """bench/serve_latency.py on a copy of the corpus (inside the corpus folder)."""
    corpus.clean()
    report = folder / "serve.json"
    cmd = [
        sys.executable, str(HERE / "serve_latency.py"), "--project", str(corpus.site),
        "--explainer", args.explainer, "--builds", "0", "--edits", str(args.serve_edits),
        "--workdir", str(folder / "serve"), "--json", str(report),
        "--start-timeout", str(args.timeout), "--edit-timeout", str(args.serve_timeout),
    ]  # fmt: skip
    load = loadavg()
    print(f"N={results.n} serve: {args.serve_edits} edits, load {load}", flush=True)
    limit = args.timeout + args.serve_edits * (args.serve_timeout + 1) + 120
    log = folder / "serve.out"
    try:
        with log.open("wb") as out:
            proc = run_group(cmd, limit, stdout=out, stderr=subprocess.STDOUT)
        text = log.read_text(errors="replace").strip()
        print("  " + text.replace("\n", "\n  "), flush=True)
        if proc.returncode != 0:
            results.serve_note = f"failed: {text.splitlines()[-1] if text else proc.returncode}"
            return
        results.serve = json.loads(report.read_text())["latencies_s"]
        results.loads.append(f"serve: {load} → {loadavg()}")
    except BenchError as exc:
        results.serve_note = str(exc)


# ---------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------


def spread(values: list[float], fmt: str) -> str:
    m = statistics.median(values)
    return f"{m:{fmt}} ({min(values):{fmt}}–{max(values):{fmt}})"


def medians(samples: list[Sample] | None) -> dict[str, float]:
    if not samples:
        return {}
    return {k: statistics.median(getattr(s, k) for s in samples) for k in ("wall", "cpu", "rss")}


def table(res: Results) -> list[str]:
    """One row per measurement: wall and CPU as ratios to Hugo and to Hugo + Pagefind,
    peak memory to Hugo."""
    hugo, searched = medians(res.samples[HUGO]), medians(res.samples.get(HUGO_PAGEFIND))

    def ratio(value: float, key: str, ref: dict[str, float], digits: int = 2) -> str:
        return f"{value / ref[key]:.{digits}f}" if ref else "n/a"

    lines = [
        "| measurement | wall s | × Hugo | × Hugo + Pagefind | CPU s | × Hugo "
        "| × Hugo + Pagefind | peak RSS MiB | × Hugo |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in ROWS:
        samples = res.samples.get(row)
        if not samples:
            why = res.skipped.get(row, "")
            lines.append(f"| {row} | n/a{': ' + why if why else ''} | | | | | | | |")
            continue
        mid = medians(samples)
        cells = []
        for key, fmt in (("wall", ".2f"), ("cpu", ".2f"), ("rss", ".0f")):
            cells += [spread([getattr(s, key) for s in samples], fmt), ratio(mid[key], key, hugo)]
            if key != "rss":
                cells.append(ratio(mid[key], key, searched))
        lines.append(f"| {row} | " + " | ".join(cells) + " |")
    if res.serve:
        wall = statistics.median(res.serve)
        cells = [ratio(wall, "wall", hugo, 3), ratio(wall, "wall", searched, 3)]
        lines.append(
            f"| {SERVE} | {spread(res.serve, '.3f')} | {' | '.join(cells)} | – | | | – | |"
        )
    else:
        lines.append(f"| {SERVE} | n/a {res.serve_note} | | | | | | | |".replace("  ", " "))
    return lines


# Issue 25's targets: (our row, the reference row, the largest ratio that meets it).
TARGETS = (
    (COLD, HUGO_PAGEFIND, 1.5),
    (COLD_NO_SEARCH, HUGO, 2.0),
    (EDIT, HUGO, 0.5),
    (TITLE, HUGO, 0.5),
    (COLD, PELICAN, 1.0),
    (COLD, MKDOCS, 1.0),
)


def targets(res: Results) -> list[str]:
    """Each target as measured: the ratio of the medians, wall and CPU, and whether it is met
    (memory: cold's peak RSS against Hugo's, at most 0.5)."""
    lines = [
        "| target | wall × | CPU × | met (wall, CPU) |",
        "|---|---:|---:|---|",
    ]
    for ours, ref, limit in TARGETS:
        a, b = medians(res.samples.get(ours)), medians(res.samples.get(ref))
        name = f"{ours} ≤ {limit:g}× {ref}"
        if not a or not b:
            lines.append(f"| {name} | n/a | n/a | not measured |")
            continue
        wall, cpu = a["wall"] / b["wall"], a["cpu"] / b["cpu"]
        met = ", ".join("yes" if r <= limit else "no" for r in (wall, cpu))
        lines.append(f"| {name} | {wall:.2f} | {cpu:.2f} | {met} |")
    a, b = medians(res.samples.get(COLD)), medians(res.samples.get(HUGO))
    if a and b:
        rss = a["rss"] / b["rss"]
        lines.append(
            f"| {COLD}: peak RSS ≤ 0.5× {HUGO} | {rss:.2f} (RSS) | | {'yes' if rss <= 0.5 else 'no'} |"
        )
    return lines


def scaling(small: Results, large: Results) -> list[str]:
    k = large.n / small.n
    lines = [
        f"Scaling: {large.n} vs {small.n} dossiers ({k:g}× the content) cost, in median wall "
        "time (CPU time):",
        "",
        f"| measurement | N={small.n} wall s | N={large.n} wall s | × time | × CPU |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in ROWS:
        a, b = small.samples.get(row), large.samples.get(row)
        if not a or not b:
            lines.append(f"| {row} | n/a | n/a | n/a | n/a |")
            continue
        wa, wb = (statistics.median(s.wall for s in x) for x in (a, b))
        ca, cb = (statistics.median(s.cpu for s in x) for x in (a, b))
        lines.append(f"| {row} | {wa:.2f} | {wb:.2f} | {wb / wa:.2f} | {cb / ca:.2f} |")
    return lines


def header(args: argparse.Namespace) -> list[str]:
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    return [
        f"- date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; machine: {os.cpu_count()} cores, "
        f"{model}, {platform.system()} {platform.release()}",
        f"- measured: {args.measured}",
        *(
            [f"- **the measured code changed during the run**; at the end: {args.measured_end}"]
            if args.measured_end != args.measured
            else []
        ),
        f"- corpus templates and site.yaml from: {args.project}",
        f"- hugo: {output_of(['hugo', 'version']).splitlines()[0]}",
        *(
            f"- {p.row.split(' (')[0]}: {p.skipped or p.version or 'version unknown'}"
            for p in args.peers
        ),
        f"- rounds: {args.rounds} counted, interleaved, after one warm-up round; "
        "median (min–max); × Hugo = this median / Hugo's median in the same run "
        "(× Hugo + Pagefind: over that row's)",
    ]


def report(args: argparse.Namespace, runs: list[Results]) -> str:
    out = ["# explainer build beside Hugo, Pagefind, Pelican and MkDocs", "", *header(args), ""]
    for res in runs:
        out += [f"## N = {res.n} dossiers × 2 languages", ""]
        out += [f"- pages: {res.pages}", "- load average (1/5/15 min):"]
        out += [f"  - {load}" for load in res.loads]
        if not res.no_search:
            out.append("- `explainer build` has no `--no-search` flag: that row is n/a")
        out += ["", *table(res), "", "Targets (issue 25):", "", *targets(res), ""]
    if len(runs) >= 2:
        out += [*scaling(runs[0], runs[-1]), ""]
    return "\n".join(out)


# ---------------------------------------------------------------------------
# --verify
# ---------------------------------------------------------------------------


def tree(root: Path) -> dict[str, bytes | None]:
    """Every path under root: file bytes, symlink target, or None for a folder."""
    out: dict[str, bytes | None] = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        if path.is_symlink():
            out[rel] = b"-> " + os.readlink(path).encode()
        elif path.is_dir():
            out[rel] = None
        else:
            out[rel] = path.read_bytes()
    return out


def compare(incremental: Path, cold: Path) -> list[str]:
    a, b = tree(incremental), tree(cold)
    diffs = [f"only in the incremental build: {p}" for p in sorted(a.keys() - b.keys())]
    diffs += [f"only in the cold build: {p}" for p in sorted(b.keys() - a.keys())]
    diffs += [f"differs: {p}" for p in sorted(a.keys() & b.keys()) if a[p] != b[p]]
    return diffs


def verify(args: argparse.Namespace, area: Area) -> int:
    n = args.n[0] if args.n else 40
    folder = area.root / f"verify-n{n}"
    if folder.exists():
        area.remove(folder)
    folder.mkdir()
    make_corpus.make_corpus(folder, n, args.project, ("explainer",))
    shutil.copytree(folder / "explainer", folder / "cold")
    inc, cold = Corpus(area, folder / "explainer"), Corpus(area, folder / "cold")
    print(f"verify: N={n}; measured: {describe_explainer(args.explainer)}; load {loadavg()}")
    deleted: list[str] = []
    steps: list[tuple[str, Callable[[Corpus], object]]] = [
        ("first build", lambda c: None),
        ("nothing changed", lambda c: None),
        ("body edit", lambda c: c.body_edit("v")),
        ("title change", lambda c: c.title_change("v")),
        ("add dossier", lambda c: c.add_dossier()),
        ("delete dossier", lambda c: deleted.append(str(c.delete_dossier()))),
    ]
    failed = 0
    for name, change in steps:
        change(inc)
        change(cold)
        cold.clean()
        said = ""
        for corpus in (inc, cold):
            build = [args.explainer, "--project", str(corpus.site), "build"]
            sample = timed(build, corpus.site, args.timeout)  # BenchError if it fails
            said = said or sample.said
        diffs = compare(inc.site / "public", cold.site / "public")
        files = sum(1 for v in tree(inc.site / "public").values() if v is not None)
        what = f" ({deleted[-1]})" if name == "delete dossier" and deleted else ""
        if not diffs:
            print(f"  PASS  {name}{what}: {files} files identical; incremental: {said}", flush=True)
            continue
        failed += 1
        only_search = all("pagefind" in d.split(": ", 1)[1].split("/")[0] for d in diffs)
        scope = " (all under pagefind/)" if only_search else ""
        print(f"  FAIL  {name}{what}: {len(diffs)} differences{scope}", flush=True)
        for d in diffs[:8]:
            print(f"          {d}")
    verdict = "PASS" if not failed else f"FAIL ({failed} of {len(steps)} steps)"
    print(f"verify: {verdict}: incremental public/ vs a cold build from scratch, byte for byte, "
          "nothing excluded")  # fmt: skip
    return 0 if not failed else 1


# ---------------------------------------------------------------------------


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, action="append", help="dossiers (repeat for scaling)")
    parser.add_argument("--rounds", type=int, default=3, help="counted rounds (+1 warm-up)")
    parser.add_argument("--project", type=Path, default=HERE.parent, help="site.yaml, templates")
    parser.add_argument("--explainer", help="command measured (default: PROJECT/.venv/bin/...)")
    parser.add_argument("--out", type=Path, help="markdown results (default: CORPUS/results.md)")
    parser.add_argument(
        "--corpus", type=Path, default=Path(tempfile.gettempdir()) / "explainer-bench"
    )
    parser.add_argument("--serve-edits", type=int, default=20, help="0 skips the serve latency")
    parser.add_argument("--serve-timeout", type=float, default=60, help="seconds per edit")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per build")
    parser.add_argument("--verify", action="store_true", help="correctness mode (N=40)")
    args = parser.parse_args(argv)
    args.project = args.project.resolve()
    if not ((args.project / "site.yaml").is_file() and (args.project / "templates").is_dir()):
        parser.error(f"--project {args.project} has no site.yaml and templates/")
    explainer = args.explainer or str(args.project / ".venv/bin/explainer")
    found = shutil.which(explainer)
    if not found:
        parser.error(f"no explainer command {explainer!r}: give --explainer")
    args.explainer = str(Path(found).absolute())
    if any(n < 20 for n in args.n or []) or args.rounds < 1:
        parser.error("--n must be at least 20 and --rounds at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    area = Area(args.corpus)
    try:
        if args.verify:
            return verify(args, area)
        ensure_tools()
        args.peers = find_peers(args.explainer, area.root)
        args.measured = describe_explainer(args.explainer)
        print(f"measured: {args.measured}", flush=True)
        runs = [measure(args, area, n) for n in sorted(set(args.n or [1000]))]
        args.measured_end = describe_explainer(args.explainer)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    finally:
        area.empty_trash()
    text = report(args, runs)
    out = args.out or area.root / "results.md"
    out.write_text(text + "\n", encoding="utf-8")
    print()
    print(text)
    print(f"\nwritten to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
