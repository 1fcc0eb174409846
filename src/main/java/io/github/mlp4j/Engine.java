package io.github.mlp4j;

import io.github.mlp4j.internal.Kernels;
import io.github.mlp4j.internal.RowDelta;
import io.github.mlp4j.internal.Workers;
import java.util.Arrays;

/**
 * The forward pass, back-propagation and the gradient-descent step over a network's layer stack,
 * split between threads where that pays.
 *
 * <p>In the README's notation, for layer {@code l} with input {@code aˡ⁻¹} ({@code a⁰ = x}):
 * <pre>
 *   forward      zˡ = aˡ⁻¹·Wˡ + bˡ,  aˡ = fˡ(zˡ)                {@link #forwardRows}
 *   output       δᴸ = ∂C/∂zᴸ                                     {@link #forwardAndDelta}
 *   backward     δˡ⁻¹ = (δˡ·Wˡᵀ) ⊙ fˡ⁻¹'(zˡ⁻¹)                    {@link #backThrough}
 *   gradient     ∂C/∂Wˡ = aˡ⁻¹ᵀ·δˡ,  ∂C/∂bˡ = Σ_rows δˡ            {@link #weightPart}
 *   step         θ ← θ − ε·∂C/∂θ                                 {@link #updatePart}
 * </pre>
 * A {@link io.github.mlp4j.layer.Dense} layer runs the kernels of {@link Kernels} on its row
 * arrays; any other layer runs its own {@link Layer#forward} and {@link Layer#backward}.
 *
 * <p>Threads: the forward pass and the back-propagated {@code δ} are split by rows of the batch
 * (with a built-in loss, one task takes each thread's rows through the last forward segment, the
 * output {@code δᴸ} and back down, see {@link #forwardDeltaRows});
 * the weight gradient {@code aᵀ·δ} and the step by rows of {@code W}. A dense layer with at least
 * {@link WorkSplit#CHUNKED_WEIGHTS} weights and {@code 4·K_BLOCK} inputs computes {@code a·W} as partial
 * sums over {@link WorkSplit#CHUNKS} fixed chunks of its inputs, added to the bias in chunk order, so that a
 * thread multiplies and updates only its own rows of {@code W}. A layer with parameters that is not
 * dense is back-propagated in fixed blocks of rows, each with a gradient buffer of its own, added
 * up in block order. Every number is computed by one fixed
 * expression whatever the split, so results are bit-identical for every thread count. Work below
 * {@link Network#PARALLEL_THRESHOLD} multiply-adds runs on the calling thread.
 */
final class Engine {
    private final Network network;
    private final Layer[] layers;
    private final Parameters params;
    private final StepGuard guard;
    private final int threads;
    /** How this layer stack's work is split between threads. */
    final WorkSplit split;
    private volatile Workers pool;

    Engine(Network network, Parameters params, int threads) {
        this.network = network;
        this.layers = params.layers;
        this.params = params;
        this.guard = new StepGuard(params);
        this.threads = threads;
        this.split = new WorkSplit(params);
    }

    /** Marks the step guard's bounds out of date after the parameters were set. */
    void parametersChanged() {
        guard.invalidate();
    }

    // ----------------------------------------------------------------------------------------
    // Forward

    /**
     * Runs the forward pass of rows {@code 0..rows−1} of {@code w.input} in each layer's pass of
     * {@code w}: {@code zˡ = aˡ⁻¹·Wˡ + bˡ, aˡ = fˡ(zˡ)}, leaving every layer's {@code z} and
     * {@code a} in {@code w}. A prediction workspace runs on the calling thread.
     */
    void forward(Workspace w, int rows) {
        forward(w, rows, null);
    }

    /**
     * As {@link #forward(Workspace, int)}, running {@code lastSegment}, when given, instead of
     * the last segment's task.
     */
    private void forward(Workspace w, int rows, Workers.Task lastSegment) {
        w.rows = rows;
        for (int l = 0; l < layers.length; l = split.segmentEnd[l]) {
            if (split.chunked(l)) {
                runSplit(w, w.partialTasks[l], rows);                        // aˡ⁻¹·Wˡ by chunks of inputs
            }
            boolean last = split.segmentEnd[l] == layers.length;
            Workers.Task task = last && lastSegment != null ? lastSegment : w.forwardTasks[l];
            runSplit(w, task, rows);                                         // layers l..segmentEnd[l]−1 by rows
        }
    }

