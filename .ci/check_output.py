"""Checks the tables a run wrote, the way a notebook reads them (pandas + pyarrow)."""
import json
import sys
from pathlib import Path

import pandas as pd

out = Path(sys.argv[1])
checks = []


def check(name, ok, detail=""):
    checks.append(ok)
    print(("ok   " if ok else "FAIL ") + name + (f": {detail}" if detail and not ok else ""))


documents = pd.read_parquet(out / "documents")
rejects = pd.read_parquet(out / "rejects")
manifest = json.loads((out / "run_manifest.json").read_text())
check("documents has the sample's five documents", len(documents) == 5, str(len(documents)))
check("every document has a language", documents["lang"].notna().all())
check("manifest says succeeded", manifest["status"] == "succeeded", manifest["status"])
for item in manifest["inputs"]:
    check(f"input {item['input_root']} reconciles",
          item["records_read"] == item["documents"] + item["rejects"] == len(documents) + len(rejects), str(item))
check("run_manifest table readable", len(pd.read_parquet(out / "run_manifest")) >= 1)
topics = pd.read_parquet(out / "topics")
check("an English topic model with display words", (topics["lang"] == "en").sum() >= 5
      and topics["top_terms"].map(len).min() == 10, str(topics[["lang", "topic_id"]].values.tolist()))
failed = checks.count(False)
print(f"smoke: {len(checks) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
