"""The file system is hostile too: unreadable files, folders and FIFOs named like posts, dangling
links, link loops, links out of the tree, files that vanish mid-run, file names that are not
UTF-8, and terminals that are not UTF-8. Each gets a PL001 or is skipped, and the run goes on.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from postlint import lint_paths, walk
from postlint.config import Config, ConfigFile
from postlint.walk import Target, discover

POST = "---\ntitle: 标题\ndate: 2024-13-45\n---\n正文\n"  # FM020 at 3:7 when it is read


def config(root: Path) -> Config:
    return Config(root=root, file=ConfigFile.model_validate({"select": ["FM", "PL"]}))


def found(root: Path, *paths: str | Path) -> list[tuple[str, int, int, str]]:
    """(path relative to ``root``, line, column, code) of each diagnostic."""
    report = lint_paths([str(p) for p in paths], config=config(root))
    return [(os.path.relpath(d.path, root), d.line, d.column, d.code) for d in report.diagnostics]


def checked(root: Path, *paths: str | Path) -> list[str]:
    report = lint_paths([str(p) for p in paths], config=config(root))
    return [os.path.relpath(path, root) for path in report.paths]


def postlint_cli(
    *args: str | bytes, cwd: Path, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[bytes]:
    """``postlint`` in a subprocess: a blocked read fails the test instead of hanging it."""
    return subprocess.run(
        [sys.executable, "-m", "postlint", *args],
        cwd=cwd,
        capture_output=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        check=False,
    )


# --- unreadable files ------------------------------------------------------------------------

_AS_NOBODY = """
import os, sys
from postlint.cli import main
args = ["check", "--no-cache", "--jobs", "1", "--output-format", "concise"]
main([*args, "--quiet", "--output-file", os.devnull, sys.argv[1]])  # as root: lazy imports
try:
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)  # for good: root's own Python install is not readable by nobody
except PermissionError:
    sys.exit(77)
