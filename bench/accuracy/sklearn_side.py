#!/usr/bin/env python3
"""Trains scikit-learn's MLPClassifier with its defaults on the same splits as TrainCsv.

Usage: sklearn_side.py DATA.csv SPLITS.txt SOLVER
DATA.csv has a header line and a column named `label`; SPLITS.txt holds one line per seed, as
SplitRows.java prints it (the seed, then the test rows). For each seed the features are
standardised with the training rows' statistics (StandardScaler) and MLPClassifier(solver=SOLVER,
random_state=seed) is fitted with every other setting at its default. Prints one JSON line per
seed: data, side, seed, test_accuracy, train_seconds (the fit only), iterations.
"""
import json
import os
import sys
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler


def main():
    data_path, splits_path, solver = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(data_path) as f:
        header = f.readline().strip().split(",")
    table = np.loadtxt(data_path, delimiter=",", skiprows=1)
    label = header.index("label")
    y = table[:, label].astype(int)
    x = np.delete(table, label, axis=1)
    name = os.path.basename(data_path)
    warnings.simplefilter("ignore", ConvergenceWarning)
    with open(splits_path) as f:
        for line in f:
            fields = [int(v) for v in line.split()]
            seed, test = fields[0], np.array(fields[1:])
            train = np.setdiff1d(np.arange(len(y)), test)
            scaler = StandardScaler().fit(x[train])
            model = MLPClassifier(solver=solver, random_state=seed)
            start = time.perf_counter()
            model.fit(scaler.transform(x[train]), y[train])
            seconds = time.perf_counter() - start
            accuracy = float(np.mean(model.predict(scaler.transform(x[test])) == y[test]))
            print(json.dumps({"data": name, "side": "sklearn-" + solver, "seed": seed,
                              "test_accuracy": accuracy, "train_seconds": round(seconds, 3),
                              "iterations": int(model.n_iter_)}), flush=True)


if __name__ == "__main__":
    main()
