"""Benchmark postlint against the floor and its peers on a replicated corpus; write RESULTS.md.

    .venv/bin/python bench/run.py            # 10,000 and 100,000 posts, peers at 10,000 (long)
    .venv/bin/python bench/run.py --quick    # a few hundred posts, one run, no peers (for CI)

The corpus (``../shared/corpus`` next to the repository, or ``--corpus``) is copied into a
temporary folder as many times as a size needs, each copy of a post under its own name in the
post's own folder. Every measurement runs a whole process: wall time from start to exit, and
peak memory from the kernel (``ru_maxrss`` of ``os.wait4``: the largest resident set of the
process and of each worker it waited for, so the peak of the biggest single process).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

BENCH = Path(__file__).resolve().parent
DEFAULT_CORPUS = BENCH.parents[1] / "shared" / "corpus"
SUFFIXES = (".md", ".markdown", ".html")
JOBS = os.cpu_count() or 1
DEPENDENCIES = ("postlint", "pydantic", "PyYAML", "lxml", "markdown-it-py", "python-frontmatter")
TARGETS = {"rate": 3000.0, "floor": 2.0, "peer": 20.0, "warm": 10.0, "memory": 100.0, "one": 0.25}


class BenchError(Exception):
    """A measured command failed."""


@dataclass(frozen=True)
class Sample:
    """One run of a command."""

    seconds: float
    cpu_seconds: float  # user and system, of the process and the workers it waited for
    peak_mb: float
    summary: str  # what the run printed, summarised (the floor's timings, a digest)


@dataclass
class Result:
    """Several runs of one command on one corpus."""

    label: str
    processes: int
    size: int
    files: int
    samples: list[Sample]

    @property
    def seconds(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def rate(self) -> float:
        return self.files / self.seconds

    @property
    def cpu_us(self) -> float:
        """CPU time per file, in µs: less sensitive than wall time to other work running."""
        return statistics.median(s.cpu_seconds for s in self.samples) / self.files * 1e6

    @property
    def peak_mb(self) -> float:
        return max(s.peak_mb for s in self.samples)


@dataclass(frozen=True)
class Corpus:
    """A folder of posts: how many, and how many files a tool lints there (peers: the .md)."""

    folder: Path
    size: int
    files: int


@dataclass(frozen=True)
class Peer:
    """Another linter, run in the corpus folder."""

    name: str
    version: str
    command: list[str]  # followed by the files to lint
    everything: list[str]  # the arguments that lint every .md file under the folder


@dataclass(frozen=True)
class Import:
    """One line of ``python -X importtime``."""

    name: str
    self_us: int
    cumulative_us: int
    top: str  # the top-level import it was made in


@dataclass
class Bench:
    """Where commands run, and what a run found out besides its results."""

    folder: Path
    runs: int
    env: dict[str, str]
    notes: list[str] = field(default_factory=list)

    def run(
        self, command: list[str], cwd: Path, summarise: Callable[[Path], str] = lambda _: ""
    ) -> Sample:
        """Run ``command`` once; its output goes to files, so writing it costs what it costs."""
        out = self.folder / "stdout.txt"
        with out.open("wb") as stdout, out.with_suffix(".err").open("wb") as stderr:
            start = time.perf_counter()
            process = subprocess.Popen(command, cwd=cwd, stdout=stdout, stderr=stderr, env=self.env)
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):  # 1: problems found
            error = out.with_suffix(".err").read_text(errors="replace").strip()[-500:]
            raise BenchError(f"{' '.join(command)} exited {process.returncode}: {error}")
        cpu = usage.ru_utime + usage.ru_stime
        return Sample(seconds, cpu, usage.ru_maxrss / 1024, summarise(out))

    def measure(
        self,
        label: str,
        processes: int,
        corpus: Corpus,
        command: list[str],
        *,
        summarise: Callable[[Path], str] = lambda _: "",
        runs: int | None = None,
    ) -> Result:
        """The runs of ``command`` in ``corpus``."""
        samples = [self.run(command, corpus.folder, summarise) for _ in range(runs or self.runs)]
        result = Result(label, processes, corpus.size, corpus.files, samples)
        print(f"  {label}, {processes}: {result.seconds:.2f} s", file=sys.stderr)
        return result


def postlint(*python_flags: str) -> list[str]:
    """postlint as users run it: the console script next to this Python."""
    script = Path(sys.executable).with_name("postlint")
    if not script.exists():
        return [sys.executable, *python_flags, "-m", "postlint"]
    return [sys.executable, *python_flags, str(script)] if python_flags else [str(script)]


CHECK = ("check", "--output-format", "concise", "--quiet")


def corpus_posts(corpus: Path) -> list[Path]:
    """The corpus's posts (not its ``SOURCES.md``), relative, in a fixed order that mixes its
    folders (by a hash)."""
    posts = [
        path.relative_to(corpus)
        for path in corpus.rglob("*")
        if path.suffix in SUFFIXES and path.is_file() and path.name != "SOURCES.md"
    ]
    return sorted(posts, key=lambda path: hashlib.sha1(str(path).encode()).hexdigest())


def build(corpus: Path, posts: list[Path], size: int, folder: Path) -> None:
    """Copy ``size`` posts into ``folder``, the n-th copy of a post named ``<stem>-copy<n>``.
    An empty ``postlint.toml`` keeps postlint's cache inside the folder."""
    for index in range(size):
        copy, position = divmod(index, len(posts))
        post = posts[position]
        name = post if copy == 0 else post.with_name(f"{post.stem}-copy{copy}{post.suffix}")
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(corpus / post, folder / name)
    (folder / "postlint.toml").write_text("")


