#!/usr/bin/env bash
# Builds mlp4j with the benchmark profile and runs the performance workloads (and optionally the
# peer libraries and JMH) on this machine, one JSON line per workload.
#
#   bash bench/run.sh                    # mlp4j: workloads M, M-large, C, P with 1 and 2 threads
#   PEERS=1 bash bench/run.sh            # also the peers (Smile, DL4J, Encog) and OpenBLAS, same data
#   bash bench/run.sh jmh                # JMH kernels + one training step, with the GC profiler
#
# Data: ../shared/bench/peers/data (or $DATA) holds mnist_{train,test}.csv and circles_*.csv made
# by the peers' make_mnist.py / make_circles.py; without them the main uses random data of the
# same shape. Options for the main: --workloads M,M-large,C,P --threads 1,2 --epochs 10.
set -euo pipefail
cd "$(dirname "$0")/.."
PEERS_DIR="${PEERS_DIR:-../shared/bench/peers}"
[[ -d "$PEERS_DIR" ]] || PEERS_DIR=/work/shared/bench/peers
DATA="${DATA:-$PEERS_DIR/data}"
JVM_FLAGS="${JVM_FLAGS:--Xms1g -Xmx4g}"

mvn -B -q -Pbench -DskipTests test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
CP="target/classes:target/test-classes:$(cat target/bench.classpath)"

if [[ "${1:-}" == "jmh" ]]; then
  shift
  exec java -cp "$CP" org.openjdk.jmh.Main -prof gc "${@:-io.github.mlp4j.bench.KernelBenchmark}"
fi

if [[ -n "${PEERS:-}" ]]; then
  # The peers' own runner (data, build, OpenBLAS probe, every configuration) when asked for ...
  if [[ -n "${PEERS_FULL:-}" ]]; then
    ONLY="${ONLY:-blas smile dl4j encog}" REPEATS=1 bash "$PEERS_DIR/run_all.sh"
  else
    # ... else the configurations that the comparison needs, straight from the built peer modules
    # (build them once with the peers' run_all.sh): one round, one thread, same data, same JVM flags.
    P="$PEERS_DIR"
    [[ -w "$P" ]] || P="${PEERS_WORKDIR:-$HOME/.cache/mlp4j-peers}"
    cp_of() { echo "$P/$1/target/classes:$(cat "$P/$1/target/classpath.txt")"; }
    echo "== OpenBLAS dgemm (loadavg $(cut -d' ' -f1-3 /proc/loadavg))"
    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "$P/target/dgemm_bench" 1 | grep -E 'square|step|RESULT'
    for cfg in "smile|bench.smile.SmileBench|M|" "dl4j|bench.dl4j.Dl4jBench|M|" \
               "dl4j|bench.dl4j.Dl4jBench|M|--opt dtype=float" "encog|bench.encog.EncogBench|M|" \
               "smile|bench.smile.SmileBench|C|" "dl4j|bench.dl4j.Dl4jBench|C|" "encog|bench.encog.EncogBench|C|"; do
      IFS='|' read -r mod cls wl extra <<< "$cfg"
      echo "== $mod $wl $extra (loadavg $(cut -d' ' -f1-3 /proc/loadavg))"
      OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 java $JVM_FLAGS -cp "$(cp_of "$mod")" "$cls" \
          --workload "$wl" --threads 1 --data "$DATA" $( [[ $wl == C ]] && echo --epochs 200 ) $extra 2>/dev/null | grep '^RESULT' || echo "FAILED"
    done
  fi
fi

data_args=()
[[ -f "$DATA/mnist_train.csv" ]] && data_args=(--data "$DATA")
echo "== mlp4j (loadavg $(cut -d' ' -f1-3 /proc/loadavg))"
java $JVM_FLAGS -cp "$CP" io.github.mlp4j.bench.Workloads "${data_args[@]}" "$@"
