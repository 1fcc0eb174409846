package io.github.mlp4j.spark;

import io.github.mlp4j.optim.Optimizer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The state of a training run between two steps — parameters, optimizer state, position and the
 * current epoch's running cost — saved to a file on any Hadoop file system (local, HDFS, S3 …).
 *
 * <p>The file is written beside its final name and then renamed over it, so a crash while saving
 * leaves the previous checkpoint. A run given a directory that holds a checkpoint of the same
 * run (same data size, partitions, batch size, seed, strategy and network size) resumes from it.
 */
final class Checkpoint {
    private static final long MAGIC = 0x4D4C50344A53434BL;                 // "MLP4JSCK"
    private static final int VERSION = 1;
    static final String FILE = "mlp4j-spark.checkpoint";

    /** Identifies the run: a checkpoint of another run is refused. */
    final long fingerprint;
    /** The epoch to continue, from 1. */
    final int epoch;
    /** The next step of that epoch, from 0. */
    final int step;
    final long stepsDone;
    final double[] theta;
    final Optimizer.Snapshot optimizer;
    final double epochCostSum;
    final long epochRows;
    final double lastFinite;
    final double[] epochCosts;

    Checkpoint(long fingerprint, int epoch, int step, long stepsDone, double[] theta, Optimizer.Snapshot optimizer,
            double epochCostSum, long epochRows, double lastFinite, double[] epochCosts) {
        this.fingerprint = fingerprint;
        this.epoch = epoch;
        this.step = step;
        this.stepsDone = stepsDone;
        this.theta = theta;
        this.optimizer = optimizer;
        this.epochCostSum = epochCostSum;
        this.epochRows = epochRows;
        this.lastFinite = lastFinite;
        this.epochCosts = epochCosts;
    }

    /** Writes this checkpoint to {@code dir}/{@value #FILE}, replacing any older one. */
    void save(String dir, Configuration conf) {
        Path target = new Path(dir, FILE);
        Path temp = new Path(dir, FILE + ".writing");
        try {
            FileSystem fs = target.getFileSystem(conf);
            try (DataOutputStream out = fs.create(temp, true)) {
                out.writeLong(MAGIC);
                out.writeInt(VERSION);
                out.writeLong(fingerprint);
                out.writeInt(epoch);
                out.writeInt(step);
                out.writeLong(stepsDone);
                writeArray(out, theta);
                out.writeUTF(optimizer.optimizerName());
                out.writeLong(optimizer.steps());
                double[][] buffers = optimizer.buffers();
                out.writeInt(buffers.length);
                for (double[] b : buffers) {
                    writeArray(out, b);
                }
                out.writeDouble(epochCostSum);
                out.writeLong(epochRows);
                out.writeDouble(lastFinite);
                writeArray(out, epochCosts);
            }
            fs.delete(target, false);
            if (!fs.rename(temp, target)) {
                throw new IOException("cannot rename " + temp + " to " + target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the training checkpoint to " + target + ": " + e.getMessage()
                    + "; check that the directory is writable.", e);
        }
    }

    /**
     * Reads the checkpoint in {@code dir}, if there is one.
     *
     * @return the checkpoint, or null if the directory holds none
     * @throws IllegalStateException if the file is damaged or from another run
     */
    static Checkpoint load(String dir, Configuration conf, long fingerprint) {
        Path target = new Path(dir, FILE);
        try {
            FileSystem fs = target.getFileSystem(conf);
            if (!fs.exists(target)) {
                return null;
            }
            try (DataInputStream in = fs.open(target)) {
                if (in.readLong() != MAGIC || in.readInt() != VERSION) {
                    throw new IllegalStateException(target + " is not an mlp4j-spark checkpoint of this version; "
                            + "delete it or choose another checkpoint directory.");
                }
                long fp = in.readLong();
                if (fp != fingerprint) {
                    throw new IllegalStateException(target + " is the checkpoint of another training run (other data, "
                            + "partitions, batch size, seed, strategy or network); delete it or choose another "
                            + "checkpoint directory.");
                }
                int epoch = in.readInt();
                int step = in.readInt();
                long done = in.readLong();
                double[] theta = readArray(in);
                String name = in.readUTF();
                long steps = in.readLong();
                double[][] buffers = new double[in.readInt()][];
                for (int b = 0; b < buffers.length; b++) {
                    buffers[b] = readArray(in);
                }
                Optimizer.Snapshot snap = new Optimizer.Snapshot(name, theta.length, steps, buffers);
                return new Checkpoint(fp, epoch, step, done, theta, snap, in.readDouble(), in.readLong(),
                        in.readDouble(), readArray(in));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the training checkpoint " + target + ": " + e.getMessage(), e);
        }
    }

    private static void writeArray(DataOutputStream out, double[] a) throws IOException {
        out.writeInt(a.length);
        for (double v : a) {
            out.writeLong(Double.doubleToRawLongBits(v));
        }
    }

    private static double[] readArray(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (1 << 28)) {
            throw new IOException("an array of " + n + " values");
        }
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = Double.longBitsToDouble(in.readLong());
        }
        return a;
    }
}
