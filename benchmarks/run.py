"""Scale benchmark (issue 6): generator, full build, the plain-Material floor, output and search size,
peak memory and the no-change rebuild, for N = 100, 1,000 and 10,000 sources.

    .venv/bin/python benchmarks/run.py                    # N = 100 and 1000 (about 3 minutes)
    .venv/bin/python benchmarks/run.py --sizes 10000      # add a size (10-20 minutes); earlier results are kept
    .venv/bin/python benchmarks/run.py --sizes 100 --skip-mkdocs   # generator only, quick
    .venv/bin/python benchmarks/run.py --sizes 1000,10000 --package-dir /tmp/patched --variant "with fix X"
                                       # measure a proposed change: a copy of build_tools in /tmp/patched

For each N, in this order, each measured step in its own process (so peak memory is that step's):

1. ``benchmarks/corpus.py`` writes N synthetic sources and N/10 briefings (seeded) into WORKDIR/N/project.
2. generator, cold, stage by stage: ``load_corpus`` (parse), ``build_site_index`` (index),
   ``emit_site`` (emit), ``write_tree`` (write) into an empty generated/.
3. generator through ``pipeline.generate`` twice: the first fills the caches (nothing to write), the
   second is the **no-change rebuild** (the time of the ``generate`` call, imports excluded). Then
   ``benchmarks/corpus.py:add_source`` writes one more synthetic source and a third call is the
   **one source added** build (the whole-tree cache misses; the per-file cache has every other file).
4. full ``mkdocs build`` of the project from scratch (generated/, its cache and site/ removed first;
   the hook runs the generator before MkDocs renders and Pagefind after it); then ``mkdocs build``
   again with nothing changed (*MkDocs alone*: the generator is a cache hit, so this is MkDocs
   rendering our pages; Pagefind too until session 18, from when a build that changes no page keeps
   the search index of the build before).
5. the **floor**: plain ``mkdocs build`` with Material and its search plugin of N pre-written Markdown
   pages, each the size of one of our generated source pages, none in the navigation.
6. search: the Pagefind bundle the build wrote into site/pagefind/: file sizes, and the bytes Chromium
   actually fetches for a first query through Pagefind's JS API, counted at the test server (plus the
   component UI's script and stylesheet, which the site fetches when search is opened); Pagefind's
   indexing is run once more on its own, into a scratch folder, for its time and peak memory. For
   trees from before Pagefind was adopted (Material's search plugin): ``search_index.json`` plus its
   search worker, the same without source pages, and Pagefind run here as a prototype.

Peak memory is the child's ``ru_maxrss`` from ``os.wait4``; times are wall and CPU (``ru_utime +
ru_stime``), since a shared machine makes wall time noisy. Raw figures go to ``benchmarks/results.json``
(per variant and N, newest run wins) and ``benchmarks/RESULTS.md`` is rewritten from all of them plus
the hand-written analysis in ``benchmarks/NOTES.md``.
"""
from __future__ import annotations

import argparse
import compileall
import contextlib
import datetime as dt
import gzip
import http.server
import json
import os
import platform
import re
import shutil
import signal
import socketserver
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS_JSON = HERE / "results.json"
RESULTS_MD = HERE / "RESULTS.md"
DEFAULT_WORKDIR = Path(tempfile.gettempdir()) / "dpb-bench"
PAGEFIND_QUERIES = ["vpn", "pakistan", "zettabyte"]
PAGEFIND_RESULTS_SHOWN = 5   # Pagefind's default UI loads the first five results' fragments
MB = 1_000_000

# ---------------------------------------------------------------------------------------------
# Children (run as `python benchmarks/run.py --child KIND PROJECT`): print one JSON line
# ---------------------------------------------------------------------------------------------


def child_stages(project: Path) -> dict:
    """Cold generator, each pipeline stage timed on its own."""
    import build_tools
    from build_tools.emit.site import emit_site
    from build_tools.emit.writer import write_tree
    from build_tools.index.site import build_site_index
    from build_tools.pipeline import ProjectPaths, load_corpus

    paths = ProjectPaths(project)
    out = paths.generated
    times: dict[str, float] = {}
    cpu: dict[str, float] = {}

    def timed(name, function, *args):
        start, start_cpu = time.perf_counter(), time.process_time()
        value = function(*args)
        times[name] = time.perf_counter() - start
        cpu[name] = time.process_time() - start_cpu
        return value

    try:
        from build_tools.collector import collector_paused  # as pipeline.generate runs the stages
    except ImportError:  # a package from before it (--package-dir)
        collector_paused = contextlib.nullcontext
    with collector_paused():
        corpus, problems = timed("parse", load_corpus, paths)
        if problems:
            raise SystemExit(f"{len(problems)} problems, first: {list(problems)[0]}")
        index, problems = timed("index", build_site_index, corpus)
        if problems:
            raise SystemExit(f"{len(problems)} problems, first: {list(problems)[0]}")
        files = timed("emit", emit_site, index)
    report = timed("write", write_tree, out, files)  # pipeline.generate writes with the collector running
    return {"times": times, "cpu": cpu, "files": len(files), "bytes": sum(len(b) for b in files.values()),
            "written": len(report.written), "articles": len(index.articles), "briefings": len(index.briefings),
            "package": str(Path(build_tools.__file__).parent)}


def child_pipeline(project: Path) -> dict:
    """``pipeline.generate`` as the hook and the CLI call it (with the generator cache, if any)."""
    from build_tools import pipeline

    rendered = []
    render = pipeline.render_files

    def counting(paths, *args):
        rendered.append(1)
        return render(paths, *args)

    pipeline.render_files = counting
    paths = pipeline.ProjectPaths(project)
    start, start_cpu = time.perf_counter(), time.process_time()
    report = pipeline.generate(paths)
    elapsed = time.perf_counter() - start
    return {"time": elapsed, "cpu": time.process_time() - start_cpu, "cache_hit": not rendered, "written": len(report.written), "unchanged": report.unchanged,
            "removed": len(report.removed)}


CHILDREN = {"stages": child_stages, "pipeline": child_pipeline}

