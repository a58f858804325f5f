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
doc_stance = pd.read_parquet(out / "doc_stance")
sentence_stance = pd.read_parquet(out / "sentence_stance")
mentions = pd.read_parquet(out / "mentions")
check("doc_stance covers the three default targets",
      {"russia", "united_states", "turkey"} <= set(doc_stance["target"]), str(sorted(set(doc_stance["target"]))))
check("doc_stance scores and confidences are in range",
      doc_stance["score"].between(-1, 1).all() and doc_stance["confidence"].between(0, 1).all())
check("the encoder scored the stance: probabilities sum to 1 and agree with the label",
      manifest["metrics"].get("stance.encoder") == 1.0 and len(sentence_stance) > 0
      and ((sentence_stance["p_against"] + sentence_stance["p_neutral"] + sentence_stance["p_favor"] - 1).abs()
           < 1e-6).all()
      and (sentence_stance[["p_against", "p_neutral", "p_favor"]].values.argmax(axis=1)
           == sentence_stance["label"].map({"against": 0, "neutral": 1, "favor": 2}).values).all())
texts = documents.set_index("doc_id")["text"]


def utf16_slice(text, start, end):
    """Offsets in the tables count UTF-16 code units (docs/tables.md), not Python's code points."""
    return text.encode("utf-16-le")[2 * start:2 * end].decode("utf-16-le")


check("mention offsets point at the alias in documents.text (every mention, UTF-16 offsets)",
      all(utf16_slice(texts[r.doc_id], r.char_start, r.char_end) == r.alias for r in mentions.itertuples()))
check("sentence evidence is readable as lists of structs",
      sentence_stance["evidence"].map(lambda e: all("cue" in x and "weight" in x for x in e)).all())
narratives = pd.read_parquet(out / "narratives")
check("narratives has topic x target cells with flags and examples",
      len(narratives) > 0 and narratives["low_count"].dtype == bool
      and narratives["example_sentence_ids"].map(lambda e: all("sentence_id" in x for x in e)).all())
for table in ("stance_timeline", "stance_by_source", "topic_timeline"):
    check(f"{table} readable", pd.read_parquet(out / table) is not None)


def marker_names_its_files(table_dir):
    """The commit marker (docs/tables.md) names exactly the table's data files, with their sizes."""
    marker = table_dir / "_SUCCESS"
    if not marker.is_file() or marker.stat().st_size == 0:
        return False
    listed = {f["name"]: f["bytes"] for f in json.loads(marker.read_text())["files"]}
    present = {p.name: p.stat().st_size for p in table_dir.iterdir() if not p.name.startswith(("_", "."))}
    return listed == present and len(listed) > 0


tables = sorted(p for p in out.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")) and p.name not in ("report", "models"))
check("every table is committed by a _SUCCESS marker naming its files",
      len(tables) >= 10 and all(marker_names_its_files(t) for t in tables),
      str([t.name for t in tables if not marker_names_its_files(t)]))
failed = checks.count(False)
print(f"smoke: {len(checks) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
