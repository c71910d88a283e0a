"""A small run of the scale benchmark's pieces (benchmarks/corpus.py and the generator, no MkDocs):
the synthetic corpus passes `briefing check`, parses as written, is reproducible from its seed, and
becomes one source page per article."""
from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

from click.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from corpus import generate_corpus, verify_corpus  # noqa: E402

from build_tools.cli import main  # noqa: E402
from build_tools.pipeline import ProjectPaths, generate  # noqa: E402

N = 20


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def test_small_corpus_checks_and_generates(tmp_path: Path) -> None:
    info = generate_corpus(tmp_path / "a", N, seed=3)
    assert info.sources == N and info.briefings and info.files < N
    assert verify_corpus(info) == []

    result = CliRunner().invoke(main, ["check", "--root", str(info.target)])
    assert result.exit_code == 0, result.output
    assert f"{N} sources" in result.output

    report = generate(ProjectPaths(info.target.resolve()))
    assert report.written
    pages = [p.stem for p in (info.target / "generated" / "sources").glob("*.md")
             if not re.fullmatch(r"index|page-\d+", p.stem)]
    assert sorted(pages) == sorted([a.id for a in info.articles] + info.seed_articles)
    briefing_pages = {p.stem for p in (info.target / "generated" / "briefings").glob("*.md")}
    assert set(info.briefings) <= briefing_pages


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    first = generate_corpus(tmp_path / "a", N, seed=5)
    second = generate_corpus(tmp_path / "b", N, seed=5)
    other = generate_corpus(tmp_path / "c", N, seed=6)
    for part in ("content/sources", "briefings"):
        assert digest(first.target / part) == digest(second.target / part)
        assert digest(first.target / part) != digest(other.target / part)
