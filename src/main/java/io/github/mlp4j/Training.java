package io.github.mlp4j;

import io.github.mlp4j.internal.Checks;
import io.github.mlp4j.internal.Rng;
import io.github.mlp4j.internal.ScaledUpdate;
import io.github.mlp4j.optim.Optimizer;
import java.util.Arrays;
import java.util.Objects;

/**
 * The training side of a {@link Network}: mini-batch gradient descent ({@link #fit},
 * {@link #step}), the gradient for trainers that run their own loops ({@link #workspace},
 * {@link #computeGradient}, {@link #update}), every write of the parameters (those and
 * {@link #setParameters}), and the buffers and step count these keep between calls.
 *
 * <p>Not thread-safe: the network calls every method while it holds its own monitor.
 */
final class Training {
    private final Network network;
    private final Parameters params;
    private final Engine engine;
    private final Loss loss;
    private final Rng rng;
    private final long seed;
    /** The workspace of fit, step and gradient, for the largest batch so far. */
    private Workspace trainWorkspace;
    /** θ in flat order for {@link #update}, current while {@link #flatCurrent}. */
    private double[] flat;
    private boolean flatCurrent;
    /** {@code s·g + λθ} for an optimizer of the user's own, so that the caller's gradient is not modified. */
    private double[] decayed;
    /** The number of training steps taken, which seeds each step's stochastic layers. */
    private long steps;

    Training(Network network, Parameters params, Engine engine, Loss loss, Rng rng, long seed) {
        this.network = network;
        this.params = params;
        this.engine = engine;
        this.loss = loss;
        this.rng = rng;
        this.seed = seed;
    }

    /** See {@link Network#gradient}. */
    double[] gradient(double[][] x, double[][] y) {
        Inputs.checkInputs(x, network.inputSize());
        Inputs.checkTargets(x, y, network.outputSize(), loss);
        Workspace w = trainingWorkspace(x.length);
        for (Pass pass : w.passes) {
            pass.inference();
        }
        try {
            System.arraycopy(x, 0, w.input, 0, x.length);
            System.arraycopy(y, 0, w.target, 0, y.length);
            engine.gradient(w, x.length, loss);
            w.gradientComputed();
            return w.gradient().clone();
        } finally {
            w.release();
        }
    }

    /** See {@link Network#step}. */
    double step(double[][] x, double[][] y, double learningRate) {
        Checks.positiveFinite(learningRate, "learningRate", "0.01");
        Inputs.checkShape(x, network.inputSize());
        Workspace w = trainingWorkspace(x.length);
        w.inputMax = checkTrainingBatch(w, x, y);
        for (int i = 0; i < x.length; i++) {
            w.input[i] = x[i];
            w.target[i] = y[i];
        }
        try {
            return trainStep(w, x.length, learningRate, 1, 1, Double.NaN);
        } finally {
            w.release();
        }
    }

