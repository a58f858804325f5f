"""Whole-pipeline benchmark: runs `bin/narrative run` on each corpus, as a user would (the launcher's default
heap unless NARRATIVE_HEAP is set), samples the JVM's resident memory every second, and prints per stage:
wall time, documents/s, tokens/s, peak RSS during the stage, and the rows written. Numbers, not a test.

    pipeline_bench.py WORK_DIR CORPUS [CORPUS ...]      (bench/run pipeline calls it)
"""
import json
import os
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent


def rss_sampler(pid: int, samples: list, done: threading.Event) -> None:
    while not done.is_set():
        try:
            with open(f"/proc/{pid}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        samples.append((time.time(), int(line.split()[1]) * 1024))
        except (FileNotFoundError, ProcessLookupError):
            return
        done.wait(1.0)


def epoch(timestamp: str) -> float:
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00")).timestamp()


def run(corpus: str, work: Path) -> None:
    name = Path(corpus).name.replace(".", "_")
    out = work / f"pipeline-{name}"
    log = work / f"pipeline-{name}.log"
    command = [str(ROOT / "bin" / "narrative"), "run", "--input", corpus, "--output", str(out)]
    for setting in filter(None, os.environ.get("BENCH_SET", "").split(";")):
        command += ["--set", setting]
    started = time.time()
    with open(log, "w") as handle:
        job = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT)  # bin/narrative execs java
        samples, done = [], threading.Event()
        sampler = threading.Thread(target=rss_sampler, args=(job.pid, samples, done), daemon=True)
        sampler.start()
        code = job.wait()
        done.set()
        sampler.join()
    wall = time.time() - started
    if code != 0:
        sys.exit(f"{corpus}: the run failed (exit {code}), see {log}")
    manifest = json.loads((out / "run_manifest.json").read_text())
    records = sum(i["records_read"] for i in manifest["inputs"])
    documents = sum(i["documents"] for i in manifest["inputs"])
    tokens = pq.read_table(out / "doc_terms", columns=["n_tokens"]).column("n_tokens").to_pandas().sum()
    peak = max((rss for _, rss in samples), default=0)
    print(f"\n### {corpus}\n{records:,} records, {documents:,} documents, {tokens:,} tokens; "
          f"{wall:.0f} s in all (JVM start included); peak RSS {peak / 2**30:.2f} GiB; "
          f"heap {os.environ.get('NARRATIVE_HEAP', 'launcher default')}\n")
    print("| stage | wall s | docs/s | tokens/s | peak RSS GiB | rows written |")
    print("|---|---|---|---|---|---|")
    for stage in manifest["stages"]:
        begin = epoch(stage["started_at"])
        end = begin + stage["elapsed_seconds"]
        stage_peak = max((rss for t, rss in samples if begin - 1 <= t <= end + 1), default=0)
        seconds = stage["elapsed_seconds"]
        docs = records if stage["stage"] == "ingest" else documents
        rows = ", ".join(f"{table} {count:,}" for table, count in stage["row_counts"].items())
        if seconds < 0.05:  # a stage that is off (narratives.enabled: false) takes no time
            print(f"| {stage['stage']} | {seconds:.1f} | - | - | {stage_peak / 2**30:.2f} | {rows or 'off'} |")
            continue
        print(f"| {stage['stage']} | {seconds:.1f} | {docs / seconds:,.0f} | {tokens / seconds:,.0f} | "
              f"{stage_peak / 2**30:.2f} | {rows} |")
    sys.stdout.flush()


def main() -> None:
    work = Path(sys.argv[1])
    work.mkdir(parents=True, exist_ok=True)
    with open("/proc/meminfo") as meminfo:
        memory = int(meminfo.readline().split()[1]) / 2**20
    print(f"machine: {os.cpu_count()} cores, {memory:.1f} GiB RAM")
    for corpus in sys.argv[2:]:
        run(corpus, work)


if __name__ == "__main__":
    main()