    /**
     * Forward pass of rows {@code from..to−1} through layers {@code first..end−1}: reads
     * {@code w.input} (rows × inputs of layer {@code first}) or {@code w.a[first−1]}, writes
     * {@code w.z[l]} and {@code w.a[l]} (rows × outputs of layer l) and, in training, part
     * {@code part}'s max |aˡ|.
     */
    private void forwardRows(Workspace w, int first, int end, int part, int from, int to) {
        for (int l = first; l < end; l++) {
            Layer layer = layers[l];
            int out = layer.outputSize();
            double[][] in = l == 0 ? w.input : w.a[l - 1];
            if (split.chunked(l)) {
                Kernels.sumPartials(params.biases[l], w.partial[l], WorkSplit.CHUNKS, out, w.z[l], from, to);   // zˡ = bˡ + Σ_c pᶜ
                layer.activation().forward(w.z[l], w.a[l], from, to, out);                             // aˡ = fˡ(zˡ)
            } else if (params.dense(l)) {
                Kernels.forward(params.weights[l], params.biases[l], layer.inputSize(), out, in, w.z[l],
                        layer.activation(), w.a[l], from, to);               // aˡ = fˡ(aˡ⁻¹·Wˡ + bˡ)
            } else {
                layer.forward(params.own[l], 0, in, w.z[l], w.a[l], from, to, w.passes[l]);   // the layer's own pass
            }
            if (w.partMax != null && l + 1 < layers.length) {
                w.partMax[part][2 * l] = Kernels.maxAbs(w.a[l], from, to, out, w.partScratch[part]);   // max |aˡ|
            }
        }
    }

    /**
     * Computes, for rows {@code 0..rows−1}, the partial sums {@code pᶜ = aˡ⁻¹·Wˡ} over the input
     * chunks {@code c} of part {@code part} into {@code w.partial[l][c]} (rows × outputs).
     */
    private void partialPart(Workspace w, int l, int rows, int part, int parts) {
        int[] starts = split.chunkStarts[l];
        double[][] in = l == 0 ? w.input : w.a[l - 1];
        for (int c = WorkSplit.firstChunk(part, parts); c < WorkSplit.firstChunk(part + 1, parts); c++) {
            Kernels.forwardPartial(params.weights[l], layers[l].outputSize(), in, starts[c], starts[c + 1],
                    w.partial[l][c], 0, rows);                             // pᶜ = Σ over chunk c of aˡ⁻¹_k·Wˡ_k
        }
    }

    // ----------------------------------------------------------------------------------------
    // Backward

    /**
     * Runs the forward pass of rows {@code 0..rows−1} and back-propagates: the output layer's
     * {@code δᴸ = ∂C/∂zᴸ}, then every {@code δˡ⁻¹}, and the gradient of each layer that is not
     * dense (the dense layers' gradients come from {@link #weightPart} or the step). Returns the
     * mean cost. {@code loss} is the network's own, whose {@code δᴸ} the workspace's
     * {@code forwardDeltaTask} computes when it is a built-in one.
     */
    double forwardAndDelta(Workspace w, int rows, Loss loss) {
        int last = layers.length - 1;
        Layer head = layers[last];
        int width = head.outputSize();
        boolean rowwise = w.forwardDeltaTask != null;                      // a built-in loss
        forward(w, rows, w.forwardDeltaTask);                                // with it, the last segment goes on to δ
        double cost = loss.cost(w.z[last], w.a[last], w.target, rows, width);
        int top = last;
        if (rowwise) {
            top = split.deltaBottom[last];                                   // δ down to here is done
        } else {
            loss.delta(head.activation(), w.z[last], w.a[last], w.target, rows, width, w.delta[last]);   // δᴸ = ∂C/∂zᴸ
        }
        for (; top >= 1; top = split.deltaBottom[top] - 1) {
            int bottom = split.deltaBottom[top];
            if (bottom < top) {
                runSplit(w, w.deltaTasks[top], rows);                        // δˡ⁻¹ for l = top..bottom+1, by rows
            }
            if (bottom >= 1) {
                backInBlocks(w, bottom, rows);                               // a layer with parameters
            }
        }
        if (split.inBlocks(0)) {
            backInBlocks(w, 0, rows);                                        // ∂C/∂θ⁰ of the first layer
        }
        return cost;
    }