# ---------------------------------------------------------------------------------------------
# Running children with their peak memory
# ---------------------------------------------------------------------------------------------


class StepFailed(RuntimeError):
    pass


def spawn(cmd: list[str], cwd: Path | None = None, env: dict | None = None, log: Path | None = None) -> dict:
    """Runs ``cmd``; returns wall time, peak RSS (bytes, from wait4) and its stdout."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if log is not None:
        log.write_text(f"$ {' '.join(cmd)}\n--- stdout\n{stdout}\n--- stderr\n{stderr}", "utf-8")
    if proc.returncode != 0:
        raise StepFailed(f"{' '.join(cmd[:4])}... exited {proc.returncode}:\n{stderr[-3000:]}")
    return {"wall": elapsed, "cpu": usage.ru_utime + usage.ru_stime, "maxrss": usage.ru_maxrss * 1024,
            "stdout": stdout, "stderr": stderr}


def child_env(package_dir: Path | None) -> dict:
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    paths = ([str(package_dir)] if package_dir else []) + [str(REPO)]
    env["PYTHONPATH"] = os.pathsep.join(paths)
    return env


def run_child(kind: str, project: Path, env: dict, log: Path) -> dict:
    result = spawn([sys.executable, str(Path(__file__).resolve()), "--child", kind, str(project)], env=env, log=log)
    data = json.loads(result["stdout"].strip().splitlines()[-1])
    data["maxrss"] = result["maxrss"]
    data["wall"] = result["wall"]
    return data


def venv_bin(name: str) -> str:
    candidate = Path(sys.executable).with_name(name)
    return str(candidate) if candidate.exists() else name

# ---------------------------------------------------------------------------------------------
# The floor project
# ---------------------------------------------------------------------------------------------


FLOOR_CONFIG = """site_name: Floor
docs_dir: docs
site_dir: site
use_directory_urls: true
theme:
  name: material
  font: false
nav:
  - Home: index.md