sys.exit(main([*args, *sys.argv[2:]]))
"""


@pytest.fixture
def world_readable() -> Iterator[Path]:
    """A folder a non-root user can enter (pytest's tmp_path is private to root), with posts
    in _posts/, one of them unreadable, and a folder in _posts/ that cannot be listed."""
    if not hasattr(os, "setuid") or os.geteuid() != 0:
        pytest.skip("runs as root and drops to user 65534; this run is not root")
    folder = Path(tempfile.mkdtemp(prefix="postlint-fs-"))
    folder.chmod(0o755)
    posts = folder / "_posts"
    posts.mkdir(mode=0o755)
    for name in ("2024-11-06-a.md", "2024-11-06-secret.md", "2024-11-06-z.md"):
        (posts / name).write_text(POST, encoding="utf-8")
        (posts / name).chmod(0o644)
    (posts / "2024-11-06-secret.md").chmod(0)
    (folder / "warm-up.md").write_text(POST, encoding="utf-8")
    (folder / "warm-up.md").chmod(0o644)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def as_nobody(folder: Path, *paths: str) -> subprocess.CompletedProcess[str]:
    run = subprocess.run(
        [sys.executable, "-c", _AS_NOBODY, "warm-up.md", *paths],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "HOME": str(folder)},
        check=False,
    )
    if run.returncode == 77:
        pytest.skip("cannot drop privileges to user 65534 here")
    return run


FM020_LINE = ':3:7: FM020 date: "2024-13-45" is not a real date or time: month 13 is not in 1..12'


def test_an_unreadable_file_is_pl001_for_a_non_root_user(world_readable: Path) -> None:
    run = as_nobody(world_readable, "_posts", "_posts/2024-11-06-secret.md")
    assert run.returncode == 1, run.stderr
    # Found by the walk and named on the command line: PL001 once; the files around it checked.
    assert run.stdout.splitlines() == [
        "_posts/2024-11-06-a.md" + FM020_LINE,
        "_posts/2024-11-06-secret.md:1:1: PL001 cannot read: permission denied",
        "_posts/2024-11-06-z.md" + FM020_LINE,
    ]
    assert "Traceback" not in run.stderr


def test_a_folder_that_cannot_be_listed_is_pl001_for_a_non_root_user(
    world_readable: Path,
) -> None:
    locked = world_readable / "_posts" / "locked"
    locked.mkdir()
    (locked / "2024-11-06-hidden.md").write_text(POST, encoding="utf-8")
    locked.chmod(0o700)
    pl001 = (
        "_posts/locked:1:1: PL001 cannot read the folder: permission denied; the posts in it "
        "were not checked"
    )
    run = as_nobody(world_readable, "_posts")
    assert "Traceback" not in run.stderr
    assert run.stdout.splitlines() == [
        "_posts/2024-11-06-a.md" + FM020_LINE,
        "_posts/2024-11-06-secret.md:1:1: PL001 cannot read: permission denied",
        "_posts/2024-11-06-z.md" + FM020_LINE,
        pl001,
    ]
    # Named on the command line: PL001 too, not "All checks passed (0 files checked)".
    run = as_nobody(world_readable, "_posts/locked")
    assert (run.returncode, run.stdout) == (1, pl001 + "\n")


def test_read_errors_give_their_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever ``os.open`` fails with is PL001 with the reason, never an exception."""
    path = tmp_path / "2024-11-06-post.md"
    path.write_text(POST, encoding="utf-8")
    for number, reason in [
        (errno.EACCES, "permission denied"),
        (errno.EIO, os.strerror(errno.EIO)),
        (errno.EMFILE, os.strerror(errno.EMFILE)),
    ]:

        def failing_open(*args: object, number: int = number, **kwargs: object) -> int:
            raise OSError(number, os.strerror(number))

        monkeypatch.setattr("postlint.source.os.open", failing_open)
        report = lint_paths([path], config=config(tmp_path))
        assert [(d.line, d.column, d.code, d.message) for d in report.diagnostics] == [
            (1, 1, "PL001", f"cannot read: {reason}")
        ]


# --- folders, FIFOs, links ---------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A site with every odd thing a walk can meet, and one good and one bad post."""
    site = tmp_path / "site"
    posts = site / "_posts"
    posts.mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "2024-11-06-secret.md").write_text(POST, encoding="utf-8")
    (posts / "2024-11-06-bad.md").write_text(POST, encoding="utf-8")
    (posts / "2024-11-06-good.md").write_text("---\ntitle: a\n---\n", encoding="utf-8")
    (posts / "folder.md").mkdir()
    os.mkfifo(posts / "fifo.md")
    (posts / "dangling.md").symlink_to(posts / "nowhere.md")
    (posts / "loop-a.md").symlink_to(posts / "loop-b.md")
    (posts / "loop-b.md").symlink_to(posts / "loop-a.md")
    (posts / "up").symlink_to(site, target_is_directory=True)  # a folder loop
    (posts / "self").symlink_to(".", target_is_directory=True)
    (posts / "out.md").symlink_to(outside / "2024-11-06-secret.md")  # a file out of the tree
    (posts / "out-folder").symlink_to(outside, target_is_directory=True)
    (posts / "in.md").symlink_to(posts / "2024-11-06-bad.md")  # a link inside: followed
    return site


def test_a_walk_skips_folders_fifos_dangling_links_loops_and_links_out(tree: Path) -> None:
    assert checked(tree, tree) == [
        "_posts/2024-11-06-bad.md",
        "_posts/2024-11-06-good.md",
        "_posts/in.md",
    ]
    assert found(tree, tree) == [
        ("_posts/2024-11-06-bad.md", 3, 7, "FM020"),
        ("_posts/in.md", 3, 7, "FM020"),
    ]


def test_a_walk_never_blocks_on_a_fifo(tree: Path) -> None:
    """In a subprocess with a timeout: a FIFO opened for reading would block forever."""
    run = postlint_cli(
        "check", "--no-cache", "--output-format", "concise", ".", cwd=tree, timeout=60
    )
    assert run.returncode == 1
    assert [line.split(b":")[0] for line in run.stdout.splitlines()] == [
        b"./_posts/2024-11-06-bad.md",
        b"./_posts/in.md",
    ]
    assert run.stderr == b"Found 2 problems (2 errors) in 3 files.\n"


def test_named_on_the_command_line_they_are_pl001(tree: Path) -> None:
    run = postlint_cli(
        "check",
        "--no-cache",
        "--output-format",
        "concise",
        "_posts/folder.md",
        "_posts/fifo.md",
        "_posts/dangling.md",
        cwd=tree,
    )
    assert run.returncode == 1
    assert run.stdout.decode().splitlines() == [
        "_posts/dangling.md:1:1: PL001 cannot read: the file does not exist "
        "(deleted or a dangling link)",
        "_posts/fifo.md:1:1: PL001 cannot read: a FIFO, not a file",
        "_posts/folder.md:1:1: PL001 cannot read: a directory, not a file",
    ]