    /** See {@link Network#fit}. */
    double[] fit(double[][] x, double[][] y, int epochs, int batchSize, double learningRate) {
        Checks.atLeast(epochs, 1, "epochs");
        Checks.atLeast(batchSize, 1, "batchSize");
        Checks.positiveFinite(learningRate, "learningRate", "0.01");
        Inputs.checkShape(x, network.inputSize());
        int n = x.length;
        int size = Math.min(batchSize, n);
        Workspace w = trainingWorkspace(size);
        w.inputMax = checkTrainingBatch(w, x, y);
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        double[] costs = new double[epochs];
        double lastFinite = Double.NaN;
        try {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                rng.shuffle(order);                                          // same seed, same order
                double costSum = 0.0;
                int batch = 0;
                for (int start = 0; start < n; start += size) {
                    int rows = Math.min(size, n - start);
                    batch++;
                    if (Thread.currentThread().isInterrupted()) {                // the flag stays set
                        throw new TrainingInterruptedException(epoch, batch - 1, Arrays.copyOf(costs, epoch - 1));
                    }
                    for (int i = 0; i < rows; i++) {
                        w.input[i] = x[order[start + i]];                    // row references, no copies
                        w.target[i] = y[order[start + i]];
                    }
                    double cost = trainStep(w, rows, learningRate, epoch, batch, lastFinite);   // θ ← θ − ε·∂C/∂θ
                    lastFinite = cost;
                    costSum += rows * cost;
                }
                costs[epoch - 1] = costSum / n;
            }
        } finally {
            w.release();
        }
        return costs;
    }

    /**
     * Takes one step {@code θ ← θ − ε·∂C/∂θ} on rows 0..rows−1 of {@code w}'s batch and returns the
     * cost before it.
     *
     * @throws DivergenceException if the cost, the gradient or a new parameter is not finite
     */
    private double trainStep(Workspace w, int rows, double learningRate, int epoch, int batch, double lastFinite) {
        armPasses(w);
        for (double[] part : w.partMax) {
            Arrays.fill(part, 0.0);                                          // parts that do not run leave 0
        }
        double cost = engine.forwardAndDelta(w, rows, loss);                 // C and δˡ of every layer
        if (!Double.isFinite(cost)) {
            throw new DivergenceException(epoch, batch, lastFinite, "the cost");
        }
        if (!engine.step(w, rows, learningRate)) {                           // θ ← θ − ε·∂C/∂θ
            throw new DivergenceException(epoch, batch, Double.isNaN(lastFinite) ? cost : lastFinite, "the gradient");
        }
        flatCurrent = false;
        return cost;
    }

    /** Arms every layer's pass of {@code w} for the next training step. */
    private void armPasses(Workspace w) {
        long stepSeed = seed ^ 0x6A09E667F3BCC909L * ++steps;
        for (Pass pass : w.passes) {
            pass.training(stepSeed);
        }
    }

    /** See {@link Network#workspace}. */
    Workspace workspace(int capacity) {
        Checks.atLeast(capacity, 1, "capacity");
        return engine.newWorkspace(capacity, true);
    }

    /** See {@link Network#computeGradient}. */
    double computeGradient(double[][] x, double[][] y, int rows, Workspace workspace) {
        Objects.requireNonNull(workspace, "workspace");
        if (rows < 1 || rows > workspace.capacity || rows > x.length || rows > y.length) {
            throw new IllegalArgumentException("rows must be between 1 and min(capacity " + workspace.capacity
                    + ", x rows " + x.length + ", y rows " + y.length + "), but was " + rows + ".");
        }
        if (workspace.network != network || !workspace.training) {
            throw new IllegalArgumentException("This workspace belongs to another network; get one from workspace(n).");
        }
        Inputs.checkRows(x, y, rows, network.inputSize(), network.outputSize());
        try {
            for (int i = 0; i < rows; i++) {
                workspace.input[i] = x[i];
                workspace.target[i] = y[i];
            }
            armPasses(workspace);
            double cost = engine.gradient(workspace, rows, loss);
            workspace.gradientComputed();                                    // ∂C/∂θ in θ's order, if asked for
            return cost;
        } finally {
            workspace.release();
        }
    }

    /** See {@link Network#update(Optimizer.State, double[], double, double, double)}. */
    boolean update(Optimizer.State optimizer, double[] gradient, double learningRate, double weightDecay,
            double gradientScale) {
        Objects.requireNonNull(optimizer, "optimizer");
        Checks.positiveFinite(learningRate, "learningRate", "0.01");
        Checks.nonNegativeFinite(weightDecay, "weightDecay");
        Checks.positiveFinite(gradientScale, "gradientScale", "1.0");
        if (gradient.length != params.count) {
            throw new IllegalArgumentException("gradient has " + gradient.length + " values but this network has "
                    + params.count + " parameters.");
        }
        if (flat == null) {
            flat = new double[params.count];
        }
        if (!flatCurrent) {
            params.toFlat(flat);                                             // only this thread writes θ
            flatCurrent = true;
        }
        if (optimizer instanceof ScaledUpdate scaled) {                      // forms s·g + λθ as it reads g
            scaled.update(flat, gradient, learningRate, gradientScale, weightDecay);
        } else {
            optimizer.update(flat, scaledAndDecayed(gradient, gradientScale, weightDecay), learningRate);
        }                                                                    // θ' = update(θ, s·g + λθ, ε)
        if (!Checks.allFinite(flat)) {
            flatCurrent = false;                                             // θ' is dropped; the rows keep θ
            return false;
        }
        write(flat);                                                         // θ ← θ'
        return true;
    }

    /** See {@link Network#update(Optimizer.State, Workspace, double, double, double)}. */
    boolean update(Optimizer.State optimizer, Workspace workspace, double learningRate, double weightDecay,
            double gradientScale) {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(workspace, "workspace");
        if (workspace.network != network || !workspace.training) {
            throw new IllegalArgumentException("This workspace belongs to another network; get one from workspace(n).");
        }
        if (!(optimizer instanceof ScaledUpdate scaled) || optimizer.parameterCount() != params.count) {
            return update(optimizer, workspace.gradient(), learningRate, weightDecay, gradientScale);
        }
        Checks.positiveFinite(learningRate, "learningRate", "0.01");
        Checks.nonNegativeFinite(weightDecay, "weightDecay");
        Checks.positiveFinite(gradientScale, "gradientScale", "1.0");
        if (!OptimizerStep.build(engine, params, workspace, scaled, learningRate, gradientScale, weightDecay)) {
            return false;                                                    // θ' is dropped; the network keeps θ
        }
        params.lock.writeLock().lock();
        try {
            params.swapDense(workspace.weightNext, workspace.biasNext);      // θ ← θ'
            params.swapOther(workspace.ownNext);
            engine.parametersChanged();
        } finally {
            params.lock.writeLock().unlock();
        }
        flatCurrent = false;
        return true;
    }

    /**
     * Returns {@code s·g + λθ} for an optimizer of the user's own: {@code gradient} itself when
     * {@code s = 1} and {@code λ = 0}, else a buffer of this object (the caller's gradient is not
     * modified), formed as {@link ScaledUpdate#effective} forms it.
     */
    private double[] scaledAndDecayed(double[] gradient, double gradientScale, double weightDecay) {
        if (weightDecay == 0 && gradientScale == 1.0) {
            return gradient;
        }
        if (decayed == null) {
            decayed = new double[params.count];
        }
        for (int p = 0; p < gradient.length; p++) {
            decayed[p] = ScaledUpdate.effective(gradient[p], flat[p], gradientScale, weightDecay);
        }
        return decayed;
    }

    /** See {@link Network#setParameters}. */
    void setParameters(double[] theta) {
        Objects.requireNonNull(theta, "parameters");
        if (theta.length != params.count) {
            throw new IllegalArgumentException("parameters has " + theta.length + " values but this network has "
                    + params.count + " parameters; pass an array from parameters() of a network with the same layers.");
        }
        Checks.vector(theta, "parameters");
        write(theta);
        flatCurrent = false;
    }

    /** Sets the parameters from {@code theta} in the flat order, under the write lock. */
    private void write(double[] theta) {
        params.lock.writeLock().lock();
        try {
            params.fromFlat(theta);
            engine.parametersChanged();
        } finally {
            params.lock.writeLock().unlock();
        }
    }

    private Workspace trainingWorkspace(int rows) {
        if (trainWorkspace == null || trainWorkspace.capacity < rows) {
            trainWorkspace = engine.newWorkspace(rows, true);
        }
        return trainWorkspace;
    }

    /**
     * Checks a training batch whose inputs' shape is checked, and returns {@code max |x|} for the
     * step guard: one parallel pass over {@code x} finds both.
     */
    private double checkTrainingBatch(Workspace w, double[][] x, double[][] y) {
        double max = engine.maxAbs(w, x);
        if (!(max <= Double.MAX_VALUE)) {
            Checks.finite(x, "x");                                           // names the first bad value
        }
        Inputs.checkTargets(x, y, network.outputSize(), loss);
        return max;
    }

}
