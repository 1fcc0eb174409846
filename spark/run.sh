#!/usr/bin/env bash
# Builds the Spark module (with the core, in one reactor) and runs one of its mains in local mode,
# with the JVM flags Spark needs on Java 17+ (spark.jvm.flags in spark/pom.xml):
#   bash spark/run.sh SparkTrainCsv --data FILE.csv --label NAME --master local[2] --seed 1
#   bash spark/run.sh SparkBench --rows 1000000 --epochs 5 --cores 1,2
# JVM_FLAGS sets the heap (default -Xms1g -Xmx6g).
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  SparkTrainCsv) MAIN=io.github.mlp4j.spark.examples.SparkTrainCsv ;;
  SparkBench) MAIN=io.github.mlp4j.spark.bench.SparkBench ;;
  *) echo "usage: bash spark/run.sh SparkTrainCsv|SparkBench [options]" >&2; exit 2 ;;
esac
shift
JVM_FLAGS="${JVM_FLAGS:--Xms1g -Xmx6g}"
mvn -B -q -f all.xml -pl spark -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/spark-run.classpath
CP="spark/target/classes:spark/target/test-classes:$(cat spark/target/spark-run.classpath)"
FLAGS=$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' spark/pom.xml)
# shellcheck disable=SC2086
exec java $JVM_FLAGS $FLAGS -cp "$CP" "$MAIN" "$@"