def test_a_link_loop_named_on_the_command_line_is_pl001(tree: Path) -> None:
    """With the config found from the path (as the CLI does without --config)."""
    (tree / "postlint.toml").write_text('select = ["FM", "PL"]\n', encoding="utf-8")
    report = lint_paths([tree / "_posts" / "loop-a.md"])
    assert [(d.line, d.column, d.code, d.message) for d in report.diagnostics] == [
        (1, 1, "PL001", "cannot read: too many levels of symbolic links"),
    ]


def test_links_out_of_the_tree_are_followed_only_when_named(tree: Path) -> None:
    """A walk stays in its folder; a link named on the command line is the user asking."""
    assert "secret" not in " ".join(checked(tree, tree))
    assert found(tree, tree / "_posts" / "out.md") == [("_posts/out.md", 3, 7, "FM020")]
    assert checked(tree, tree / "_posts" / "out-folder") == [
        "_posts/out-folder/2024-11-06-secret.md"
    ]


def test_a_folder_loop_inside_the_walked_folder_ends(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    (deep / "2024-11-06-post.md").write_text(POST, encoding="utf-8")
    (deep / "back").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "a" / "again").symlink_to(tmp_path / "a", target_is_directory=True)
    assert checked(tmp_path, tmp_path) == ["a/b/c/2024-11-06-post.md"]


# --- files that change between the walk and the read ----------------------------------------


def _after_the_walk(monkeypatch: pytest.MonkeyPatch, change: object) -> None:
    def discover_then_change(*args: object, **kwargs: object) -> list[Target]:
        targets = discover(*args, **kwargs)  # type: ignore[arg-type]
        change()  # type: ignore[operator]
        return targets

    monkeypatch.setattr("postlint.runner.discover", discover_then_change)


