package io.github.mlp4j.train;

/** Batches of one epoch after another; rows 0..k−1 of x() and y() hold the current batch. */
interface TrainingBatches {
    int capacity();

    void start(int epoch);

    int next();

    double[][] x();

    double[][] y();

    /** Returns the rows on which to check the input scaling: all rows, or the first batch's. */
    double[][] scaleProbe(int firstBatchRows);

    /** Returns training rows on which to look for inactive units, or null. */
    double[][] sample();

    void finish();
}
