#!/usr/bin/env bash
# Runs the shaded job jar with pyspark's spark-submit on a local master, as a user would on a cluster,
# then checks the tables it wrote.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/target/smoke-output"
rm -rf "$OUT"
SPARK_HOME="$(.venv/bin/python -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')"
export SPARK_HOME
.venv/bin/spark-submit --master 'local[2]' --conf spark.ui.enabled=false \
  --class io.narrative.Main jobs/target/narrative-jobs.jar \
  run --input data/sample --output "$OUT" --config conf/sample.yaml
.venv/bin/python .ci/check_output.py "$OUT"