def digest(out: Path) -> str:
    """A postlint run's output: how many lines, and a digest to compare runs by. Read in
    pieces: a process started later inherits this one's resident size as its first peak
    (Linux records it at exec), so the benchmark itself must stay small."""
    lines, sha = 0, hashlib.sha256()
    with out.open("rb") as stream:
        for piece in iter(lambda: stream.read(1 << 20), b""):
            lines += piece.count(b"\n")
            sha.update(piece)
    return f"{lines:,} diagnostics, sha256 {sha.hexdigest()[:12]}"


def _quiet(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
    if done.returncode:
        raise BenchError(f"{' '.join(command)} exited {done.returncode}: {done.stderr[-300:]}")
    return done.stdout.strip()


def install_markdownlint(folder: Path) -> Peer:
    """markdownlint-cli2 from npm, into ``folder``."""
    prefix = folder / "npm"
    _quiet(
        ["npm", "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "markdownlint-cli2"]
    )
    modules = prefix / "node_modules"
    cli = json.loads((modules / "markdownlint-cli2" / "package.json").read_text())["version"]
    engine = json.loads((modules / "markdownlint" / "package.json").read_text())["version"]
    command = [str(modules / ".bin" / "markdownlint-cli2")]
    return Peer("markdownlint-cli2", f"{cli} (markdownlint {engine})", command, ["**/*.md"])


def install_pymarkdown(folder: Path) -> Peer:
    """pymarkdownlnt from PyPI, into a virtual environment in ``folder``; front matter is
    skipped (its ``front-matter`` extension), as for posts."""
    venv = folder / "venv"
    _quiet([sys.executable, "-m", "venv", str(venv)])
    _quiet([str(venv / "bin" / "pip"), "install", "-q", "pymarkdownlnt"])
    found = _quiet([str(venv / "bin" / "pip"), "show", "pymarkdownlnt"])
    release = next(line.split()[1] for line in found.splitlines() if line.startswith("Version:"))
    flags = ["--continue-on-error", "--enable-extensions", "front-matter", "scan"]
    return Peer("pymarkdown", release, [str(venv / "bin" / "pymarkdown"), *flags], ["-r", "."])


def install_peers(bench: Bench) -> list[Peer]:
    """The peers that install; a note for each that does not."""
    peers = []
    for name, install in (
        ("markdownlint-cli2", install_markdownlint),
        ("pymarkdown", install_pymarkdown),
    ):
        try:
            peers.append(install(bench.folder))
        except (OSError, BenchError, subprocess.TimeoutExpired, KeyError, StopIteration) as error:
            bench.notes.append(f"{name} skipped: cannot install it ({error})")
    return peers


def bench_size(bench: Bench, corpus: Corpus, peers: list[Peer]) -> list[Result]:
    """Every measurement on ``corpus``; the peers on its .md files."""
    floor = [sys.executable, str(BENCH / "floor.py"), "."]
    cold = [*postlint(), *CHECK, "--no-cache", "."]
    warm = [*postlint(), *CHECK, "."]
    results = [
        bench.measure("floor", 1, corpus, floor, summarise=Path.read_text),
        bench.measure("floor", JOBS, corpus, [*floor, f"--jobs={JOBS}"], summarise=Path.read_text),
        bench.measure("postlint cold", 1, corpus, [*cold, "--jobs=1"], summarise=digest),
        bench.measure("postlint cold", JOBS, corpus, [*cold, f"--jobs={JOBS}"], summarise=digest),
    ]
    bench.run(warm, corpus.folder)  # fills the cache
    results.append(bench.measure("postlint warm", 1, corpus, [*warm, "--jobs=1"], summarise=digest))
    results.append(bench.measure("postlint warm", JOBS, corpus, warm, summarise=digest))
    markdown = Corpus(corpus.folder, corpus.size, count_markdown(corpus.folder))
    for peer in peers:
        try:
            results.append(bench.measure(peer.name, 1, markdown, peer.command + peer.everything))
        except BenchError as error:
            bench.notes.append(f"{peer.name} at {corpus.size:,} posts failed: {error}")
    return results


def count_markdown(folder: Path) -> int:
    """The ``.md`` files under ``folder``: what the peers lint."""
    return sum(1 for path in folder.rglob("*.md") if ".postlint_cache" not in path.parts)


def bench_one_file(bench: Bench, post: Path, peers: list[Peer], runs: int) -> list[Result]:
    """The pre-commit case: one changed post (a cache miss), each run a whole process."""
    corpus = Corpus(bench.folder / "one", 1, 1)
    corpus.folder.mkdir()
    shutil.copyfile(post, corpus.folder / post.name)
    (corpus.folder / "postlint.toml").write_text("")

    def check_changed() -> Sample:
        shutil.rmtree(corpus.folder / ".postlint_cache", ignore_errors=True)
        return bench.run([*postlint(), *CHECK, post.name], corpus.folder)

    version_command = [*postlint(), "--version"]
    results = [bench.measure("postlint --version", 1, corpus, version_command, runs=runs)]
    samples = [check_changed() for _ in range(runs)]
    results.append(Result(f"postlint check {post.name}", 1, 1, 1, samples))
    for peer in peers:
        command = [*peer.command, post.name]
        try:
            results.append(bench.measure(peer.name, 1, corpus, command, runs=runs))
        except BenchError as error:
            bench.notes.append(f"{peer.name} on one file failed: {error}")
    return results


def import_times(bench: Bench, post: Path, runs: int) -> dict[str, list[Import]]:
    """``python -X importtime`` for start-up, from the run with the median total."""
    folder = bench.folder / "one"
    found = {}
    for label, arguments in (
        ("postlint --version", ["--version"]),
        (f"postlint check {post.name}", [*CHECK, post.name]),
    ):
        parsed = []
        for _ in range(runs):
            shutil.rmtree(folder / ".postlint_cache", ignore_errors=True)
            bench.run([*postlint("-X", "importtime"), *arguments], folder)
            parsed.append(parse_importtime((bench.folder / "stdout.err").read_text()))
        parsed.sort(key=total_us)
        found[label] = parsed[len(parsed) // 2]
    return found


def parse_importtime(text: str) -> list[Import]:
    """The imports, each with the top-level import it happened in (lines come innermost
    first, so a top-level line follows the nested ones it covers)."""
    imports: list[Import] = []
    top = ""
    for line in reversed(text.splitlines()):
        if not line.startswith("import time:") or "imported package" in line:
            continue
        own, cumulative, name = line.removeprefix("import time:").split("|")
        if not name.startswith("  "):
            top = name.strip()
        imports.append(Import(name.strip(), int(own), int(cumulative), top))
    return imports


def total_us(imports: list[Import]) -> int:
    """The time of the top-level imports, with what they imported."""
    return sum(i.cumulative_us for i in imports if i.top == i.name)


def load() -> str:
    """The load averages over 1, 5 and 15 minutes: other work on the machine."""
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


def machine(peers: list[Peer]) -> list[tuple[str, str]]:
    """What the numbers were measured on."""
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in cpuinfo.splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = Path("/proc/meminfo").read_text().split()[1]  # MemTotal, kB
    node = shutil.which("node")
    rows = [
        ("CPU", f"{model}, {JOBS} cores"),
        ("memory", f"{int(memory) / 1024**2:.1f} GiB"),
        ("system", f"{platform.system()} {platform.release()}"),
        ("Python", sys.version.split()[0]),
    ]
    for package in DEPENDENCIES:
        try:
            rows.append((package, version(package)))
        except PackageNotFoundError:
            rows.append((package, "not installed"))
    rows.append(("node", _quiet([node, "--version"]) if node else "absent"))
    rows += [(peer.name, peer.version) for peer in peers]
    rows.append(("load average at the start", load()))
    return rows


def render(
    results: list[Result],
    one_file: list[Result],
    imports: dict[str, list[Import]],
    about: list[tuple[str, str]],
    notes: list[str],
) -> str:
    """RESULTS.md."""
    lines = [
        "# postlint benchmark",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `bench/run.py` "
        f"(median of {len(results[0].samples)} runs; peak memory: the largest of the runs).",
        "",
        "## Targets",
        "",
        "| target | measured | |",
        "|---|---|---|",
        *targets(results, one_file),
        "",
    ]
    for size in sorted({r.size for r in results}):
        lines += throughput([r for r in results if r.size == size])
    lines += floor_breakdown([r for r in results if r.label == "floor" and r.processes == 1])
    lines += [
        "## One file (pre-commit)",
        "",
        "The post is a changed one: postlint's cache is emptied before each run.",
        "",
        "| command | median s | fastest s | peak MB |",
        "|---|---:|---:|---:|",
        *(
            f"| {r.label} | {r.seconds:.3f} | {min(s.seconds for s in r.samples):.3f} "
            f"| {r.peak_mb:.0f} |"
            for r in one_file
        ),
        "",
    ]
    for label, found in imports.items():
        lines += import_table(label, found)
    lines += ["## Machine", "", "| | |", "|---|---|", *(f"| {k} | {v} |" for k, v in about), ""]
    lines += ["## Method", "", *METHOD, *(f"- {note}" for note in notes), ""]
    return "\n".join(lines)


METHOD = [
    "- Corpus: the posts of `../shared/corpus/` (without `SOURCES.md`) copied to each size in a",
    "  temporary folder, copy n of a post as `<name>-copy<n>` beside it; a partial copy takes",
    "  posts in a hash order that mixes the folders. The copies have the same content, so",
    "  SRC001/SRC002 also report every copy of a post. The files are in the page cache.",
    "- Each measurement is a whole process (start-up included), output to a file. Wall time by",
    "  `time.perf_counter`; peak memory is `ru_maxrss` from `os.wait4`: the largest resident set",
    "  of the process or of any worker it waited for (per process, not the sum over workers).",
    "  CPU µs/file: user and system time of the process and its workers (also from `os.wait4`)",
    "  per file, which other work on the machine disturbs less than wall time.",
    "- floor: `bench/floor.py` reads, decodes, splits front matter, composes the YAML with",
    "  `yaml.CSafeLoader` and parses the body with `lxml.etree.HTMLParser`; nothing else.",
    "- postlint: `postlint check --output-format concise --quiet`, all rules but network ones",
    "  (the default). Cold: `--no-cache`. Warm: the default run, after one run filled the cache.",
    "- Peers lint only the `.md` posts (their files/s counts those): `markdownlint-cli2",
    "  '**/*.md'` and `pymarkdown --continue-on-error --enable-extensions front-matter scan",
    "  -r .`, both with default rules, installed afresh into the temporary folder.",
    "- Python runs with bytecode caching on (`PYTHONPYCACHEPREFIX` in the temporary folder, after",
    "  a warm-up run), as on a user's machine, even where `PYTHONDONTWRITEBYTECODE` is set.",
]


def throughput(results: list[Result]) -> list[str]:
    size = results[0].size
    floor = {r.processes: r for r in results if r.label == "floor"}
    peers = [r for r in results if not r.label.startswith(("floor", "postlint"))]
    lines = [
        f"## {size:,} posts",
        "",
        "| run | processes | files | median s | files/s | slower than the floor | "
        + "".join(f"× {p.label} speed | " for p in peers)
        + "CPU µs/file | peak MB |",
        "|---|---:|---:|---:|---:|---:|" + "---:|" * len(peers) + "---:|---:|",
    ]
    for r in results:
        base = floor.get(r.processes, floor[1])
        ratios = "".join(f"{r.rate / p.rate:.1f}× | " for p in peers)
        lines.append(
            f"| {r.label} | {r.processes} | {r.files:,} | {r.seconds:.2f} | {r.rate:,.0f} "
            f"| {base.rate / r.rate:.1f}× | {ratios}{r.cpu_us:,.0f} | {r.peak_mb:.0f} |"
        )
    outputs = {
        f"{r.label}, {r.processes}": r.samples[-1].summary
        for r in results
        if r.label.startswith("postlint")
    }
    same = "the same output" if len(set(outputs.values())) == 1 else "DIFFERENT outputs"
    lines += [
        "",
        f"postlint's runs gave {same}: " + "; ".join(f"{k}: {v}" for k, v in outputs.items()) + ".",
        "",
    ]
    return lines


def floor_breakdown(floors: list[Result]) -> list[str]:
    lines = [
        "## The floor per post (one process, µs)",
        "",
        "| posts | read + decode + split | YAML compose | lxml | total |",
        "|---:|---:|---:|---:|---:|",
    ]
    for r in floors:
        stages = [json.loads(s.summary) for s in r.samples]
        micros = [
            statistics.median(s[stage] for s in stages) / r.files * 1e6
            for stage in ("read_split", "compose", "lxml")
        ]
        lines.append(
            f"| {r.size:,} | " + " | ".join(f"{m:.0f}" for m in micros) + f" | {sum(micros):.0f} |"
        )
    return [*lines, "", "The whole process, walk and start-up included: see the tables above.", ""]


def import_table(label: str, imports: list[Import]) -> list[str]:
    total = total_us(imports)
    biggest = sorted(imports, key=lambda i: i.cumulative_us, reverse=True)[:10]
    return [
        f"## Import time: `{label}`",
        "",
        f"Total of the top-level imports: {total / 1000:.1f} ms (`python -X importtime`, the run",
        "with the median total). The 10 biggest imports (a nested one counts in its parents too):",
        "",
        "| import | cumulative ms | self ms | made within |",
        "|---|---:|---:|---|",
        *(
            f"| {i.name} | {i.cumulative_us / 1000:.1f} | {i.self_us / 1000:.1f} "
            f"| {'' if i.top == i.name else i.top} |"
            for i in biggest
        ),
        "",
    ]


def targets(results: list[Result], one_file: list[Result]) -> list[str]:
    """The issue's targets, met or missed, at every size measured."""

    def find(label: str, processes: int, size: int) -> Result | None:
        found = [r for r in results if (r.label, r.processes, r.size) == (label, processes, size)]
        return found[0] if found else None

    rows = []
    for size in sorted({r.size for r in results}):
        cold, floor = find("postlint cold", JOBS, size), find("floor", JOBS, size)
        warm = find("postlint warm", JOBS, size)
        assert cold and floor and warm
        rows.append(
            (
                f"cold, {JOBS} processes, ≥ 3,000 posts/s ({size:,})",
                f"{cold.rate:,.0f} posts/s",
                cold.rate >= TARGETS["rate"],
            )
        )
        slower = floor.rate / cold.rate
        rows.append(
            (
                f"cold within 2× of the floor ({size:,})",
                f"{slower:.1f}×",
                slower <= TARGETS["floor"],
            )
        )
        markdownlint = find("markdownlint-cli2", 1, size)
        if markdownlint:
            faster = cold.rate / markdownlint.rate
            rows.append(
                (
                    f"≈ 20× markdownlint-cli2's speed ({size:,})",
                    f"{faster:.1f}×",
                    faster >= TARGETS["peer"],
                )
            )
        rows.append(
            (
                f"warm ≥ 10× faster than cold ({size:,})",
                f"{cold.seconds / warm.seconds:.1f}×",
                cold.seconds / warm.seconds >= TARGETS["warm"],
            )
        )
    largest = max(r.size for r in results)
    peak = max(r.peak_mb for r in results if r.label.startswith("postlint") and r.size == largest)
    rows.append(
        (
            f"peak memory < 100 MB per process ({largest:,})",
            f"{peak:.0f} MB",
            peak < TARGETS["memory"],
        )
    )
    one = next(r for r in one_file if r.label.startswith("postlint check"))
    rows.append(("one-file check < 0.25 s", f"{one.seconds:.3f} s", one.seconds < TARGETS["one"]))
    return [f"| {name} | {value} | {'met' if met else '**missed**'} |" for name, value, met in rows]


def warm_up(bench: Bench, corpus: Path, posts: list[Path], peers: list[Peer]) -> None:
    """One unmeasured run of every command on a few posts: bytecode compiled, files cached."""
    folder = bench.folder / "warm-up"
    size = min(200, len(posts))
    build(corpus, posts, size, folder)
    print("warm-up", file=sys.stderr)
    bench_size(replace(bench, runs=1), Corpus(folder, size, size), peers)
    shutil.rmtree(folder)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark postlint; write bench/RESULTS.md.")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        metavar="FOLDER",
        help=f"the posts to replicate (default: {DEFAULT_CORPUS})",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="500 posts, one run, no peers; print the results (for CI)",
    )
    parser.add_argument(
        "--sizes", type=int, nargs="+", metavar="N", help="corpus sizes (default: 10000 100000)"
    )
    parser.add_argument(
        "--peer-sizes",
        type=int,
        nargs="*",
        metavar="N",
        help="the sizes at which the peers run too (default: 10000)",
    )
    parser.add_argument("--runs", type=int, metavar="N", help="runs per measurement (default: 3)")
    parser.add_argument(
        "--output",
        type=Path,
        metavar="FILE",
        help="default: bench/RESULTS.md; with --quick, standard output",
    )
    args = parser.parse_args()
    args.sizes = args.sizes or ([500] if args.quick else [10_000, 100_000])
    if args.peer_sizes is None:
        args.peer_sizes = [] if args.quick else [10_000]
    args.runs = args.runs or (1 if args.quick else 3)
    return args


def main() -> None:
    args = arguments()
    corpus = args.corpus.resolve()
    posts = corpus_posts(corpus) if corpus.is_dir() else []
    if not posts:
        sys.exit(f"bench: no posts in {corpus}; give a folder of posts with --corpus FOLDER")
    markdown = sorted(corpus / p for p in posts if p.suffix == ".md")
    markdown.sort(key=lambda path: path.stat().st_size)
    one_post = markdown[len(markdown) // 2]  # of median size
    with tempfile.TemporaryDirectory(prefix="postlint-bench-") as temporary:
        folder = Path(temporary)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        bench = Bench(folder, args.runs, {**env, "PYTHONPYCACHEPREFIX": str(folder / "pycache")})
        peers = install_peers(bench) if set(args.sizes) & set(args.peer_sizes) else []
        about = machine(peers)
        warm_up(bench, corpus, posts, peers)
        one_file = bench_one_file(bench, one_post, peers, 3 if args.quick else 10)
        imports = import_times(bench, one_post, 1 if args.quick else 5)
        results = []
        for size in args.sizes:
            print(f"{size:,} posts", file=sys.stderr)
            bench.notes.append(f"load average before {size:,} posts: {load()}")
            target = folder / f"posts-{size}"
            build(corpus, posts, size, target)
            chosen = peers if size in args.peer_sizes else []
            results += bench_size(bench, Corpus(target, size, size), chosen)
            shutil.rmtree(target)
        bench.notes.append(f"load average at the end: {load()}")
    text = render(results, one_file, imports, about, bench.notes)
    if args.quick and not args.output:
        print(text)
    else:
        (args.output or BENCH / "RESULTS.md").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