    /**
     * Back-propagates through layer {@code l}, a layer with parameters that is not dense, in fixed
     * blocks of {@link Workspace#BLOCK} rows: each block's gradient goes to a buffer of its own,
     * the blocks run on the threads, and the buffers are added up in block order. The blocks do
     * not depend on the threads, so neither do the bits of the gradient.
     */
    private void backInBlocks(Workspace w, int l, int rows) {
        int blocks = (rows + Workspace.BLOCK - 1) / Workspace.BLOCK;
        runSplit(w, w.blockTasks[l], rows);
        double[] gradient = w.ownGradient[l];
        double[][] partial = w.blockGradient[l];
        System.arraycopy(partial[0], 0, gradient, 0, gradient.length);
        for (int b = 1; b < blocks; b++) {
            double[] g = partial[b];
            for (int p = 0; p < gradient.length; p++) {
                gradient[p] += g[p];                                         // ∂C/∂θˡ = Σ over blocks, in order
            }
        }
    }

    /**
     * Back-propagates the blocks of part {@code part} of rows {@code 0..rows−1} through layer
     * {@code l} (see {@link #backInBlocks}): block {@code b}'s gradient goes to
     * {@code w.blockGradient[l][b]}.
     */
    private void blockPart(Workspace w, int l, int rows, int part, int parts) {
        int blocks = (rows + Workspace.BLOCK - 1) / Workspace.BLOCK;
        for (int b = WorkSplit.first(blocks, part, parts); b < WorkSplit.first(blocks, part + 1, parts); b++) {
            int from = b * Workspace.BLOCK;
            int to = Math.min(rows, from + Workspace.BLOCK);
            if (l == 0) {
                layers[0].backward(params.own[0], 0, w.input, w.delta[0], from, to, w.blockGradient[0][b], 0, null,
                        w.passes[0]);                                        // ∂C/∂θ⁰ of these rows
            } else {
                backThrough(w, l, part, from, to, w.blockGradient[l][b]);   // ∂C/∂θˡ of these rows, and δˡ⁻¹
            }
        }
    }

    /** Back-propagates rows {@code from..to−1} through layers {@code top} down to {@code bottom ≥ 1}. */
    private void deltaRows(Workspace w, int top, int bottom, int part, int from, int to) {
        for (int l = top; l >= bottom; l--) {
            backThrough(w, l, part, from, to);
        }
    }

    /**
     * Runs rows {@code from..to−1} forward through layers {@code first..L}, computes their output
     * {@code δᴸ = ∂C/∂zᴸ} and back-propagates them down to layer {@code bottom ≥ 1}: the rows stay
     * on one thread from the last split layer's input to the bottom's {@code δ}.
     */
    private void forwardDeltaRows(Workspace w, RowDelta loss, int first, int bottom, int part, int from, int to) {
        int last = layers.length - 1;
        forwardRows(w, first, layers.length, part, from, to);
        loss.delta(layers[last].activation(), w.z[last], w.a[last], w.target, w.rows, from, to,
                layers[last].outputSize(), w.delta[last]);                  // δᴸ = ∂C/∂zᴸ, these rows
        deltaRows(w, last, bottom, part, from, to);
    }

    /**
     * Back-propagates rows {@code from..to−1} through layer {@code l ≥ 1}: {@code δˡ⁻¹ = (δˡ·Wˡᵀ) ⊙
     * fˡ⁻¹'(zˡ⁻¹)}; a layer that is not dense computes {@code ∂C/∂aˡ⁻¹} (and its own gradient)
     * itself.
     */
    private void backThrough(Workspace w, int l, int part, int from, int to) {
        backThrough(w, l, part, from, to, w.ownGradient[l]);
    }

