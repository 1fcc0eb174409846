#!/usr/bin/env bash
# Builds mlp4j-tools (with the core, in one reactor) and runs one of its examples
# (tools/examples/, package io.github.mlp4j.examples) from the repository's root, so that paths
# such as examples/data/iris.csv resolve:
#   bash tools/run.sh TrainCsv --data examples/data/wine.csv --seed 1
#   bash tools/run.sh ExportOnnx
#   bash tools/run.sh Mnist --data DIR
# The core's examples run with `mvn -q test-compile exec:java -Dexec.mainClass=...` instead.
# JVM_FLAGS sets the JVM's options (default none).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $# -lt 1 || ! -f "tools/examples/io/github/mlp4j/examples/$1.java" ]]; then
  echo "usage: bash tools/run.sh EXAMPLE [options], EXAMPLE one of:" \
       $(ls tools/examples/io/github/mlp4j/examples | sed -n 's/\.java$//p') >&2
  exit 2
fi
MAIN="io.github.mlp4j.examples.$1"
shift
mvn -B -q -f all.xml -pl tools -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.includeScope=runtime -Dmdep.outputFile=target/tools-run.classpath
CP="tools/target/classes:tools/target/test-classes:$(cat tools/target/tools-run.classpath)"
# shellcheck disable=SC2086
exec java ${JVM_FLAGS:-} -cp "$CP" "$MAIN" "$@"
