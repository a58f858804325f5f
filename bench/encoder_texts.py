"""Writes the encoder benchmark's texts: sentences as the stance stage meets them, in three languages.
English: NewsMTSC devtest_mt sentences; Russian: RuSentNE sentences; Arabic: SaudiNewsNet paragraphs cut at
a sentence end within 40 words. Usage: encoder_texts.py OUT.json SHARED_DIR N_PER_LANGUAGE"""
import gzip
import json
import re
import sys

out, shared, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
texts = []
with open(f"{shared}/datasets/newsmtsc/devtest_mt.jsonl", encoding="utf-8") as f:
    texts += [json.loads(line)["sentence_normalized"] for line in f][:n]
with open(f"{shared}/datasets/rusentne/train.tsv", encoding="utf-8") as f:
    texts += [line.split("\t")[0] for line in list(f)[1:]][:n]
arabic = []
with gzip.open(f"{shared}/corpora/saudinewsnet.jsonl.gz", "rt", encoding="utf-8") as f:
    for line in f:
        for sentence in re.split(r"(?<=[.!؟?])\s+", json.loads(line).get("content", "")):
            words = sentence.split()
            if 8 <= len(words) <= 60:
                arabic.append(" ".join(words[:40]))
        if len(arabic) >= n:
            break
texts += arabic[:n]
json.dump(texts, open(out, "w", encoding="utf-8"), ensure_ascii=False)
print(f"{len(texts)} texts written to {out}")
