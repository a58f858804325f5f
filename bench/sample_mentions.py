"""Draws target mentions at random from a run's output, for judging mention precision by hand: is the
highlighted text the target (the country, its state, its government, its people), or something else that
shares its name (a company, a newspaper, a team, a dish)? Prints one numbered line per mention: target,
language, alias and the sentence with the mention in [[...]]. Usage:
sample_mentions.py OUTPUT_DIR N SEED"""
import sys

import pandas as pd

out, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
mentions = pd.read_parquet(f"{out}/mentions")
sentences = pd.read_parquet(f"{out}/sentences", columns=["doc_id", "sentence_id", "lang", "text", "char_start"])
picked = mentions.sample(n=min(n, len(mentions)), random_state=seed).merge(sentences, on=["doc_id", "sentence_id"])
print(f"# {len(picked)} of {len(mentions)} mentions, seed {seed}")
for i, r in enumerate(picked.itertuples(), 1):
    a, b = r.char_start_x - r.char_start_y, r.char_end - r.char_start_y
    text = r.text[:a] + "[[" + r.text[a:b] + "]]" + r.text[b:]
    print(f"{i}\t{r.target}\t{r.lang}\t{r.alias}\t{' '.join(text.split())[:400]}")
