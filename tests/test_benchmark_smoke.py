"""A small run of the scale benchmark's pieces (benchmarks/corpus.py and the generator, no MkDocs):
the synthetic corpus passes `briefing check`, parses as written, is reproducible from its seed, and
becomes one source page per article."""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

import pytest
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
    assert (info.target / "generated").is_dir()  # `mkdocs build` in the corpus refused to start without it
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


def test_a_repeated_step_counts_its_median_sample() -> None:
    from run import median_sample, samples_lines

    odd = median_sample([{"cpu": 3.0, "maxrss": 30}, {"cpu": 1.0, "maxrss": 10}, {"cpu": 2.0, "maxrss": 20}], "cpu")
    assert odd == {"cpu": 2.0, "maxrss": 20, "samples": [3.0, 1.0, 2.0]}
    even = median_sample([{"cpu": 4.0}, {"cpu": 1.0}, {"cpu": 3.0}, {"cpu": 2.0}], "cpu")
    assert even == {"cpu": 2.0, "samples": [4.0, 1.0, 3.0, 2.0]}
    assert median_sample([{"cpu": 0.5}], "cpu") == {"cpu": 0.5, "samples": [0.5]}

    results = {1000: {"one_added": {"cpu": 0.25, "samples": [0.31, 0.25, 0.248]},
                      "floor": {"cpu": 2.6, "samples": [2.6, 2.7, 2.5]}},
               100: {"one_added": {"cpu": 0.1}}}  # a run from before session 19: no samples
    assert samples_lines(results) == [
        "- CPU seconds of each repeated step, in the order measured (the median counts):",
        "  - N = 1,000: generator, one source added 0.310, 0.250, 0.248; floor 2.60, 2.70, 2.50"]
    assert samples_lines({100: {"one_added": {"cpu": 0.1}}}) == []


def test_a_corpus_smaller_than_the_real_articles_it_holds_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(ValueError) as refused:
        generate_corpus(tmp_path / "small", 6, seed=1)
    assert str(refused.value) == ("a corpus of 6 sources cannot be made: it holds at least 7 (the repository's "
                                  "real articles are always included)")
    assert not (tmp_path / "small").exists()
    assert generate_corpus(tmp_path / "seven", 7, seed=1).sources == 7


def test_benchmark_sizes_are_whole_numbers_of_sources() -> None:
    from run import corpus_sizes

    assert corpus_sizes("100,1000, 10000,") == [100, 1000, 10000]
    for text, message in [("abc", "'abc' is not a number of sources (a whole number, 1 or more)"),
                          ("100,0", "'0' is not a number of sources (a whole number, 1 or more)"),
                          ("1e3", "'1e3' is not a number of sources (a whole number, 1 or more)"),
                          (" , ", "name at least one number of sources, e.g. 100,1000")]:
        with pytest.raises(argparse.ArgumentTypeError) as refused:
            corpus_sizes(text)
        assert str(refused.value) == message
