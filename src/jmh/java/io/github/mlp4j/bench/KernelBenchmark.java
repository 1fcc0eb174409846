package io.github.mlp4j.bench;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.Workspace;
import io.github.mlp4j.internal.Kernels;
import io.github.mlp4j.internal.Rng;
import io.github.mlp4j.optim.Optimizer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmarks of the dense kernels on the first layer of workload M (784 → 128, batch 32) and
 * of one whole training step (through the optimizer API, and as {@code fit} takes it) and one
 * single-row prediction of the 784-128-64-10 network.
 *
 * <p>Run with {@code bench/run.sh jmh} (which adds {@code -prof gc}: the steps'
 * {@code gc.alloc.rate.norm} should be 0 B/op).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelBenchmark {
    private static final int IN = 784;
    private static final int OUT = 128;

    /** Rows per batch. */
    @Param({"32", "256"})
    public int rows;

    /** Threads for the training step. */
    @Param({"1", "2"})
    public int threads;

    private double[][] w;
    private double[] b;
    private double[][] x;
    private double[][] z;
    private double[][] a;
    private double[][] delta;
    private double[][] dW;
    private double[][] gradIn;
    private double[][] gradientRows;
    private double[][] wSmall;
    private Network net;
    private Workspace workspace;
    private Optimizer.State sgd;
    private double[][] y;
    private double[] output;

    /** Fills the matrices and builds the network. */
    @Setup
    public void setUp() {
        Rng rng = new Rng(1);
        w = fill(rng, IN, OUT);
        b = fill(rng, 1, OUT)[0];
        x = fill(rng, rows, IN);
        z = new double[rows][OUT];
        a = new double[rows][OUT];
        delta = fill(rng, rows, OUT);
        dW = new double[IN][OUT];
        wSmall = fill(rng, OUT, 64);
        gradIn = new double[rows][OUT];
        gradientRows = new double[Kernels.K_BLOCK][OUT];
        net = Network.builder().input(IN).dense(OUT, Activation.relu()).dense(64, Activation.relu())
                .dense(10, Activation.softmax()).loss(Loss.crossEntropy()).threads(threads).build();
        workspace = net.workspace(rows);
        sgd = Optimizer.sgd().start(net.parameterCount());
        y = new double[rows][10];
        for (int i = 0; i < rows; i++) {
            y[i][rng.nextInt(10)] = 1.0;
        }
        output = new double[10];
    }

    private static double[][] fill(Rng rng, int r, int c) {
        double[][] m = new double[r][c];
        for (double[] row : m) {
            for (int j = 0; j < c; j++) {
                row[j] = rng.nextDouble(-1, 1);
            }
        }
        return m;
    }

    /** {@code z = x·W + b, a = relu(z)} for 784 → 128: 2·rows·784·128 FLOP. */
    @Benchmark
    public double[][] forward() {
        Kernels.forward(w, b, IN, OUT, x, z, Activation.relu(), a, 0, rows);
        return a;
    }

    /** {@code dW = xᵀ·δ} for 784 → 128: 2·rows·784·128 FLOP. */
    @Benchmark
    public double[][] weightGradient() {
        Kernels.weightGradient(x, delta, rows, OUT, dW, 0, IN);
        return dW;
    }

    /** {@code W ← W − ε·xᵀ·δ} in place for 784 → 128 (ε tiny): 2·rows·784·128 FLOP plus the step. */
    @Benchmark
    public double[][] weightUpdate() {
        Kernels.weightUpdate(x, delta, rows, OUT, w, 1e-12, gradientRows, 0, IN);
        return w;
    }

    /** {@code ∂C/∂a = δ·Wᵀ} for the second layer's 128 → 64: 2·rows·128·64 FLOP. */
    @Benchmark
    public double[][] inputGradient() {
        Kernels.inputGradient(wSmall, OUT, 64, delta, gradIn, 0, rows);
        return gradIn;
    }

    /** One training step of 784-128-64-10: computeGradient + SGD update. */
    @Benchmark
    public double step() {
        double cost = net.computeGradient(x, y, rows, workspace);
        net.update(sgd, workspace.gradient(), 1e-6);
        return cost;
    }

    /** One step of {@code Network.step} (forward, backward and the in-place SGD step, as {@code fit} takes it). */
    @Benchmark
    public double sgdStep() {
        return net.step(x, y, 1e-6);
    }

    /** One row through 784-128-64-10 into a reused array. */
    @Benchmark
    public double[] predictOneRow() {
        net.predict(x[0], output);
        return output;
    }
}
