#!/usr/bin/env python3
"""Prints the accuracy table from the JSON lines compare.sh collected.

Usage: summarize.py RESULTS.jsonl
One row per data set; for each side (mlp4j with its defaults, mlp4j with --optimizer lbfgs,
scikit-learn with Adam and with L-BFGS) the mean test accuracy over the seeds and the mean
training seconds per seed.
"""
import json
import sys
from collections import defaultdict

SIDES = ["mlp4j", "sklearn-adam", "mlp4j-lbfgs", "sklearn-lbfgs"]


def main():
    acc = defaultdict(list)
    sec = defaultdict(list)
    order = []
    with open(sys.argv[1]) as f:
        for line in f:
            r = json.loads(line)
            data = r["data"].removesuffix(".csv")
            if data not in order:
                order.append(data)
            acc[data, r["side"]].append(r["test_accuracy"])
            sec[data, r["side"]].append(r["train_seconds"])
    print("| data set | seeds | " + " | ".join("%s acc" % s for s in SIDES) + " | "
          + " | ".join("%s s" % s for s in SIDES) + " |")
    print("|---|---|" + "---|" * (2 * len(SIDES)))
    for data in order:
        seeds = max(len(acc[data, s]) for s in SIDES)
        cells = ["%.3f" % (sum(acc[data, s]) / len(acc[data, s])) if acc[data, s] else "–" for s in SIDES]
        times = ["%.2f" % (sum(sec[data, s]) / len(sec[data, s])) if sec[data, s] else "–" for s in SIDES]
        print("| %s | %d | %s | %s |" % (data, seeds, " | ".join(cells), " | ".join(times)))


if __name__ == "__main__":
    main()
