"""Executes the notebooks against a run's output and writes one self-contained HTML report (plots embedded,
code hidden) to OUTPUT/report/report.html, for people who do not run Jupyter.

    ./bin/narrative report-html --output output/sample        (the launcher runs this with .venv's Python)

A cell that fails stops the report with the cell and its error, and the exit status is 1: CI runs this on
the sample run's output, so a notebook that breaks fails the build. With --strict, anything a cell writes to
stderr (a deprecation warning, a font without the glyphs for a label) fails it too.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter

NOTEBOOK_DIR = Path(__file__).resolve().parent
NOTEBOOKS = ["01_corpus.ipynb", "02_topics.ipynb", "03_stance.ipynb", "04_narratives.ipynb"]
CELL_TIMEOUT_SECONDS = 1800
# nbconvert's template links require.js and MathJax from a CDN; the report needs neither (no widgets, no
# formulas) and must open offline, so external scripts are dropped.
EXTERNAL_SCRIPT = re.compile(r'<script[^>]*\bsrc="https?://[^"]*"[^>]*>\s*</script>\s*')


def execute(name: str, output: str) -> nbformat.NotebookNode:
    notebook = nbformat.read(NOTEBOOK_DIR / name, as_version=4)
    os.environ["NARRATIVE_OUTPUT"] = output  # the kernel inherits it; the notebooks read it
    client = NotebookClient(notebook, timeout=CELL_TIMEOUT_SECONDS, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK_DIR)}})
    client.execute()
    return notebook


def stderr_messages(name: str, notebook: nbformat.NotebookNode) -> list[str]:
    return [f"{name}, cell {index}: {output.text.strip()}"
            for index, cell in enumerate(notebook.cells) if cell.cell_type == "code"
            for output in cell.get("outputs", []) if output.output_type == "stream" and output.name == "stderr"]


def combine(notebooks: list[nbformat.NotebookNode]) -> nbformat.NotebookNode:
    report = nbformat.v4.new_notebook(metadata=notebooks[0].metadata)
    for notebook in notebooks:
        report.cells.extend(notebook.cells)
    return report


def to_html(report: nbformat.NotebookNode, title: str) -> str:
    exporter = HTMLExporter(template_name="lab", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True, embed_images=True)
    report.metadata["title"] = title
    body, _ = exporter.from_notebook_node(report)
    return EXTERNAL_SCRIPT.sub("", body)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="narrative report-html", description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", required=True, help="the output folder of a run (local or a cluster path)")
    parser.add_argument("--report-dir", help="where to write report.html (default: OUTPUT/report; required "
                                             "when OUTPUT is not a local folder)")
    parser.add_argument("--strict", action="store_true", help="fail when a cell writes to stderr (CI)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(NOTEBOOK_DIR))
    import narrative_tables

    output = args.output
    if narrative_tables.is_local(output):
        output = os.path.abspath(output.removeprefix("file://"))
        if not os.path.isfile(os.path.join(output, "run_manifest.json")):
            print(f"narrative report-html: --output {args.output}: no run_manifest.json; "
                  "is this the output folder of a run?", file=sys.stderr)
            return 2
    elif not args.report_dir:
        print(f"narrative report-html: --output {args.output} is not a local folder: give --report-dir",
              file=sys.stderr)
        return 2
    report_dir = Path(args.report_dir or os.path.join(output, "report"))
    executed = []
    for name in NOTEBOOKS:
        print(f"[narrative] report-html: executing {name}", file=sys.stderr)
        try:
            executed.append(execute(name, output))
        except CellExecutionError as error:
            print(f"narrative report-html: {name} failed:\n{error}", file=sys.stderr)
            return 1
    messages = [m for name, notebook in zip(NOTEBOOKS, executed) for m in stderr_messages(name, notebook)]
    for message in messages:
        print(f"narrative report-html: warning: {message}", file=sys.stderr)
    if messages and args.strict:
        print("narrative report-html: --strict: cells wrote to stderr (above)", file=sys.stderr)
        return 1
    report_dir.mkdir(parents=True, exist_ok=True)
    target = report_dir / "report.html"
    partial = report_dir / ".report.html.partial"
    partial.write_text(to_html(combine(executed), f"Narrative report: {args.output}"), encoding="utf-8")
    partial.replace(target)  # a reader never sees half a report
    print(f"[narrative] report-html: wrote {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