not_in_nav: |
  /pages/*.md
"""


def paragraph_pool(project: Path, limit: int = 5000) -> list[str]:
    pool: list[str] = []
    for path in sorted((project / "content" / "sources").glob("*.txt")):
        for block in path.read_text("utf-8").split("\n\n"):
            block = block.strip()
            if len(block) > 150 and "\n" not in block:
                pool.append(block)
        if len(pool) >= limit:
            break
    return pool


def write_floor(floor: Path, project: Path, sizes: list[int]) -> None:
    """N plain pages, page i exactly ``sizes[i]`` bytes of prose, none in the navigation."""
    if floor.exists():
        shutil.rmtree(floor)
    docs = floor / "docs" / "pages"
    docs.mkdir(parents=True)
    (floor / "mkdocs.yml").write_text(FLOOR_CONFIG, "utf-8")
    (floor / "docs" / "index.md").write_text("# Floor\n\nPlain pages, none in the navigation.\n", "utf-8")
    pool = paragraph_pool(project)
    cursor = 0
    for number, size in enumerate(sizes):
        parts = [f"# Page {number}\n\n"]
        length = len(parts[0].encode())
        while length < size:
            paragraph = pool[cursor % len(pool)] + "\n\n"
            cursor += 1
            parts.append(paragraph)
            length += len(paragraph.encode())
        data = "".join(parts).encode()[:size].decode("utf-8", "ignore")
        (docs / f"page-{number:05d}.md").write_text(data, "utf-8")

# ---------------------------------------------------------------------------------------------
# Measuring output and search
# ---------------------------------------------------------------------------------------------


def tree_size(folder: Path) -> tuple[int, int]:
    total = count = 0
    for root, _, names in os.walk(folder):
        for name in names:
            total += os.path.getsize(os.path.join(root, name))
            count += 1
    return total, count


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6, mtime=0))


SOURCE_PAGE = re.compile(r"^sources/(?!page-\d+/)[^/#]+/")
ENTITY_PAGE = re.compile(r"^entities/[^/#]+/")


def material_search(site: Path) -> dict:
    index_path = site / "search" / "search_index.json"
    workers = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.js"))
    data = index_path.read_bytes()
    worker = workers[0].read_bytes() if workers else b""
    parsed = json.loads(data)
    docs = parsed.get("docs", [])
    kept = [d for d in docs if not SOURCE_PAGE.match(d.get("location", ""))]
    trimmed = json.dumps({**parsed, "docs": kept}, ensure_ascii=False, separators=(",", ":")).encode()
    fewer = [d for d in kept if not ENTITY_PAGE.match(d.get("location", ""))]
    smallest = json.dumps({**parsed, "docs": fewer}, ensure_ascii=False, separators=(",", ":")).encode()
    return {
        "no_entities_bytes": len(smallest) + len(worker), "no_entities_gzip": gz(smallest) + gz(worker),
        "index_bytes": len(data), "index_gzip": gz(data), "worker_bytes": len(worker), "worker_gzip": gz(worker),
        "first_search_bytes": len(data) + len(worker), "first_search_gzip": gz(data) + gz(worker),
        "docs": len(docs), "trimmed_docs": len(kept),
        "trimmed_bytes": len(trimmed) + len(worker), "trimmed_gzip": gz(trimmed) + gz(worker),
    }


def pagefind_files(bundle: Path) -> dict:
    def size(pattern: str) -> list[int]:
        return sorted(p.stat().st_size for p in bundle.glob(pattern))

    index_chunks = size("index/*.pf_index")
    fragments = size("fragment/*.pf_fragment")
    fixed = sum(size("pagefind.js") + size("pagefind-entry.json") + size("wasm.*.pagefind") + size("pagefind.*.pf_meta"))
    # the interface a reader's browser fetches on opening search: the component UI the site uses, or
    # (for the earlier prototype runs) Pagefind's default UI
    ui = sum(size("pagefind-component-ui.js") + size("pagefind-component-ui.css")) or \
        sum(size("pagefind-ui.js") + size("pagefind-ui.css"))
    worst = fixed + (index_chunks[-1] if index_chunks else 0) + PAGEFIND_RESULTS_SHOWN * (fragments[-1] if fragments else 0)
    total, count = tree_size(bundle)
    return {
        "bundle_bytes": total, "bundle_files": count, "fixed_bytes": fixed, "ui_bytes": ui,
        "index_chunks": len(index_chunks), "index_chunk_max": index_chunks[-1] if index_chunks else 0,
        "index_chunk_median": int(statistics.median(index_chunks)) if index_chunks else 0,
        "fragments": len(fragments), "fragment_mean": int(statistics.mean(fragments)) if fragments else 0,
        "meta_bytes": sum(size("pagefind.*.pf_meta")),
        "first_search_bound": worst + ui,
    }


PROBE = """<!doctype html><html><head><meta charset="utf-8"></head><body><pre id="out">pending</pre>
<script type="module">
let report;
try {
  const pagefind = await import("/pagefind/pagefind.js");
  await pagefind.init();
  const search = await pagefind.search(%s);
  const data = await Promise.all(search.results.slice(0, %d).map(r => r.data()));
  const entries = performance.getEntriesByType("resource").map(e => ({name: e.name, transfer: e.transferSize,
    encoded: e.encodedBodySize, decoded: e.decodedBodySize}));
  report = {ok: true, results: search.results.length, titles: data.map(d => d.meta.title), entries};
} catch (error) {
  report = {ok: false, error: String(error)};
}
await fetch("/_bench_report", {method: "POST", body: JSON.stringify(report)});
</script></body></html>
"""


class ProbeHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site; a POST to /_bench_report hands the probe's findings to the benchmark."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".js": "text/javascript", ".json": "application/json"}
    reports: dict = {}
    served: list = []
    arrived = threading.Event()

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        super().do_GET()
        path = self.translate_path(self.path)
        if os.path.isfile(path):
            type(self).served.append((self.path.split("?")[0], os.path.getsize(path)))

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        if self.path.startswith("/_bench_report"):
            type(self).reports["last"] = body.decode("utf-8", "replace")
            type(self).arrived.set()
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args) -> None:  # silence the request log
        pass


def _end_session(process: subprocess.Popen) -> None:
    """Ends the process group this benchmark started for one browser run (and nothing else)."""
    for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(wait)
            time.sleep(0.5)  # helpers in the group exit just after the browser
            break
        except subprocess.TimeoutExpired:
            continue


def pagefind_in_browser(site: Path, queries: list[str], timeout: float = 180) -> dict:
    """Bytes Chromium fetches for a first search (fresh profile each query), through the JS API."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if chromium is None:
        return {"error": "no chromium"}
    handler = type("Handler", (ProbeHandler,), {"reports": {}, "served": [], "arrived": threading.Event()})
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), partial(handler, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    results = {}
    try:
        for query in queries:
            probe = site / f"_bench_probe_{re.sub(r'[^a-z0-9]+', '-', query.lower())}.html"
            probe.write_text(PROBE % (json.dumps(query), PAGEFIND_RESULTS_SHOWN), "utf-8")
            handler.arrived.clear()
            handler.reports.clear()
            handler.served.clear()
            with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
                # its own session, so the browser and the helper processes it starts end together
                browser = subprocess.Popen(
                    [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-extensions",
                     "--no-first-run", f"--user-data-dir={profile}", f"http://127.0.0.1:{port}/{probe.name}"],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
                try:
                    handler.arrived.wait(timeout)
                finally:
                    _end_session(browser)
            probe.unlink()
            try:
                data = json.loads(handler.reports.get("last", '{"ok": false, "error": "no report"}'))
            except json.JSONDecodeError:
                data = {"ok": False, "error": "bad report"}
            if data.get("ok"):
                # counted where the bytes leave the server: the page's own resource timing does not see
                # what Pagefind's web worker fetches
                data.pop("entries", None)
                served = [(path, size) for path, size in handler.served if path.startswith("/pagefind/")]
                data["requests"] = len(served)
                data["bytes"] = sum(size for _, size in served)
                data["by_file"] = {path.removeprefix("/pagefind/"): size for path, size in served}
            results[query] = data
    finally:
        server.shutdown()
        server.server_close()
    return results

def measure_pagefind(site: Path, env: dict, logs: Path, n: int) -> dict:
    """The search the built site ships: its pagefind/ bundle (written by the hook during `mkdocs build`;
    the prototype before that ran Pagefind here), what a first search fetches in Chromium, and the
    indexing step's own time and memory, measured by running it again into a scratch folder."""
    bundle = site / "pagefind"
    built_by_hook = (bundle / "pagefind-entry.json").is_file()
    if built_by_hook:
        from build_tools.render.search_index import pagefind_command
        command = pagefind_command(site)
        command[command.index("--output-subdir") + 1] = "_bench_pagefind"
    else:
        command = [sys.executable, "-m", "pagefind", "--site", str(site), "--root-selector", "article", "--quiet"]
    log(f"N={n}: Pagefind ({'the bundle the build wrote; indexing timed again' if built_by_hook else 'run on the built site'})")
    run = spawn(command, env=env, log=logs / "pagefind.log")
    shutil.rmtree(site / "_bench_pagefind", ignore_errors=True)
    files = pagefind_files(bundle)
    files.update(seconds=run["wall"], cpu=run["cpu"], maxrss=run["maxrss"], built_by_hook=built_by_hook)
    try:
        files["browser"] = pagefind_in_browser(site, PAGEFIND_QUERIES)
    except Exception as exc:  # the browser probe is a measurement aid: record it and go on
        files["browser"] = {"error": f"{type(exc).__name__}: {exc}"}
    measured = [q["bytes"] + files["ui_bytes"] for q in files["browser"].values() if isinstance(q, dict) and q.get("ok")]
    files["first_search_measured_max"] = max(measured) if measured else None
    log(f"N={n}:   Pagefind {run['wall']:.1f}s, first search {(files['first_search_measured_max'] or 0) / 1000:.0f} kB "
        f"measured, {files['first_search_bound'] / 1000:.0f} kB bound")
    return files


# ---------------------------------------------------------------------------------------------
# One size
# ---------------------------------------------------------------------------------------------


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def median_sample(samples: list[dict], key: str) -> dict:
    """The sample with the median ``key`` (the lower middle one of an even count), with every sample's
    ``key`` (in the order measured) under ``samples``: short steps vary by a tenth or more from run to
    run on a shared machine, so a goal is judged on the median of a few."""
    chosen = sorted(samples, key=lambda sample: sample[key])[(len(samples) - 1) // 2]
    return {**chosen, "samples": [sample[key] for sample in samples]}


def bench_size(n: int, workdir: Path, seed: int, skip_mkdocs: bool, pagefind: bool, package_dir: Path | None,
               repeats: int = 3) -> dict:
    sys.path.insert(0, str(HERE))
    from corpus import generate_corpus

    base = workdir / str(n)
    project = base / "project"
    logs = base / "logs"
    if base.exists():
        shutil.rmtree(base)
    logs.mkdir(parents=True)
    env = child_env(package_dir)
    result: dict = {"n": n, "seed": seed, "date": dt.datetime.now().isoformat(timespec="seconds")}

    log(f"N={n}: writing the corpus")
    start = time.perf_counter()
    hook = package_dir / "build_tools" / "render" / "mkdocs_hook.py" if package_dir else None
    info = generate_corpus(project, n, seed, hook=hook)
    result["corpus"] = {"sources": info.sources, "files": info.files, "briefings": len(info.briefings),
                        "seconds": time.perf_counter() - start,
                        "input_bytes": tree_size(project / "content")[0] + tree_size(project / "briefings")[0]}

    # A repository CI checks with --require-pins pins every cited paragraph: so does the benchmark's corpus
    # (not timed; `briefing pin` parses the corpus once more, and writes no cache)
    spawn([sys.executable, "-c", "from build_tools.cli import main; main()", "pin", "--root", str(project)], env=env,
          log=logs / "pin.log")
    result["corpus"]["pins"] = sum(1 for line in (project / "content" / "pinned-paragraphs.yml").open(encoding="utf-8")
                                   if line.startswith("- "))

    log(f"N={n}: generator, cold, by stage")
    stages = run_child("stages", project, env, logs / "stages.log")
    result["generator"] = stages
    log(f"N={n}:   parse {stages['times']['parse']:.2f}s index {stages['times']['index']:.2f}s "
        f"emit {stages['times']['emit']:.2f}s write {stages['times']['write']:.2f}s ({stages['package']})")
    sizes = sorted(p.stat().st_size for p in (project / "generated" / "sources").glob("*.md")
                   if not re.match(r"^(index|page-\d+)\.md$", p.name))
    result["source_page_md"] = {"count": len(sizes), "mean": int(statistics.mean(sizes)) if sizes else 0,
                                "total": sum(sizes)}

    log(f"N={n}: generator through pipeline.generate, twice")
    first = run_child("pipeline", project, env, logs / "pipeline-1.log")
    for attempt in range(2, 5):
        again = run_child("pipeline", project, env, logs / f"pipeline-{attempt}.log")
        if again["cache_hit"]:
            break
        # a miss here means the code changed under the benchmark (others edit the tree): measure again
        log(f"N={n}:   no-change run {attempt - 1} missed the cache ({again['written']} written): the code changed; again")
    again["attempts"] = attempt - 1
    result["pipeline_first"] = first
    result["rebuild"] = again
    log(f"N={n}:   first {first['time']:.2f}s ({first['written']} written), no-change {again['time']:.3f}s "
        f"({again['written']} written)")

    log(f"N={n}: one source added, then pipeline.generate ({repeats} times, a further source each time)")
    from corpus import add_source
    samples = []
    for number in range(1, repeats + 1):
        add_source(project, number=number)
        samples.append(run_child("pipeline", project, env, logs / f"pipeline-added-{number}.log"))
        log(f"N={n}:   one source added {samples[-1]['cpu']:.2f}s CPU ({samples[-1]['written']} written)")
    result["one_added"] = median_sample(samples, "cpu")

    if not skip_mkdocs:
        # Our builds run without -q: the render cache stores nothing from a quiet build (it could not see
        # a page's warnings), and their messages go to the log files anyway.
        log(f"N={n}: full mkdocs build from scratch")
        for folder in (project / "generated", project / "site"):
            shutil.rmtree(folder, ignore_errors=True)
        (project / "generated").mkdir()  # MkDocs checks that docs_dir exists before the hook runs
        full = spawn([venv_bin("mkdocs"), "build", "-f", str(project / "mkdocs.yml")], cwd=project, env=env,
                     log=logs / "mkdocs-full.log")
        site_bytes, site_files = tree_size(project / "site")
        result["full"] = {"seconds": full["wall"], "cpu": full["cpu"], "maxrss": full["maxrss"], "site_bytes": site_bytes,
                          "site_files": site_files}
        log(f"N={n}:   full build {full['wall']:.1f}s, peak {full['maxrss'] / MB:.0f} MB, site {site_bytes / MB:.1f} MB")

        log(f"N={n}: mkdocs build again, nothing changed but the render and page caches removed (MkDocs alone)")
        for stale in [*(project / "generated" / ".cache").glob("render-*.pickle"),
                      *(project / "generated" / ".cache").glob("page-*.pickle")]:
            stale.unlink()
        again_build = spawn([venv_bin("mkdocs"), "build", "-f", str(project / "mkdocs.yml")], cwd=project, env=env,
                            log=logs / "mkdocs-again.log")
        result["mkdocs_again"] = {"seconds": again_build["wall"], "cpu": again_build["cpu"],
                                  "maxrss": again_build["maxrss"]}
        log(f"N={n}:   {again_build['wall']:.1f}s")

        log(f"N={n}: one more source added, then mkdocs build (every cache warm from the build before; "
            f"{repeats} times)")
        samples = []
        for number in range(repeats + 1, 2 * repeats + 1):
            add_source(project, number=number)
            warm = spawn([venv_bin("mkdocs"), "build", "-f", str(project / "mkdocs.yml")], cwd=project, env=env,
                         log=logs / f"mkdocs-added-{number}.log")
            samples.append({"seconds": warm["wall"], "cpu": warm["cpu"], "maxrss": warm["maxrss"]})
            log(f"N={n}:   {warm['wall']:.1f}s, {warm['cpu']:.2f}s CPU, peak {warm['maxrss'] / MB:.0f} MB")
        result["full_added"] = median_sample(samples, "cpu")

        log(f"N={n}: floor (plain Material, {len(sizes)} pages)")
        floor = base / "floor"
        write_floor(floor, project, sizes)
        samples = []
        for attempt in range(1, repeats + 1):
            shutil.rmtree(floor / "site", ignore_errors=True)
            floor_run = spawn([venv_bin("mkdocs"), "build", "-q", "-f", str(floor / "mkdocs.yml")], cwd=floor,
                              env=env, log=logs / f"mkdocs-floor-{attempt}.log")
            samples.append({"seconds": floor_run["wall"], "cpu": floor_run["cpu"], "maxrss": floor_run["maxrss"]})
            log(f"N={n}:   floor {floor_run['wall']:.1f}s, {floor_run['cpu']:.2f}s CPU, "
                f"peak {floor_run['maxrss'] / MB:.0f} MB")
        floor_bytes, floor_files = tree_size(floor / "site")
        result["floor"] = {**median_sample(samples, "cpu"), "site_bytes": floor_bytes, "site_files": floor_files,
                           "pages": len(sizes)}

        if (project / "site" / "search" / "search_index.json").is_file():  # trees before Pagefind was adopted
            result["material_search"] = material_search(project / "site")
            log(f"N={n}:   Material search index {result['material_search']['index_bytes'] / MB:.2f} MB")
        if pagefind:
            result["pagefind"] = measure_pagefind(project / "site", env, logs, n)
        shutil.rmtree(floor / "site", ignore_errors=True)
    return result

# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = int(line.split()[1]) * 1024
    except OSError:
        pass

    def version(package: str) -> str:
        from importlib import metadata
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "not installed"

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, timeout=20).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    dirty = git("status", "--porcelain", "--untracked-files=all", "--", "build_tools")
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": memory, "python": platform.python_version(),
            "os": platform.platform(), "mkdocs": version("mkdocs"), "material": version("mkdocs-material"),
            "pagefind": version("pagefind"), "commit": git("rev-parse", "--short", "HEAD"),
            "dirty": bool(dirty)}


def figures(r: dict) -> dict:
    """The flat figures of one size, by name (None when not measured). Stage times are CPU seconds of
    the generator process; totals are given as wall and CPU time (the machine may be shared)."""
    g = r["generator"]["times"]
    gc = r["generator"].get("cpu") or g
    gen, gen_cpu = sum(g.values()), sum(gc.values())
    full, floor = r.get("full"), r.get("floor")
    ms, pf = r.get("material_search"), r.get("pagefind")
    n = r["corpus"]["sources"]

    def ratio(a, b):
        return a / b if a is not None and b else None

    full_cpu = full.get("cpu") if full else None
    floor_cpu = floor.get("cpu") if floor else None
    return {
        "parse s": gc["parse"], "index s": gc["index"], "emit s": gc["emit"], "write s": gc["write"],
        "generator CPU s": gen_cpu,
        "generator wall s": gen,
        "no-change rebuild s": r["rebuild"]["time"],
        "one source added CPU s": r["one_added"]["cpu"] if r.get("one_added") else None,
        "one source added wall s": r["one_added"]["time"] if r.get("one_added") else None,
        "full build CPU s": full_cpu,
        "full build wall s": full["seconds"] if full else None,
        "MkDocs alone CPU s": r["mkdocs_again"]["cpu"] if r.get("mkdocs_again") else None,
        "full build, one source added, CPU s": r["full_added"]["cpu"] if r.get("full_added") else None,
        "full build, one source added, wall s": r["full_added"]["seconds"] if r.get("full_added") else None,
        "floor CPU s": floor_cpu,
        "floor wall s": floor["seconds"] if floor else None,
        "generator / floor (CPU)": ratio(gen_cpu, floor_cpu),
        "one source added / floor (CPU)": ratio(r["one_added"]["cpu"] if r.get("one_added") else None, floor_cpu),
        "full / floor (CPU)": ratio(full_cpu, floor_cpu),
        "MkDocs alone / floor (CPU)": ratio(r["mkdocs_again"]["cpu"] if r.get("mkdocs_again") else None, floor_cpu),
        "full, one source added / floor (CPU)": ratio(r["full_added"]["cpu"] if r.get("full_added") else None, floor_cpu),
        "generator / floor (wall)": ratio(gen, floor["seconds"] if floor else None),
        "full / floor (wall)": ratio(full["seconds"] if full else None, floor["seconds"] if floor else None),
        "generated Markdown bytes / source": r["generator"]["bytes"] / n,
        "site bytes / source": full["site_bytes"] / n if full else None,
        "floor site bytes / page": floor["site_bytes"] / floor["pages"] if floor else None,
        "Material first search bytes": ms["first_search_bytes"] if ms else None,
        "Material first search gzip": ms["first_search_gzip"] if ms else None,
        "Material, sources excluded, gzip": ms["trimmed_gzip"] if ms else None,
        "Material, sources + entities excluded, gzip": ms.get("no_entities_gzip") if ms else None,
        "Pagefind first search bytes": pf.get("first_search_measured_max") if pf else None,
        "Pagefind bound bytes": pf["first_search_bound"] if pf else None,
        "Pagefind index wall s": pf["seconds"] if pf else None,
        "generator peak bytes": r["generator"]["maxrss"],
        "full build peak bytes": full["maxrss"] if full else None,
        "full build, one source added, peak bytes": r["full_added"]["maxrss"] if r.get("full_added") else None,
        "floor peak bytes": floor["maxrss"] if floor else None,
        "Pagefind peak bytes": pf.get("maxrss") if pf else None,
    }


UNITS = {" s": "s", "bytes": "bytes", "gzip": "bytes"}


def fmt(name: str, value) -> str:
    if value is None:
        return "–"
    if name.endswith(" s"):
        return f"{value:.3f}" if value < 1 else f"{value:.2f}" if value < 100 else f"{value:.0f}"
    if "/ floor" in name:
        return f"{value * 100:.1f} %" if name.startswith(("generator", "one source")) else f"{value:.2f}x"
    if "peak" in name:
        return f"{value / MB:,.0f} MB"
    if "/ source" in name or "/ page" in name:
        return f"{value / 1000:,.1f} kB"
    if "bytes" in name or "gzip" in name:
        return f"{value / 1000:,.0f} kB" if value < MB else f"{value / MB:,.2f} MB"
    return str(value)


def goals(results: dict[int, dict], reference_floors: dict[int, tuple[float, str]] | None = None
          ) -> list[tuple[str, str, str]]:
    """(goal, verdict, evidence) for each goal of issue 6, from the largest sizes measured.

    ``reference_floors``: N -> (floor CPU s, name of the run that measured it), used for the generator
    goals when this run did not measure the floor (``--skip-mkdocs``); the evidence says so."""
    f = {n: figures(r) for n, r in results.items()}
    out = []

    def at(n, key):
        return f.get(n, {}).get(key)

    for n in (1000, 10000):
        floor_cpu, where = at(n, "floor CPU s"), ""
        if floor_cpu is None and reference_floors and n in reference_floors:
            floor_cpu, name = reference_floors[n]
            where = f" (floor measured in the run \u201c{name}\u201d)"
        for label, key in (("generator, cold,", "generator CPU s"), ("generator, one source added,", "one source added CPU s")):
            value = at(n, key)
            ratio = value / floor_cpu if value is not None and floor_cpu else None
            out.append((f"{label} ≤ 10 % of the floor at {n:,}",
                        "–" if ratio is None else ("met" if ratio <= 0.10 else "NOT met"),
                        "not measured" if ratio is None else
                        f"CPU {fmt('x s', value)} s vs floor {fmt('x s', floor_cpu)} s = {ratio * 100:.0f} %{where}"))
    for n in (1000, 10000):
        ratio = at(n, "full / floor (CPU)")
        out.append((f"full build ≤ 1.2x the floor at {n:,}",
                    "–" if ratio is None else ("met" if ratio <= 1.2 else "NOT met"),
                    "not measured" if ratio is None else
                    f"CPU {fmt('x s', at(n, 'full build CPU s'))} s vs {fmt('x s', at(n, 'floor CPU s'))} s = "
                    f"{ratio:.2f}x (wall {at(n, 'full / floor (wall)'):.2f}x)"))
    for n in (1000, 10000):
        ratio = at(n, "full, one source added / floor (CPU)")
        if ratio is not None:
            out.append((f"(for comparison) full build after one source added, caches warm, ≤ 1.2x the floor at {n:,}",
                        "met" if ratio <= 1.2 else "NOT met",
                        f"CPU {fmt('x s', at(n, 'full build, one source added, CPU s'))} s vs "
                        f"{fmt('x s', at(n, 'floor CPU s'))} s = {ratio:.2f}x"))
    a, b = at(1000, "site bytes / source"), at(10000, "site bytes / source")
    out.append(("output bytes per source at 10,000 within 10 % of 1,000",
                "–" if a is None or b is None else ("met" if abs(b / a - 1) <= 0.10 else
                                                    "met in intent: smaller, not larger" if b < a else "NOT met"),
                "not measured" if a is None or b is None else f"{a / 1000:.1f} kB → {b / 1000:.1f} kB ({(b / a - 1) * 100:+.1f} %)"))
    peak = max(at(10000, "full build peak bytes") or 0, at(10000, "full build, one source added, peak bytes") or 0) or None
    gen_peak = at(10000, "generator peak bytes")
    pf_peak = at(10000, "Pagefind peak bytes")
    out.append(("peak memory < 1.5 GB at 10,000",
                "–" if peak is None else ("met" if max(peak, gen_peak or 0, pf_peak or 0) < 1.5e9 else "NOT met"),
                "not measured" if peak is None else f"full build {peak / MB:,.0f} MB, generator alone {gen_peak / MB:,.0f} MB"
                + (f", Pagefind indexing alone {pf_peak / MB:,.0f} MB" if pf_peak else "")))
    material = at(10000, "Material first search gzip")
    pagefind = at(10000, "Pagefind first search bytes")
    shipped = results.get(10000, {}).get("pagefind", {}).get("built_by_hook")
    if shipped and pagefind is not None:
        out.append(("first search downloads < 1 MB at 10,000", "met" if pagefind < MB else "NOT met",
                    f"Pagefind, as the site ships it: {fmt('x bytes', pagefind)} fetched for the largest of the "
                    f"queries {', '.join(PAGEFIND_QUERIES)} (bound {fmt('x bytes', at(10000, 'Pagefind bound bytes'))}), "
                    "interface included"))
    else:
        trimmed = at(10000, "Material, sources excluded, gzip")
        verdict = "–"
        if material is not None:
            verdict = "met" if material < MB else ("NOT met with Material; met with Pagefind" if pagefind and pagefind < MB
                                                   else "NOT met")
        out.append(("first search downloads < 1 MB at 10,000", verdict,
                    "not measured" if material is None else
                    f"Material index + worker {fmt('x bytes', at(10000, 'Material first search bytes'))} "
                    f"({fmt('x bytes', material)} gzipped); sources excluded {fmt('x bytes', trimmed)} gzipped; "
                    f"Pagefind {fmt('x bytes', pagefind)} measured in Chromium"))
    rebuild = at(10000, "no-change rebuild s")
    out.append(("no-change rebuild < 1 s in the generator at 10,000", "–" if rebuild is None else
                ("met" if rebuild < 1 else "NOT met"), "not measured" if rebuild is None else f"{rebuild:.3f} s"))
    return out


def table(results: dict[int, dict]) -> str:
    sizes = sorted(results)
    f = {n: figures(results[n]) for n in sizes}
    names = list(next(iter(f.values())).keys()) if f else []
    head = ["figure"] + [f"N = {n:,}" for n in sizes]
    growth = 1000 in f and 10000 in f
    if growth:
        head.append("growth 1k→10k")
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name in names:
        row = [name] + [fmt(name, f[n][name]) for n in sizes]
        if growth:
            a, b = f[1000][name], f[10000][name]
            row.append(f"{b / a:.1f}x" if a and b else "–")
        rows.append("| " + " | ".join(row) + " |")
    return "\n".join(rows) + "\n"


def counts_table(results: dict[int, dict]) -> str:
    rows = ["| N | source files | briefings | generated files | site files | floor pages | mean source page (Markdown) |",
            "|---|---|---|---|---|---|---|"]
    for n in sorted(results):
        r = results[n]
        rows.append(f"| {n:,} | {r['corpus']['files']:,} | {r['corpus']['briefings']:,} | {r['generator']['files']:,} | "
                    f"{r.get('full', {}).get('site_files', 0):,} | {r.get('floor', {}).get('pages', 0):,} | "
                    f"{r['source_page_md']['mean']:,} bytes |")
    return "\n".join(rows) + "\n"


def reference_floors(variants: dict[str, dict[int, dict]]) -> dict[int, tuple[float, str]]:
    """N -> (floor CPU s, run name) of the newest run that measured the floor at that N."""
    found: dict[int, tuple[str, float, str]] = {}
    for name, results in variants.items():
        for n, r in results.items():
            floor = r.get("floor")
            if floor and floor.get("cpu") and (n not in found or r["date"] > found[n][0]):
                found[n] = (r["date"], floor["cpu"], name)
    return {n: (cpu, name) for n, (_, cpu, name) in found.items()}


def samples_lines(results: dict[int, dict]) -> list[str]:
    """Each repeated step's CPU seconds in the order measured (runs since session 19; the median counts)."""
    steps = (("one_added", "generator, one source added"), ("full_added", "full build, one source added"),
             ("floor", "floor"))
    lines = []
    for n in sorted(results):
        measured = [f"{label} " + ", ".join(fmt("x s", value) for value in results[n][key]["samples"])
                    for key, label in steps if (results[n].get(key) or {}).get("samples")]
        if measured:
            lines.append(f"  - N = {n:,}: " + "; ".join(measured))
    return ["- CPU seconds of each repeated step, in the order measured (the median counts):", *lines] if lines else []


def variant_section(name: str, results: dict[int, dict], heading: str,
                    floors: dict[int, tuple[float, str]] | None = None) -> list[str]:
    package = next((r.get("package_dir") for r in results.values() if r.get("package_dir")), None)
    codes = sorted({f"{r['code']['commit']}{' + uncommitted changes to build_tools/' if r['code']['dirty'] else ''}"
                    for r in results.values() if r.get("code")})
    lines = [f"{heading} {name}", ""]
    if package:
        lines += [f"Package benchmarked: `{package}` (a copy of the tree's `build_tools` with a proposed change; "
                  "see the analysis below).", ""]
    lines += ["- runs: " + ", ".join(f"N = {n:,} on {results[n]['date']}" for n in sorted(results)),
              "- code: commit " + (", ".join(codes) or "not recorded") + " (a copy of `build_tools/` taken when "
              "the run started)", *samples_lines(results), "",
              counts_table(results), table(results), "",
              "| goal | verdict | evidence |", "|---|---|---|"]
    lines += [f"| {g} | {v} | {e} |" for g, v, e in goals(results, floors)]
    return lines + [""]


def write_markdown(variants: dict[str, dict[int, dict]], facts: dict, notes: str) -> str:
    lines = ["# Scale benchmark results (issue 6)", "",
             "Tables and goal verdicts are written by `benchmarks/run.py` (raw figures in "
             "`benchmarks/results.json`); the analysis at the end comes from `benchmarks/NOTES.md`.", "",
             "## Machine", "",
             f"- CPU: {facts['cpu']}, {facts['cores']} cores; memory {facts['memory'] / 1e9:.0f} GB; the machine "
             "is shared, so runs vary (load averages from under 1 to 7 on its 2 cores were seen across sessions)",
             f"- {facts['os']}; Python {facts['python']}; MkDocs {facts['mkdocs']}, Material {facts['material']}, "
             f"Pagefind {facts['pagefind']}",
             f"- report written {dt.datetime.now().isoformat(timespec='minutes')}", "",
             "## What is measured", "",
             "N counts source *articles* (one source page each; the repository's seven real articles included); "
             "about one synthetic file in six holds two articles. One briefing per ten sources, each citing "
             "3–5 of them (`benchmarks/corpus.py`, seed 1). Since session 8 the corpus also has every cited "
             "paragraph pinned (`briefing pin` before the runs), as a repository that CI checks with "
             "`--require-pins` has, so each build checks every citation against its pin.", "",
             "Stage times (parse, index, emit, write) are CPU seconds of the generator process; totals are "
             "given as CPU and wall-clock seconds. Goals are judged on CPU time because the machine was shared "
             "(wall times of the same step varied up to 3x between runs). *generator* = parse + index + emit + "
             "write, cold, into an empty folder. *no-change rebuild* = one `pipeline.generate` call with nothing "
             "changed (the generator cache hits; imports excluded). *one source added* = one `pipeline.generate` "
             "call after one new synthetic source file was written (imports excluded; since session 19 the median "
             "of three such calls, each in a fresh process after a further source): the whole-tree cache misses, "
             "the generator's other caches (parsed files, per-article mentions and figures, since session 9 the "
             "page memo and related items' state) hold every other source; this is "
             "the realistic build of a site that grows by a few sources a day. *full build* = `mkdocs build` from "
             "scratch (of the corpus with the added sources still in it: N + 1 sources against an N-page floor, "
             "N + 3 since session 19) (the hook runs the generator, and since Pagefind was adopted, Pagefind's indexing after the "
             "pages are written). *MkDocs alone* = `mkdocs build` again with nothing changed (the generator is a "
             "cache hit, so this is MkDocs rendering our pages, plus Pagefind until session 18, from when a build "
             "that writes no page different from the last build's keeps its search index; since the render cache was added, "
             "with its file removed first, so every page is converted; in session 9 the page cache's file was "
             "left, so templates were rendered only for changed pages, and from then on it is removed too). "
             "*full build, one source added* = "
             "`mkdocs build` after a further synthetic source was added (since session 19 the median of three, "
             "a source added before each), with the caches the builds before left "
             "(the generator's caches, the render cache and, since session 9, the page cache): the build of a "
             "site that grows by a source, as a maintainer runs it, and as CI runs it for a pull request that adds "
             "a source (CI restores the caches; it starts without `site/`). Since session 10 the hook updates "
             "`site/` and Pagefind's bundle in place instead of MkDocs emptying the folder first (this and *MkDocs "
             "alone* find the folder the build before left; on this machine's disk, writing files after a mass "
             "delete costs 5 to 15 times more than into an untouched folder). *floor* = plain `mkdocs build` "
             "with Material and its search plugin of N plain pages, each the size of one of our source pages, "
             "none in the navigation (since session 19 the median of three builds, each into an empty folder).", "",
             "Search bytes: Pagefind = every byte Chromium fetched from `/pagefind/` for one query and its first "
             "five results (the largest over the queries " + ", ".join(PAGEFIND_QUERIES) + "), plus the search "
             "interface's script and stylesheet (the component UI the site loads when search is opened; the "
             "default UI in the prototype runs); Pagefind's index files are already compressed, its scripts were "
             "served uncompressed. *bound* = the same from file sizes with the largest index chunk and the five "
             "largest fragments. Material (runs before Pagefind was adopted) = `search_index.json` + the search "
             "worker, raw and gzipped (GitHub Pages serves gzip); *sources excluded* = the same index without "
             "the source pages. Peak memory = `ru_maxrss` of that step's process (a build's includes the "
             "Pagefind indexer it runs).", ""]
    newest_first = sorted(variants.items(), key=lambda item: max(r["date"] for r in item[1].values()), reverse=True)
    for name, results in newest_first:
        lines += variant_section(name, results, "##", reference_floors(variants))
    lines += [notes.strip(), ""] if notes.strip() else [""]
    return "\n".join(lines)


def snapshot_package(workdir: Path) -> Path:
    """A copy of the tree's ``build_tools`` taken when the run starts, so that edits others make to the
    tree during a long run cannot mix two versions of the code into one set of figures."""
    target = workdir / "package"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(REPO / "build_tools", target / "build_tools", ignore=shutil.ignore_patterns("__pycache__"))
    # Byte-compiled, as an installed package is (and a checkout is after its first import): Python reads
    # these even where PYTHONDONTWRITEBYTECODE is set, as on the machine of the recorded runs, where
    # each build otherwise compiled the modules it imports late (the parser's, when a source is added).
    compileall.compile_dir(target / "build_tools", quiet=1)
    return target


def load_variants() -> dict[str, dict[int, dict]]:
    if not RESULTS_JSON.exists():
        return {}
    data = json.loads(RESULTS_JSON.read_text("utf-8"))
    return {name: {int(k): v for k, v in sizes.items()} for name, sizes in data.get("variants", {}).items()}


def save_variants(variants: dict[str, dict[int, dict]]) -> None:
    data = {"variants": {name: {str(k): sizes[k] for k in sorted(sizes)} for name, sizes in variants.items()}}
    RESULTS_JSON.write_text(json.dumps(data, indent=1), "utf-8")


def print_summary(results: dict[int, dict], floors: dict[int, tuple[float, str]] | None = None) -> None:
    print(table(results))
    for goal, verdict, evidence in goals(results, floors):
        print(f"- {goal}: {verdict} ({evidence})")


def corpus_sizes(text: str) -> list[int]:
    """``--sizes``: comma-separated whole numbers of sources, at least one."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    for part in parts:
        if not (part.isdigit() and int(part) >= 1):
            raise argparse.ArgumentTypeError(f"{part!r} is not a number of sources (a whole number, 1 or more)")
    if not parts:
        raise argparse.ArgumentTypeError("name at least one number of sources, e.g. 100,1000")
    return [int(part) for part in parts]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Scale benchmark (issue 6).")
    parser.add_argument("--sizes", type=corpus_sizes, default="100,1000",
                        help="comma-separated N (default 100,1000; add 10000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR, help=f"scratch folder (default {DEFAULT_WORKDIR})")
    parser.add_argument("--skip-mkdocs", action="store_true", help="generator only (no full build, floor or search)")
    parser.add_argument("--no-pagefind", action="store_true", help="do not run the Pagefind prototype")
    parser.add_argument("--package-dir", type=Path, default=None,
                        help="benchmark the build_tools package found in this folder instead of the tree's "
                             "(to measure a proposed change); use with --variant")
    parser.add_argument("--variant", default="the tree as it is",
                        help="name under which the results are stored and reported (default: the tree as it is)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="times the short steps are measured, the median counting: one source added (generator, "
                             "and mkdocs build with warm caches, a further source each time) and the floor (default 3)")
    parser.add_argument("--no-save", action="store_true", help="print only; leave results.json and RESULTS.md alone")
    parser.add_argument("--report-only", action="store_true", help="rewrite RESULTS.md from results.json")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "PROJECT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    if args.child:
        kind, project = args.child
        print(json.dumps(CHILDREN[kind](Path(project).resolve())))
        return 0

    variants = load_variants()
    results = variants.setdefault(args.variant, {})
    if not args.report_only:
        facts = machine()
        package_dir = args.package_dir.resolve() if args.package_dir else snapshot_package(args.workdir.resolve())
        for n in args.sizes:
            try:
                result = bench_size(n, args.workdir.resolve(), args.seed, args.skip_mkdocs, not args.no_pagefind,
                                    package_dir, args.repeat)
            except (StepFailed, ValueError) as exc:
                log(f"N={n}: FAILED: {exc}")
                return 1
            result["package_dir"] = str(args.package_dir) if args.package_dir else None
            result["code"] = {"commit": facts["commit"], "dirty": facts["dirty"]}
            results[n] = result
            if not args.no_save:
                save_variants(variants)
    if not args.no_save:
        notes_path = HERE / "NOTES.md"
        notes = notes_path.read_text("utf-8") if notes_path.exists() else ""
        RESULTS_MD.write_text(write_markdown({k: v for k, v in variants.items() if v}, machine(), notes), "utf-8")
    if results:
        print_summary(results, reference_floors(variants))
    return 0


if __name__ == "__main__":
    sys.exit(main())
