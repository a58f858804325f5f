"""Checks the notebooks as committed and the HTML report made from them.

    check_notebooks.py NOTEBOOK_DIR REPORT_HTML

Committed notebooks carry no outputs (results belong to a run, not to the repository); the report has the
four notebooks' sections, their charts as embedded images, and no error or traceback."""
import re
import sys
from pathlib import Path

import nbformat

notebook_dir, report = Path(sys.argv[1]), Path(sys.argv[2])
failures = []
notebooks = sorted(notebook_dir.glob("*.ipynb"))
if len(notebooks) < 4:
    failures.append(f"expected the four notebooks in {notebook_dir}, found {[n.name for n in notebooks]}")
for path in notebooks:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None):
            failures.append(f"{path.name} cell {index}: committed with outputs; clear them before committing")

html = report.read_text(encoding="utf-8")
for heading in ["1 · The corpus", "2 · Topics", "3 · Stance toward the targets", "Narratives", "Evidence browser",
                "4 · Narratives by description", "Narrative evidence browser"]:
    if heading not in html:
        failures.append(f"{report}: no section '{heading}'")
images = len(re.findall(r'<img[^>]+src="data:image/png;base64,', html))
if images < 6:
    failures.append(f"{report}: {images} embedded charts, expected at least 6")
for marker in ["Traceback (most recent call last)", "CellExecutionError"]:
    if marker in html:
        failures.append(f"{report}: contains '{marker}'")
if re.search(r'<script[^>]*\bsrc="https?://', html):
    failures.append(f"{report}: loads a script from the network; the report must open offline")

for failure in failures:
    print("FAIL", failure)
print(f"notebooks: {len(notebooks)} notebooks, report with {images} charts, {len(failures)} failures")
sys.exit(1 if failures else 0)