    /** As {@link #backThrough(Workspace, int, int, int, int)}, writing a layer's own gradient into {@code gradient}. */
    private void backThrough(Workspace w, int l, int part, int from, int to, double[] gradient) {
        Layer layer = layers[l];
        Layer previous = layers[l - 1];
        if (params.dense(l)) {
            Kernels.inputGradient(params.weights[l], layer.inputSize(), layer.outputSize(), w.delta[l],
                    w.delta[l - 1], from, to);                               // ∂C/∂aˡ⁻¹ = δˡ·Wˡᵀ
        } else {
            layer.backward(params.own[l], 0, w.a[l - 1], w.delta[l], from, to, gradient, 0, w.delta[l - 1],
                    w.passes[l]);                                            // ∂C/∂aˡ⁻¹ and ∂C/∂θˡ, by the layer
        }
        previous.activation().backward(w.z[l - 1], w.a[l - 1], w.delta[l - 1], w.delta[l - 1], from, to,
                previous.outputSize());                                      // δˡ⁻¹ = ∂C/∂aˡ⁻¹ ⊙ f'(zˡ⁻¹)
        w.partMax[part][2 * l - 1] = Kernels.maxAbs(w.delta[l - 1], from, to, previous.outputSize(),
                w.partScratch[part]);                                        // max |δˡ⁻¹|, these rows
    }

    /**
     * Computes part {@code part} of every dense layer's {@code ∂C/∂Wˡ} (by rows of W) and
     * {@code ∂C/∂bˡ} over rows {@code 0..rows−1} of the batch into {@code w.weightGradient[l]}
     * (inputs × outputs) and {@code w.biasGradient[l]}.
     */
    private void weightPart(Workspace w, int rows, int part, int parts) {
        for (int l = 0; l < layers.length; l++) {
            if (!params.dense(l)) {
                continue;
            }
            int out = layers[l].outputSize();
            double[][] a = l == 0 ? w.input : w.a[l - 1];
            Kernels.weightGradient(a, w.delta[l], rows, out, w.weightGradient[l],
                    split.firstWeightRow(l, part, parts), split.firstWeightRow(l, part + 1, parts));   // ∂C/∂Wˡ = aˡ⁻¹ᵀ·δˡ
            if (l % parts == part) {
                Kernels.biasGradient(w.delta[l], rows, out, w.biasGradient[l]);  // ∂C/∂bˡ = Σ_rows δˡ
            }
        }
    }

    /**
     * Computes the gradient of rows {@code 0..rows−1} into {@code w} (every layer's, in its own
     * shape) without changing the parameters; returns the mean cost.
     */
    double gradient(Workspace w, int rows, Loss loss) {
        double cost = forwardAndDelta(w, rows, loss);
        runSplit(w, w.weightTask, rows);                                     // ∂C/∂Wˡ by rows of W
        return cost;
    }

    // ----------------------------------------------------------------------------------------
    // Step

    /**
     * Takes one gradient-descent step {@code θ ← θ − ε·∂C/∂θ} on rows {@code 0..rows−1} of
     * {@code w}'s batch, whose forward pass and {@code δ} {@link #forwardAndDelta} has computed.
     *
     * <p>Each block of rows of {@code ∂C/∂Wˡ} is computed and at once taken as a step, so the
     * dense gradient is never stored whole. When {@link StepGuard#allows} proves every new
     * parameter finite (always, in practice), the dense layers are updated in place under the
     * write lock; otherwise their new rows are built in the workspace and swapped in only if all
     * are finite. The other layers' new parameters are always built apart and checked first. Both
     * paths give the same bits.
     *
     * @return whether the step was taken; false, with nothing changed, if a new parameter would not
     *     be finite
     */
    boolean step(Workspace w, int rows, double learningRate) {
        w.learningRate = learningRate;
        double check = 0.0;
        for (int l = 0; l < layers.length; l++) {
            double[] g = w.ownGradient[l];
            if (g != null) {
                double[] theta = params.own[l];
                double[] next = w.ownNext[l];
                for (int p = 0; p < g.length; p++) {
                    next[p] = theta[p] - learningRate * g[p];                // θ' = θ − ε·g
                    check += next[p] * 0.0;                                  // NaN or ±∞ times 0 is NaN
                }
            }
        }
        if (check != 0.0) {
            return false;
        }
        boolean inPlace = guard.allows(w, rows, learningRate);
        if (!inPlace) {
            for (double[] c : w.partCheck) {
                Arrays.fill(c, 0.0);
            }
            runSplit(w, w.stepTask, rows);                                   // W' = W − ε·∂C/∂W, by rows of W
            for (double[] c : w.partCheck) {
                for (double v : c) {
                    if (v != 0.0) {
                        return false;
                    }
                }
            }
        }
        params.lock.writeLock().lock();
        try {
            if (inPlace) {
                runSplit(w, w.updateTask, rows);                             // W ← W − ε·∂C/∂W in place, by rows of W
            } else {
                params.swapDense(w.weightGradient, w.biasGradient);          // θ ← θ'
                guard.invalidate();
            }
            params.swapOther(w.ownNext);
        } finally {
            params.lock.writeLock().unlock();
        }
        return true;
    }

