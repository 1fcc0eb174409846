#!/usr/bin/env bash
# Builds mlp4j with the benchmark profile and runs the performance workloads (and optionally the
# peer libraries and JMH) on this machine, one JSON line per workload.
#
#   bash bench/run.sh                    # mlp4j: workloads M, M-large, C, P with 1 and 2 threads,
#                                        # then the embedding figures (below)
#   bash bench/run.sh embed              # only the embedding figures
#   PEERS=1 bash bench/run.sh            # also the peers (Smile, DL4J, Encog) and OpenBLAS, same data:
#                                        # training (M, C), OpenBLAS step products, prediction (P)
#   bash bench/run.sh jmh                # JMH kernels + one training step, with the GC profiler
#   bash bench/run.sh probe NAME [ARGS]  # one main of io.github.mlp4j.bench (CoreToCore, LeakLoop, ...)
#
# The embedding figures (issue 15), each from its own JVM: the leak loop (LeakLoop: networks built
# or loaded and predicted from 32 threads under -Xmx64m, heap retained), memory per predicting
# thread (PredictMemory: 200 threads, one row and a 64-row batch each, against 2x the parameters +
# 16 MB), the default thread count against one thread on M, quiet (with the two-trainings ceiling
# in the same rounds) and next to a busy application thread (DefaultThreads: WARMUP_EMBED=8
# epochs of each network, then EPOCHS_EMBED=8 measured ones, and the warm-up epochs' own figure,
# a fresh JVM's first seconds; busy once more in a JVM of its own, where the network is the pool's
# first and splits for its first second), and Trainer against Network.fit (TrainerSpeed).
# EMBED=0 skips them; LEAK_NETWORKS=10000 sizes the leak loop.
#
# Data: $SHARED/bench/peers/data (SHARED defaults to ../shared beside the project; or set DATA)
# holds mnist_{train,test}.csv and circles_*.csv made by the peers' make_mnist.py /
# make_circles.py; without them the main uses random data of the same shape.
# WORKLOADS="M M-large C P M-pair" and THREADS="1 2" choose what runs, each workload and thread
# count in its own JVM; further options go to the main (--epochs 10, --seed 42).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${SHARED:-../shared}"
PEERS_DIR="${PEERS_DIR:-$SHARED/bench/peers}"
DATA="${DATA:-$PEERS_DIR/data}"
JVM_FLAGS="${JVM_FLAGS:--Xms1g -Xmx4g}"

mvn -B -q -Pbench -DskipTests test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
CP="target/classes:target/test-classes:$(cat target/bench.classpath)"

if [[ "${1:-}" == "jmh" ]]; then
  shift
  exec java -cp "$CP" org.openjdk.jmh.Main -prof gc "${@:-io.github.mlp4j.bench.KernelBenchmark}"
fi

# The embedding figures; a failed program prints FAILED and the others still run.
embed() {
  local b=io.github.mlp4j.bench
  echo "== leak loop: ${LEAK_NETWORKS:-10000} networks, 32 threads, -Xmx64m (loadavg $(cut -d' ' -f1-3 /proc/loadavg))"
  java -Xmx64m -cp "$CP" $b.LeakLoop --networks "${LEAK_NETWORKS:-10000}" 2>/dev/null | grep '^{' || echo "FAILED"
  echo "== memory per predicting thread: 200 threads, 784-128-64-10 (loadavg $(cut -d' ' -f1-3 /proc/loadavg))"
  java -Xmx1g -cp "$CP" $b.PredictMemory 2>/dev/null | grep '^{' || echo "FAILED"
  echo "== default thread count against one thread on M: quiet (with two one-thread trainings at once in the same rounds), busy neighbour (loadavg $(cut -d' ' -f1-3 /proc/loadavg))"
  java $JVM_FLAGS -cp "$CP" $b.DefaultThreads --warmup "${WARMUP_EMBED:-8}" --epochs "${EPOCHS_EMBED:-8}" | grep '^{' || echo "FAILED"
  echo "== the same beside a busy thread, in a JVM of its own: the pool's first network warms up for 1 s (loadavg $(cut -d' ' -f1-3 /proc/loadavg))"
  java $JVM_FLAGS -cp "$CP" $b.DefaultThreads --warmup "${WARMUP_EMBED:-8}" --epochs "${EPOCHS_EMBED:-8}" --modes busy | grep '^{' || echo "FAILED"
  echo "== training beside three predicting threads (loadavg $(cut -d' ' -f1-3 /proc/loadavg))"
  java $JVM_FLAGS -cp "$CP" $b.Fairness | grep '^{' || echo "FAILED"
  echo "== Trainer against Network.fit on M, one thread (loadavg $(cut -d' ' -f1-3 /proc/loadavg))"
  java $JVM_FLAGS -cp "$CP" $b.TrainerSpeed --epochs "${EPOCHS_EMBED:-8}" | grep '^{' || echo "FAILED"
}

