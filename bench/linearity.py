"""How the pipeline's cost grows with the corpus: reads the run manifests that `bench/run pipeline` left in
WORK_DIR (pipeline-*/run_manifest.json), prints per run and stage the wall time and the time per 1,000
records, fits wall time = fixed + per_record x records by least squares per stage, and draws the points and
fits into a PNG. Numbers, not a test.

    linearity.py WORK_DIR OUT_PNG      (bench/run linearity calls it)
"""
import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the non-interactive backend)
import numpy as np  # noqa: E402


def runs(work: Path) -> list:
    found = []
    for manifest_path in sorted(work.glob("pipeline-*/run_manifest.json")):
        manifest = json.loads(manifest_path.read_text())
        stages = {s["stage"]: s["elapsed_seconds"] for s in manifest["stages"]}
        if not {"ingest", "tokenize", "topics", "stance", "report"} <= set(stages):
            continue  # a run that stopped early or ran only some stages (earlier runs had no narratives stage)
        found.append({"name": manifest_path.parent.name.removeprefix("pipeline-"),
                      "records": sum(i["records_read"] for i in manifest["inputs"]),
                      "documents": sum(i["documents"] for i in manifest["inputs"]),
                      "stages": stages})
    return sorted(found, key=lambda r: r["records"])


def fit(x: np.ndarray, y: np.ndarray) -> tuple:
    slope, intercept = np.polyfit(x, y, 1)
    residual = y - (slope * x + intercept)
    r2 = 1 - (residual @ residual) / ((y - y.mean()) @ (y - y.mean())) if len(y) > 2 else float("nan")
    return intercept, slope, r2


def main() -> None:
    work, png = Path(sys.argv[1]), Path(sys.argv[2])
    data = runs(work)
    if len(data) < 2:
        sys.exit(f"linearity: need at least two complete bench/run pipeline outputs in {work}, found {len(data)}")
    # A stage that took no time in every run (narratives.enabled: false) has nothing to fit.
    stage_names = [s for s in data[0]["stages"] if any(r["stages"].get(s, 0) > 0 for r in data)]
    print("| run | records | documents | " + " | ".join(f"{s} s (per 1k)" for s in stage_names) + " | total s |")
    print("|---|---|---|" + "---|" * (len(stage_names) + 1))
    for r in data:
        cells = [f"{r['stages'][s]:.0f} ({1000 * r['stages'][s] / r['records']:.1f})" for s in stage_names]
        total = sum(r["stages"].values())
        print(f"| {r['name']} | {r['records']:,} | {r['documents']:,} | " + " | ".join(cells)
              + f" | {total:.0f} ({1000 * total / r['records']:.1f}) |")
    x = np.array([r["records"] for r in data], dtype=float)
    figure, axis = plt.subplots(figsize=(8, 5))
    print("\nleast-squares fit, wall s = fixed + per_1k x records / 1000:")
    for stage in stage_names + ["total"]:
        y = np.array([sum(r["stages"].values()) if stage == "total" else r["stages"][stage] for r in data])
        intercept, slope, r2 = fit(x, y)
        print(f"  {stage:9s} fixed {intercept:7.1f} s, {1000 * slope:6.2f} s per 1,000 records, r2 {r2:.3f}")
        axis.plot(x / 1000, y, "o", label=f"{stage}: {1000 * slope:.2f} s / 1k records")
        axis.plot(x / 1000, intercept + slope * x, "-", color=axis.lines[-1].get_color(), alpha=0.5)
    axis.set_xlabel("records read (thousands)")
    axis.set_ylabel("wall time (s)")
    axis.set_title("Pipeline wall time by corpus size (points: runs; lines: least-squares fits)")
    axis.legend(fontsize=8)
    axis.grid(alpha=0.3)
    figure.tight_layout()
    png.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(png, dpi=110)
    print(f"\nchart: {png}")


if __name__ == "__main__":
    main()
