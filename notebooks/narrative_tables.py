"""Reading the narrative job's output tables from the notebooks.

Every notebook starts with `OUTPUT = narrative_tables.output_dir()`: the folder the job wrote, by default the
README's sample run (`output/sample`), overridden by the NARRATIVE_OUTPUT environment variable. A local
folder is read with pandas + pyarrow; a cluster file system (hdfs://, s3a://, abfs://, gs://, ...) is read
through pyspark (pip-installed, or SPARK_HOME's), which needs the file system's Hadoop connector on its
classpath. NARRATIVE_READER=spark reads a local folder through pyspark too (the cluster path, testable on a
laptop); NARRATIVE_READER=pandas never starts Spark.

A table is trusted only when it is published: its folder holds the `_SUCCESS` marker the job writes last,
naming the table's files, and only those files are read (docs/tables.md, "What a reader can rely on"). A
folder without the marker belongs to a run that stopped while publishing it: reading it raises
TableNotPublished instead of returning part of a table.

Tables and columns are documented in docs/tables.md.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import pandas as pd
import pyarrow.parquet as pq

OUTPUT_ENV = "NARRATIVE_OUTPUT"
READER_ENV = "NARRATIVE_READER"
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "output" / "sample"

# Label order and colours shared by every stance chart: against red, neutral grey, favor blue.
STANCE_LABELS = ["against", "neutral", "favor"]
STANCE_COLOURS = {"against": "#c0392b", "neutral": "#a6a6a6", "favor": "#2471a3"}

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
MARKER = "_SUCCESS"


class TableNotPublished(FileNotFoundError):
    """A table folder without its publish marker: a run stopped while publishing it."""


def output_dir() -> str:
    """The output folder to read: $NARRATIVE_OUTPUT, else the sample run's output/sample."""
    return os.environ.get(OUTPUT_ENV) or str(DEFAULT_OUTPUT)


def is_local(path: str) -> bool:
    return not _SCHEME.match(path) or path.startswith("file://")


def _use_spark(path: str) -> bool:
    reader = os.environ.get(READER_ENV, "auto")
    if reader not in ("auto", "spark", "pandas"):
        raise ValueError(f"{READER_ENV}={reader}: expected auto, spark or pandas")
    return reader == "spark" or (reader == "auto" and not is_local(path))


def _local_path(path: str) -> str:
    return path[len("file://"):] if path.startswith("file://") else path


def read_table(output: str, table: str, columns: Sequence[str] | None = None,
               where: Mapping[str, Iterable] | None = None) -> pd.DataFrame:
    """One table as a pandas DataFrame.

    columns: only these columns (the `documents.text` column alone can be most of a corpus).
    where: {column: allowed values}, pushed down to the Parquet reader (or to Spark), so that picking the
    sentences of a few documents does not read all of them.
    """
    where = {column: list(values) for column, values in (where or {}).items()}
    if not _use_spark(output):
        path = os.path.join(_local_path(output), table)
        if not os.path.isdir(path):
            raise FileNotFoundError(f"{path}: no such table; did the run that wrote {output} finish "
                                    f"all stages? (see {os.path.join(output, 'run_manifest.json')})")
        marker = Path(path, MARKER)
        files = published_files(path, marker.read_bytes() if marker.is_file() else None)
        filters = [(column, "in", values) for column, values in where.items()] or None
        source = [os.path.join(path, name) for name in files] if files else path
        frame = pq.read_table(source, columns=list(columns) if columns else None, filters=filters).to_pandas()
        return frame.reset_index(drop=True)
    return _read_with_spark(output.rstrip("/") + "/" + table, columns, where)


def published_files(table_path: str, marker: bytes | None) -> list[str]:
    """The data files of a published table, from its marker's bytes (None: no marker).

    An empty marker is Spark's own, from job versions that moved it along with the files: the whole folder
    is the table (an empty list).
    """
    if marker is None:
        raise TableNotPublished(f"{table_path}: not published (no {MARKER} marker): the run that wrote it "
                                f"stopped while publishing this table; run its stage again")
    if not marker.strip():
        return []
    return [entry["name"] for entry in json.loads(marker.decode("utf-8"))["files"]]


def _read_with_spark(path: str, columns, where) -> pd.DataFrame:
    from pyspark.sql import functions as F

    spark = _spark()
    path = _spark_path(path)
    files = published_files(path, _read_bytes(spark, path.rstrip("/") + "/" + MARKER))
    frame = spark.read.parquet(*[path.rstrip("/") + "/" + name for name in files]) if files \
        else spark.read.parquet(path)
    for column, values in where.items():
        frame = frame.where(F.col(column).isin(values))
    if columns:
        frame = frame.select(*columns)
    return frame.toPandas()