if [[ "${1:-}" == "probe" ]]; then
  name="$2"
  shift 2
  exec java $JVM_FLAGS -cp "$CP" "io.github.mlp4j.bench.$name" "$@"
fi

if [[ "${1:-}" == "embed" ]]; then
  embed
  exit 0
fi

if [[ -n "${PEERS:-}" ]]; then
  # Where the peers' modules are built: in place, or in the copy run_all.sh makes of a read-only folder.
  P="$PEERS_DIR"
  [[ -w "$P" ]] || P="${PEERS_WORKDIR:-$HOME/.cache/mlp4j-peers}"
  cp_of() { echo "$P/$1/target/classes:$(cat "$P/$1/target/classpath.txt")"; }
  # The peers' own runner (data, build, OpenBLAS probe, every configuration) when asked for ...
  if [[ -n "${PEERS_FULL:-}" ]]; then
    ONLY="${ONLY:-blas smile dl4j encog}" REPEATS=1 bash "$PEERS_DIR/run_all.sh"
  else
    # ... else the configurations that the comparison needs, straight from the built peer modules
    # (build them once with the peers' run_all.sh): one round, one thread, same data, same JVM flags.
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

  # OpenBLAS on the nine products of one M training step, batch 32 and 256 (M and M-large), one
  # thread, with the kernel OpenBLAS picks for this CPU (OPENBLAS_CORETYPE unset, as the peers' probe).
  if [[ -f /usr/include/x86_64-linux-gnu/cblas.h || -f /usr/include/cblas.h ]] && command -v gcc > /dev/null; then
    if [[ bench/blas/step_gemm.c -nt target/step_gemm ]]; then
      nice gcc -O2 -Wall -o target/step_gemm bench/blas/step_gemm.c -lopenblas
    fi
    for batch in 32 256; do
      echo "== OpenBLAS step products, batch $batch (loadavg $(cut -d' ' -f1-3 /proc/loadavg))"
      env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 \
          target/step_gemm "$batch" 1 || echo "FAILED"
    done
  else
    echo "== OpenBLAS step products skipped: needs gcc and libopenblas-dev (cblas.h)"
  fi

  # Workload P for the peers: each trains M for one epoch with its own API, then times single-row
  # and whole-test-set prediction as Workloads.predictLatency does (bench/peers/*Predict.java).
  for cfg in "smile|SmilePredict|" "dl4j|Dl4jPredict|--dtype double" "dl4j|Dl4jPredict|--dtype float" \
             "encog|EncogPredict|"; do
    IFS='|' read -r mod cls extra <<< "$cfg"
    echo "== $mod P $extra (loadavg $(cut -d' ' -f1-3 /proc/loadavg))"
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 java $JVM_FLAGS -cp "$(cp_of "$mod")" \
        "bench/peers/$cls.java" --data "$DATA" $extra 2>/dev/null | grep '^{' || echo "FAILED"
  done
fi

data_args=()
[[ -f "$DATA/mnist_train.csv" ]] && data_args=(--data "$DATA")
# Each workload and thread count runs in a fresh JVM, as each peer configuration does: code that
# the JIT compiled for one workload's shapes does not slow the next one.
for wl in ${WORKLOADS:-M M-large C P}; do
  for t in ${THREADS:-1 2}; do
    echo "== mlp4j $wl, $t thread(s) (loadavg $(cut -d' ' -f1-3 /proc/loadavg))"
    java $JVM_FLAGS -cp "$CP" io.github.mlp4j.bench.Workloads "${data_args[@]}" --workloads "$wl" --threads "$t" "$@"
  done
done

if [[ "${EMBED:-1}" != 0 ]]; then
  embed
fi