    /**
     * Computes part {@code part} of every dense layer's next parameters {@code W' = W − ε·∂C/∂W}
     * (by rows of W) and {@code b' = b − ε·∂C/∂b} over rows {@code 0..rows−1} into the
     * workspace's gradient arrays, and accumulates their finiteness into the part's check row.
     */
    private void stepPart(Workspace w, int rows, double learningRate, int part, int parts) {
        double[] scratch = w.partScratch[part];
        double[] check = w.partCheck[part];
        for (int l = 0; l < layers.length; l++) {
            if (!params.dense(l)) {
                continue;
            }
            int out = layers[l].outputSize();
            double[][] a = l == 0 ? w.input : w.a[l - 1];
            Kernels.weightStep(a, w.delta[l], rows, out, params.weights[l], w.weightGradient[l], learningRate,
                    w.partRows[part], check, split.firstWeightRow(l, part, parts), split.firstWeightRow(l, part + 1, parts));
            if (l % parts == part) {
                Kernels.biasGradient(w.delta[l], rows, out, scratch);              // ∂C/∂bˡ = Σ_rows δˡ
                Kernels.step(params.biases[l], scratch, w.biasGradient[l], out, learningRate);   // b' = b − ε·∂C/∂b
                Kernels.accumulateNonFinite(check, w.biasGradient[l], out);
            }
        }
    }

    /**
     * Takes part {@code part} of the step on rows {@code 0..rows−1} in place:
     * {@code W ← W − ε·aᵀ·δ} (by rows of W), {@code b ← b − ε·Σ_rows δ}.
     */
    private void updatePart(Workspace w, int rows, double learningRate, int part, int parts) {
        double[] scratch = w.partScratch[part];
        for (int l = 0; l < layers.length; l++) {
            if (!params.dense(l)) {
                continue;
            }
            int out = layers[l].outputSize();
            double[][] a = l == 0 ? w.input : w.a[l - 1];
            Kernels.weightUpdate(a, w.delta[l], rows, out, params.weights[l], learningRate, w.partRows[part],
                    split.firstWeightRow(l, part, parts), split.firstWeightRow(l, part + 1, parts));   // W ← W − ε·aᵀ·δ
            if (l % parts == part) {
                Kernels.biasGradient(w.delta[l], rows, out, scratch);              // ∂C/∂bˡ = Σ_rows δˡ
                Kernels.step(params.biases[l], scratch, params.biases[l], out, learningRate);   // b ← b − ε·∂C/∂b
            }
        }
    }

    /**
     * Returns {@code max |x_ij|} over a training set, scanned by rows on the threads: NaN or
     * infinity if a value is not finite (the caller then names it).
     */
    double maxAbs(Workspace w, double[][] x) {
        for (double[] part : w.partCheck) {
            part[0] = 0.0;                                                   // parts that do not run leave 0
        }
        w.scanned = x;
        try {
            runSplit(w, w.scanTask, x.length, layers[0].inputSize());
        } finally {
            w.scanned = null;
        }
        return StepGuard.slotMax(w.partCheck, 0);
    }

    /** Puts {@code max |x_ij|} over part {@code part} of the rows of {@code x} into {@code result[0]}. */
    private void scanPart(double[][] x, double[] result, double[] scratch, int part, int parts) {
        result[0] = Kernels.maxAbs(x, WorkSplit.first(x.length, part, parts), WorkSplit.first(x.length, part + 1, parts),
                layers[0].inputSize(), scratch);
    }