def _spark():
    """The notebook's SparkSession (an existing one, e.g. on a cluster's notebook server, is reused), without
    console progress bars, which would fill the notebook's output."""
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.appName("narrative-notebook")
             .config("spark.ui.showConsoleProgress", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _read_bytes(spark, path: str) -> bytes | None:
    """A small file's bytes through Spark's Hadoop file systems (any scheme), None when it does not exist.
    Spark's readers skip names starting with "_", so the marker is read with the Hadoop API."""
    jvm = spark.sparkContext._jvm
    hadoop_path = jvm.org.apache.hadoop.fs.Path(path)
    fs = hadoop_path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    if not fs.exists(hadoop_path):
        return None
    stream = fs.open(hadoop_path)
    try:
        return bytes(jvm.org.apache.commons.io.IOUtils.toByteArray(stream))
    finally:
        stream.close()


def _spark_path(path: str) -> str:
    """A local path made absolute with file://, so Spark does not resolve it against a default file system."""
    return "file://" + os.path.abspath(path) if not _SCHEME.match(path) else path


def read_manifest(output: str) -> dict:
    """The latest run's manifest (run_manifest.json beside the tables)."""
    if not _use_spark(output):
        with open(os.path.join(_local_path(output), "run_manifest.json"), encoding="utf-8") as handle:
            return json.load(handle)
    text = _spark().sparkContext.wholeTextFiles(_spark_path(output.rstrip("/") + "/run_manifest.json")).values().first()
    return json.loads(text)


def utf16_index(text: str, offset: int) -> int:
    """The Python index of a table offset: offsets count UTF-16 code units (Java's string indices), which
    run ahead of Python's code points after each character outside the Basic Multilingual Plane (emoji)."""
    units = 0
    for i, ch in enumerate(text):
        if units >= offset:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


def utf16_slice(text: str, start: int, end: int) -> str:
    """text[start:end] with start and end as the tables give them (UTF-16 code units)."""
    return text[utf16_index(text, start):utf16_index(text, end)]


def shorten(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def target_name(target: str) -> str:
    """`united_states` -> `United States`, for titles and legends."""
    return target.replace("_", " ").title()


def strongest_sentences(output: str, target: str, lang: str | None = None, topic_id: int | None = None,
                        n: int = 5) -> pd.DataFrame:
    """The evidence browser's rows: the n most favourable and n most unfavourable sentences about a target,
    optionally only in documents whose dominant topic (of language `lang`) is `topic_id`.

    Columns: side (favor / against), score, lang, doc_id, sentence_id, title, source, published, text,
    mentions (offsets of the target's mentions inside text), evidence (cue, role, weight dicts)."""
    scored = read_table(output, "sentence_stance", where={"target": [target]},
                        columns=["doc_id", "sentence_id", "lang", "score", "label", "evidence"])
    if topic_id is not None:
        if lang is None:
            raise ValueError("a topic_id needs the lang of its model")
        topics = read_table(output, "doc_topics", where={"lang": [lang]}, columns=["doc_id", "dominant_topic"])
        scored = scored[scored.doc_id.isin(topics.loc[topics.dominant_topic == topic_id, "doc_id"])]
    elif lang is not None:
        scored = scored[scored.lang == lang]
    # Transcripts and live blogs repeat headlines: take extra candidates and keep distinct texts.
    favor = scored[scored.score > 0].nlargest(4 * n, "score").assign(side="favor")
    against = scored[scored.score < 0].nsmallest(4 * n, "score").assign(side="against")
    picked = pd.concat([favor, against], ignore_index=True)
    if picked.empty:
        return picked.assign(title=[], source=[], published=[], text=[], mentions=[])
    doc_ids = sorted(set(picked.doc_id))
    sentences = read_table(output, "sentences", where={"doc_id": doc_ids},
                           columns=["doc_id", "sentence_id", "text", "char_start", "char_end"])
    documents = read_table(output, "documents", where={"doc_id": doc_ids},
                           columns=["doc_id", "title", "source", "published"])
    mentions = read_table(output, "mentions", where={"doc_id": doc_ids, "target": [target]},
                          columns=["doc_id", "sentence_id", "char_start", "char_end"])
    picked = (picked.merge(sentences, on=["doc_id", "sentence_id"]).merge(documents, on="doc_id", how="left")
              .sort_values(["side", "score"], ascending=[True, False]))
    picked = picked.drop_duplicates(["side", "text"])
    picked = pd.concat([picked[picked.side == "favor"].head(n),
                        picked[picked.side == "against"].sort_values("score").head(n)], ignore_index=True)
    spans = mentions.merge(picked[["doc_id", "sentence_id", "char_start"]], on=["doc_id", "sentence_id"],
                           suffixes=("", "_sentence"))
    spans["span"] = list(zip(spans.char_start - spans.char_start_sentence, spans.char_end - spans.char_start_sentence))
    by_sentence = spans.groupby(["doc_id", "sentence_id"])["span"].apply(sorted)
    picked["mentions"] = [by_sentence.get((d, s), []) for d, s in zip(picked.doc_id, picked.sentence_id)]
    return picked[["side", "score", "lang", "doc_id", "sentence_id", "title", "source", "published", "text",
                   "mentions", "evidence"]]


def evidence_html(rows: pd.DataFrame) -> str:
    """The evidence browser's rows as an HTML table: the target's mentions in bold, the cues that moved the
    score with their signed weights, right-to-left text laid out right-to-left."""
    import html

    if rows.empty:
        return "<p><i>No sentence with a non-zero score.</i></p>"

    def marked(text: str, spans) -> str:
        out, last = [], 0
        for start, end in spans:
            start, end = utf16_index(text, start), utf16_index(text, end)
            out.append(html.escape(text[last:start]) + "<b>" + html.escape(text[start:end]) + "</b>")
            last = end
        return "".join(out) + html.escape(text[last:])

    def cues(evidence) -> str:
        items = [f"{html.escape(e['cue'])} ({e['role']}, {e['weight']:+.2f})" for e in (evidence if evidence is not None else [])]
        return "; ".join(items)

    def title(row) -> str:
        return row.title if isinstance(row.title, str) and row.title.strip() else row.doc_id

    body = []
    for row in rows.itertuples():
        colour = STANCE_COLOURS[row.side]
        where = " · ".join(str(x) for x in (row.source, row.published) if x is not None and not pd.isna(x))
        body.append(
            f"<tr><td style='color:{colour};font-weight:bold'>{row.score:+.2f}</td>"
            f"<td dir='auto' style='text-align:start'>{marked(row.text, row.mentions)}</td>"
            f"<td dir='auto' style='text-align:start'>{cues(row.evidence)}</td>"
            f"<td dir='auto' style='text-align:start'>{html.escape(shorten(title(row), 50))}"
            f"<br><small>{html.escape(where)} {html.escape(row.doc_id)} #{row.sentence_id}</small></td></tr>")
    head = "".join(f"<th style='text-align:start'>{name}</th>" for name in
                   ["score", "sentence (target in bold)", "evidence: cue (role, weight)", "document"])
    head = f"<tr>{head}</tr>"
    return "<table>" + head + "".join(body) + "</table>"


def narrative_evidence(output: str, narrative_id: str, n: int = 5) -> pd.DataFrame:
    """The narrative evidence browser's rows: the n sentences that carry `narrative_id` most strongly
    (sentence_narratives), distinct texts only, with their document's title, outlet and date.

    Columns: score, doc_id, sentence_id, text, title, source, published, lang."""
    scored = read_table(output, "sentence_narratives", where={"narrative_id": [narrative_id]},
                        columns=["doc_id", "sentence_id", "score"])
    picked = scored.nlargest(4 * n, "score")
    if picked.empty:
        return picked.assign(text=[], title=[], source=[], published=[], lang=[])
    doc_ids = sorted(set(picked.doc_id))
    sentences = read_table(output, "sentences", where={"doc_id": doc_ids},
                           columns=["doc_id", "sentence_id", "text", "lang"])
    documents = read_table(output, "documents", where={"doc_id": doc_ids},
                           columns=["doc_id", "title", "source", "published"])
    picked = (picked.merge(sentences, on=["doc_id", "sentence_id"]).merge(documents, on="doc_id", how="left")
              .sort_values("score", ascending=False).drop_duplicates("text").head(n))
    return picked[["score", "doc_id", "sentence_id", "text", "title", "source", "published", "lang"]]


def narrative_evidence_html(rows: pd.DataFrame) -> str:
    """The narrative evidence rows as an HTML table; right-to-left text laid out right-to-left."""
    import html

    if rows.empty:
        return "<p><i>No sentence carries this narrative.</i></p>"
    body = []
    for row in rows.itertuples():
        title = row.title if isinstance(row.title, str) and row.title.strip() else row.doc_id
        where = " · ".join(str(x) for x in (row.source, row.published) if x is not None and not pd.isna(x))
        body.append(
            f"<tr><td style='font-weight:bold'>{row.score:.2f}</td>"
            f"<td dir='auto' style='text-align:start'>{html.escape(row.text)}</td>"
            f"<td dir='auto' style='text-align:start'>{html.escape(shorten(title, 50))}"
            f"<br><small>{html.escape(where)} {html.escape(row.doc_id)} #{row.sentence_id} ({row.lang})</small></td></tr>")
    head = "".join(f"<th style='text-align:start'>{name}</th>" for name in ["score", "sentence", "document"])
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"