def test_a_file_deleted_between_the_walk_and_the_read_is_pl001(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("2024-11-06-a.md", "2024-11-06-b.md", "2024-11-06-c.md"):
        (tmp_path / name).write_text(POST, encoding="utf-8")
    _after_the_walk(monkeypatch, (tmp_path / "2024-11-06-b.md").unlink)
    report = lint_paths([tmp_path], config=config(tmp_path))
    assert [(Path(d.path).name, d.line, d.column, d.code) for d in report.diagnostics] == [
        ("2024-11-06-a.md", 3, 7, "FM020"),
        ("2024-11-06-b.md", 1, 1, "PL001"),
        ("2024-11-06-c.md", 3, 7, "FM020"),
    ]
    assert report.diagnostics[1].message == (
        "cannot read: the file does not exist (deleted or a dangling link)"
    )


def test_a_file_replaced_by_a_folder_or_a_fifo_after_the_walk_is_pl001(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, fifo = tmp_path / "2024-11-06-a.md", tmp_path / "2024-11-06-b.md"
    folder.write_text(POST, encoding="utf-8")
    fifo.write_text(POST, encoding="utf-8")

    def replace() -> None:
        folder.unlink()
        folder.mkdir()
        fifo.unlink()
        os.mkfifo(fifo)

    _after_the_walk(monkeypatch, replace)
    report = lint_paths([tmp_path], config=config(tmp_path))
    assert [(Path(d.path).name, d.code, d.message) for d in report.diagnostics] == [
        ("2024-11-06-a.md", "PL001", "cannot read: a directory, not a file"),
        ("2024-11-06-b.md", "PL001", "cannot read: a FIFO, not a file"),
    ]


def test_a_fifo_swapped_in_between_stat_and_open_is_never_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race the non-blocking open is for: the file looked regular, then became a FIFO."""
    fifo = tmp_path / "2024-11-06-post.md"
    os.mkfifo(fifo)
    real_stat = os.stat

    def stat_says_regular(path: object, *args: object, **kwargs: object) -> os.stat_result:
        result = real_stat(path, *args, **kwargs)  # type: ignore[arg-type]
        if os.fspath(path) == str(fifo):  # type: ignore[call-overload]
            fields = list(result)
            fields[stat.ST_MODE] = stat.S_IFREG | 0o644
            return os.stat_result(fields)
        return result

    monkeypatch.setattr("postlint.source.os.stat", stat_says_regular)

    rescued = []

    def rescue() -> None:  # should the read block, a writer ends it, and the test fails
        with contextlib.suppress(OSError):  # no reader waiting: nothing blocked
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            rescued.append(True)

    rescuer = threading.Timer(10, rescue)
    rescuer.start()
    try:
        report = lint_paths([fifo], config=config(tmp_path))
    finally:
        rescuer.cancel()
    assert rescued == []
    assert [(d.code, d.message) for d in report.diagnostics] == [
        ("PL001", "cannot read: the file changed while read")
    ]


# --- file names --------------------------------------------------------------------------------

CORPUS_LIKE_NAMES = [
    "2021-01-09-印尼失联航班疑坠海 .md",  # a space before the suffix, as in the corpus
    '2024-11-06-a|b?c:d"e.md',
    "2024-11-06-  two  spaces  .md",
    "2024-11-06-‘quoted’ “title”.md",
    "2024-11-06-tab\tname.md",
    "-2024-11-06-leading-dash.md",
]


def test_names_with_odd_characters_are_linted_as_they_are(tmp_path: Path) -> None:
    for name in CORPUS_LIKE_NAMES:
        (tmp_path / name).write_text(POST, encoding="utf-8")
    (tmp_path / "2024-11-06-trailing-space.md ").write_text(POST, encoding="utf-8")
    expected = sorted((name, 3, 7, "FM020") for name in CORPUS_LIKE_NAMES)
    assert sorted(found(tmp_path, tmp_path)) == expected  # ".md " is not a post suffix
    assert found(tmp_path, tmp_path / "2024-11-06-trailing-space.md ") == [
        ("2024-11-06-trailing-space.md ", 3, 7, "FM020")  # but named, it is linted
    ]
    run = postlint_cli(
        "check", "--no-cache", "--output-format", "json", "--", *CORPUS_LIKE_NAMES, cwd=tmp_path
    )
    assert run.returncode == 1, run.stderr
    assert sorted(d["path"] for d in json.loads(run.stdout)) == sorted(CORPUS_LIKE_NAMES)


NOT_UTF8 = b"2024-11-06-\xff\xfe-gbk-\xd6\xd0\xce\xc4.md"


@pytest.fixture
def not_utf8(tmp_path: Path) -> Path:
    if sys.platform == "darwin":
        pytest.skip("macOS file systems refuse names that are not UTF-8")
    path = os.path.join(os.fsencode(tmp_path), NOT_UTF8)
    with open(path, "wb") as handle:
        handle.write(POST.encode())
    return tmp_path


def test_a_name_that_is_not_utf8_is_linted(not_utf8: Path) -> None:
    name = os.fsdecode(NOT_UTF8)  # lone surrogates stand for the bytes that are not UTF-8
    assert found(not_utf8, not_utf8) == [(name, 3, 7, "FM020")]
    assert found(not_utf8, not_utf8 / name) == [(name, 3, 7, "FM020")]


@pytest.mark.parametrize(
    "output_format",
    ["concise", "full", "grouped", "json", "json-lines", "github", "gitlab", "junit", "checkstyle"],
)
def test_a_name_that_is_not_utf8_in_every_format(not_utf8: Path, output_format: str) -> None:
    """Each format writes UTF-8; the bytes that are not UTF-8 come out replaced, not raw."""
    for named in ([NOT_UTF8], []):
        run = postlint_cli(
            "check", "--no-cache", "--output-format", output_format, *named, cwd=not_utf8
        )
        assert run.returncode == 1, run.stderr.decode(errors="replace")
        assert b"Traceback" not in run.stderr
        out = run.stdout.decode("utf-8")  # raises if the output is not UTF-8
        assert "-gbk-" in out


def test_a_name_that_is_not_utf8_in_sarif(not_utf8: Path) -> None:
    run = postlint_cli("check", "--no-cache", "--output-format", "sarif", NOT_UTF8, cwd=not_utf8)
    assert b"Traceback" not in run.stderr
    uri = json.loads(run.stdout)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert uri["artifactLocation"]["uri"] == "2024-11-06-%FF%FE-gbk-%D6%D0%CE%C4.md"


def test_a_name_that_is_not_utf8_with_the_cache(not_utf8: Path) -> None:
    for _ in range(2):  # written, then read back
        run = postlint_cli("check", "--output-format", "concise", NOT_UTF8, cwd=not_utf8)
        assert b"Traceback" not in run.stderr
        assert run.returncode == 1
        assert "-gbk-" in run.stdout.decode("utf-8")


def test_a_name_that_is_not_utf8_with_an_output_file(not_utf8: Path) -> None:
    run = postlint_cli("check", "--no-cache", "--output-file", "report.txt", NOT_UTF8, cwd=not_utf8)
    assert b"Traceback" not in run.stderr
    assert "-gbk-" in (not_utf8 / "report.txt").read_text(encoding="utf-8")


def test_a_name_that_is_not_utf8_in_a_baseline(not_utf8: Path) -> None:
    written = postlint_cli(
        "check", "--no-cache", "--write-baseline", "baseline.json", NOT_UTF8, cwd=not_utf8
    )
    assert b"Traceback" not in written.stderr
    run = postlint_cli("check", "--no-cache", "--baseline", "baseline.json", NOT_UTF8, cwd=not_utf8)
    assert (run.returncode, run.stdout) == (0, b"")


def test_control_characters_in_a_name_are_escaped_in_text_output(tmp_path: Path) -> None:
    name = "2024-11-06-new\nline-\x1b]0;title\x07.md"
    (tmp_path / name).write_text(POST, encoding="utf-8")
    run = postlint_cli("check", "--no-cache", "--output-format", "concise", name, cwd=tmp_path)
    assert b"\x1b" not in run.stdout
    assert len(run.stdout.splitlines()) == 1


# --- terminals that are not UTF-8 --------------------------------------------------------------


@pytest.mark.parametrize(
    "env",
    [
        {"PYTHONIOENCODING": "ascii"},
        {"PYTHONIOENCODING": "latin-1"},
        {"LANG": "C", "LC_ALL": "C"},  # Python reads the C locale as UTF-8 (PEP 538, 540)
        {"PYTHONIOENCODING": "cp1252:strict", "LANG": "C", "LC_ALL": "C"},
        # Not UTF-8 at all: the text still is; a file name read as ASCII is shown replaced.
        {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
    ],
    ids=["ascii", "latin-1", "c-locale", "cp1252-strict", "c-locale-without-utf8-mode"],
)
def test_output_is_utf8_whatever_the_terminal(tmp_path: Path, env: dict[str, str]) -> None:
    (tmp_path / "2024-11-06-post.md").write_text(
        "---\ntitle: 标题\n---\n# 另一个标题\n", encoding="utf-8"
    )
    run = postlint_cli("check", "--no-cache", "--output-format", "full", ".", cwd=tmp_path, env=env)
    assert run.returncode == 1, run.stderr
    out = run.stdout.decode("utf-8")
    assert out.startswith("./2024-11-06-post.md:4:1: FM030 ")
    assert '"另一个标题"' in out
    assert run.stderr.decode("utf-8").startswith("Found 1 problem")


@pytest.mark.xfail(
    strict=True,
    reason="a file name is shown as Python decoded it: in a locale that is not UTF-8 its bytes "
    "come out replaced, though they are UTF-8: see the closing note",
)
def test_a_utf8_name_is_shown_as_utf8_in_a_locale_that_is_not(tmp_path: Path) -> None:
    (tmp_path / "2024-11-06-标题.md").write_text(POST, encoding="utf-8")
    env = {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    run = postlint_cli(
        "check", "--no-cache", "--output-format", "concise", ".", cwd=tmp_path, env=env
    )
    assert run.stdout.decode("utf-8").startswith("./2024-11-06-标题.md:3:7: FM020 ")


# --- the linted repository's git config is not trusted -----------------------------------------


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_walk_never_runs_the_repositorys_fsmonitor_command(tmp_path: Path) -> None:
    """git runs ``core.fsmonitor`` when it reads the index, and the walk asks git what is
    ignored: a repository's own config (an unpacked archive, a shared folder) could run code."""
    marker = tmp_path / "fsmonitor-ran"
    repo = tmp_path / "repo"
    (repo / "_posts").mkdir(parents=True)
    (repo / "_posts" / "2024-11-06-post.md").write_text(POST, encoding="utf-8")
    (repo / "drafts").mkdir()
    (repo / "drafts" / "2024-11-06-draft.md").write_text(POST, encoding="utf-8")
    (repo / ".gitignore").write_text("drafts/\n", encoding="utf-8")

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)

    git("init", "-q", ".")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "posts")
    git("config", "core.fsmonitor", f"touch '{marker}'; false")
    assert checked(repo, repo) == ["_posts/2024-11-06-post.md"]  # drafts/ is still ignored
    assert not marker.exists()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_git_is_asked_in_batches_and_every_batch_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".gitignore").write_text("*-draft.md\n", encoding="utf-8")
    for day in range(1, 7):
        kind = "draft" if day % 2 else "post"
        (tmp_path / f"2024-11-0{day}-{kind}.md").write_text(POST, encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    monkeypatch.setattr(walk, "_GIT_BATCH", 2)
    found = [target.path for target in discover([str(tmp_path)], lambda _: False)]
    assert [Path(path).name for path in found] == [
        "2024-11-02-post.md",
        "2024-11-04-post.md",
        "2024-11-06-post.md",
    ]