    // ----------------------------------------------------------------------------------------
    // Running on the threads

    /** Runs a task over {@code rows} rows of the batch, each a forward pass's multiply-adds of work. */
    void runSplit(Workspace w, Workers.Task task, int rows) {
        runSplit(w, task, rows, split.multiplyAddsPerRow);
    }

    /**
     * Runs a task over {@code rows} rows of {@code work} multiply-adds (or values scanned) each,
     * on as many threads as the work deserves: on the calling thread below
     * {@link Network#PARALLEL_THRESHOLD}, for a prediction workspace, or when another caller holds
     * the shared pool (which gives the same results).
     */
    private void runSplit(Workspace w, Workers.Task task, int rows, long work) {
        if (threads <= 1 || !w.training || rows * work < Network.PARALLEL_THRESHOLD) {
            task.run(0, 1);
            return;
        }
        Workers workers = pool();
        if (!workers.tryAcquire()) {
            task.run(0, 1);
            return;
        }
        try {
            workers.run(task, Math.min(w.parts, rows), this);                 // one choice for all of this network's tasks
        } finally {
            workers.release();
        }
    }

    /** Returns the shared pool of this engine's thread count, starting it on first use. */
    Workers pool() {
        Workers p = pool;
        if (p == null) {
            p = Workers.shared(threads);
            pool = p;
        }
        return p;
    }

    /** Returns new buffers for batches of up to {@code capacity} rows, with this engine's tasks wired to them. */
    Workspace newWorkspace(int capacity, boolean training) {
        int most = threads == 1 ? 1 : Math.min(threads * WorkSplit.PARTS_PER_THREAD, Math.max(threads, capacity));
        Workspace w = new Workspace(network, params, split, capacity, training, most);   // no part without a row
        // Each task reads only the batch's size (and a step's rate) from the workspace; everything
        // else it needs is fixed per layer stack, so the tasks are made once here and handing work
        // to the pool allocates nothing.
        for (int l = 0; l < layers.length; l = split.segmentEnd[l]) {
            int first = l;
            int end = split.segmentEnd[l];
            w.forwardTasks[l] = (part, parts) -> forwardRows(w, first, end, part,
                    WorkSplit.first(w.rows, part, parts), WorkSplit.first(w.rows, part + 1, parts));
            if (split.chunked(l)) {
                w.partialTasks[l] = (part, parts) -> partialPart(w, first, w.rows, part, parts);
            }
        }
        if (training) {
            int last = layers.length - 1;
            if (network.lossFunction() instanceof RowDelta loss && split.deltaBottom[last] < last) {
                int first = split.segmentStart(last);
                int bottom = split.deltaBottom[last] + 1;
                w.forwardDeltaTask = (part, parts) -> forwardDeltaRows(w, loss, first, bottom, part,
                        WorkSplit.first(w.rows, part, parts), WorkSplit.first(w.rows, part + 1, parts));
            }
            for (int l = 1; l < layers.length; l++) {
                if (split.deltaBottom[l] < l) {
                    int top = l;
                    int bottom = split.deltaBottom[l] + 1;
                    w.deltaTasks[l] = (part, parts) -> deltaRows(w, top, bottom, part,
                            WorkSplit.first(w.rows, part, parts), WorkSplit.first(w.rows, part + 1, parts));
                }
            }
            for (int l = 0; l < layers.length; l++) {
                if (split.inBlocks(l)) {
                    int layer = l;
                    w.blockTasks[l] = (part, parts) -> blockPart(w, layer, w.rows, part, parts);
                }
            }
            w.weightTask = (part, parts) -> weightPart(w, w.rows, part, parts);
            w.stepTask = (part, parts) -> stepPart(w, w.rows, w.learningRate, part, parts);
            w.updateTask = (part, parts) -> updatePart(w, w.rows, w.learningRate, part, parts);
            w.optimizerTask = (part, parts) -> OptimizerStep.buildPart(params, split, w, part, parts);
            w.squaresTask = (part, parts) -> OptimizerStep.squaresPart(params, split, w, part, parts);
            w.scanTask = (part, parts) -> scanPart(w.scanned, w.partCheck[part], w.partScratch[part], part, parts);
        }
        return w;
    }
}
