"""Save→served latency of `explainer serve`, against a full rebuild, in one run.

Copies a project (default: this one; `--fixture` for tests/fixtures/reader) to a
temporary folder, starts `explainer serve` on a free loopback port, then edits
one dossier N times (a new sentence each time) and measures, for each edit,
the time from the file being saved to the rebuilt page being served with the
new sentence. It also times full in-memory builds (`build_site`) of the same
content. Prints the median and the ratio.

    .venv/bin/python bench/serve_latency.py [--edits 20] [--fixture] [--project DIR]

`bench/run.py` runs it on its corpus with `--explainer CMD` (serve that command
rather than this checkout's `python -m generator`), `--builds 0` (no in-memory
builds), `--workdir` (copy inside the corpus folder) and `--json` (figures for
its table). A page fetch that times out while the server is busy rebuilding
is a miss, retried until the edit's deadline, never a crash.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (OSError, http.client.HTTPException):
        # URLError, ConnectionError and TimeoutError are all OSErrors: a server busy
        # rebuilding answers late or not at all, and the caller simply asks again.
        return ""


def until(predicate, timeout: float, step: float = 0.002) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if predicate():
            return time.perf_counter() - start
        time.sleep(step)
    raise TimeoutError(f"timed out after {timeout} s")


def copy_project(source: Path, content: Path | None, dest: Path) -> Path:
    dest.mkdir(parents=True)
    shutil.copy(source / "site.yaml", dest / "site.yaml")
    shutil.copytree(source / "templates", dest / "templates")
    shutil.copytree(content or source / "content", dest / "content")
    return dest


def stop(server: subprocess.Popen[bytes]) -> None:
    """End the server and whatever it started (its own process group)."""
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def full_build_seconds(project: Path, runs: int) -> list[float]:
    sys.path.insert(0, str(ROOT))
    from generator.content.config import load_config
    from generator.pipeline.stages import build_site

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        build_site(load_config(project))
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--builds", type=int, default=5)
    parser.add_argument("--fixture", action="store_true", help="use tests/fixtures/reader content")
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument(
        "--explainer", help="explainer command to serve with (default: python -m generator)"
    )
    parser.add_argument("--workdir", type=Path, help="where the copy goes (default: a temp dir)")
    parser.add_argument("--json", type=Path, help="also write the figures here as JSON")
    parser.add_argument("--start-timeout", type=float, default=300, help="first build, seconds")
    parser.add_argument("--edit-timeout", type=float, default=60, help="per edit, seconds")
    parser.add_argument(
        "--pause",
        type=float,
        default=2.0,
        help="seconds between a page served and the next save (a writer reads first; "
        "0.15 saves again while the server still updates lists, feeds and search)",
    )
    args = parser.parse_args()
    content = ROOT / "tests/fixtures/reader/content" if args.fixture else None
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
    serve = (
        [args.explainer, "serve"]
        if args.explainer
        else [sys.executable, "-m", "generator", "serve"]
    )
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        project = copy_project(args.project, content, Path(tmp) / "site")
        actors = sorted((project / "content/actors").glob("*.en.md"))
        dossier = actors[len(actors) // 2]
        slug = dossier.name.split(".")[0]
        from_files = len(list((project / "content").rglob("*.md")))
        port = free_port()
        log = open(Path(tmp) / "serve.log", "wb")  # noqa: SIM115
        server = subprocess.Popen(
            [*serve, "--port", str(port)],
            cwd=project,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped whole, children included
        )
        try:
            base = f"http://127.0.0.1:{port}"
            until(lambda: "</html>" in fetch(base + "/en/"), args.start_timeout, step=0.1)
            page = f"{base}/en/actors/{slug}/"
            original = dossier.read_text(encoding="utf-8")
            latencies = []
            for n in range(args.edits):
                token = f"Edit{n}x{time.time_ns()}"
                dossier.write_text(original.rstrip("\n") + f"\n\n{token}.\n", encoding="utf-8")
                latencies.append(until(lambda t=token: t in fetch(page), args.edit_timeout))
                time.sleep(args.pause)
        except TimeoutError as exc:
            raise SystemExit(f"serve_latency: {exc} (edit {len(latencies) + 1})") from None
        finally:
            stop(server)
            log.close()
        builds = full_build_seconds(project, args.builds) if args.builds > 0 else []
        written = [
            line
            for line in (Path(tmp) / "serve.log").read_text().splitlines()
            if "changed slug" in line
        ]
    median = statistics.median(latencies)
    print(f"content: {'tests/fixtures/reader' if args.fixture else args.project / 'content'}")
    print(f"  {from_files} dossier files; edited content/actors/{dossier.name} {args.edits} times")
    print(
        f"save → served: median {median * 1000:.0f} ms "
        f"(min {min(latencies) * 1000:.0f}, max {max(latencies) * 1000:.0f})"
    )
    if builds:
        full = statistics.median(builds)
        print(
            f"full rebuild (build_site, in memory): median {full * 1000:.0f} ms over {len(builds)}"
        )
        print(f"ratio save→served / full rebuild: {median / full:.2f}")
    if args.json:
        figures = {"edits": len(latencies), "latencies_s": latencies, "builds_s": builds}
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    if written:
        print(f"server log of the last edit: {written[-1].strip()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
