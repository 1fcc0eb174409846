package io.github.mlp4j;

import io.github.mlp4j.layer.Dropout;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a {@link Network} layer by layer. Not thread-safe; each build returns a new network.
 *
 * <pre>{@code
 * Network net = Network.builder()
 *         .input(2)
 *         .dense(12, Activation.relu())
 *         .dense(1, Activation.sigmoid())
 *         .loss(Loss.binaryCrossEntropy())
 *         .seed(42)
 *         .build();
 * }</pre>
 */
public final class NetworkBuilder {
    private int inputSize = -1;
    private final List<Object> specs = new ArrayList<>();
    private Loss loss;
    private long seed = Network.DEFAULT_SEED;
    private int threads = Runtime.getRuntime().availableProcessors();

    NetworkBuilder() {
    }

    /**
     * Sets the most threads that one training step or batch prediction may use; the default is
     * {@link Runtime#availableProcessors()}. Results are bit-identical for every value.
     *
     * @param threads 1 to 64; 1 keeps all work on the calling thread
     * @return this builder
     * @throws IllegalArgumentException if {@code threads} is outside 1..64
     */
    public NetworkBuilder threads(int threads) {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("threads must be between 1 and 64, but was " + threads
                    + "; use 1 for single-threaded work or Runtime.getRuntime().availableProcessors().");
        }
        this.threads = threads;
        return this;
    }

    /**
     * Sets the number of inputs per row.
     *
     * @param size at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code size < 1}
     */
    public NetworkBuilder input(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("input size must be at least 1, but was " + size
                    + "; pass the number of features per row.");
        }
        this.inputSize = size;
        return this;
    }

    /**
     * Appends a fully connected layer of {@code units} outputs with the given activation.
     *
     * @param units at least 1
     * @param activation the layer's activation
     * @return this builder
     * @throws IllegalArgumentException if {@code units < 1}
     */
    public NetworkBuilder dense(int units, Activation activation) {
        if (units < 1) {
            throw new IllegalArgumentException("A dense layer needs at least 1 unit, but was given " + units
                    + " (layer " + (specs.size() + 1) + "); use dense(1, ...) or more.");
        }
        Objects.requireNonNull(activation, "activation");
        specs.add(new int[] {units});
        specs.add(activation);
        return this;
    }

    /**
     * Appends a layer of your own; its input size must equal the previous layer's output size.
     *
     * @param layer the layer
     * @return this builder
     */
    public NetworkBuilder layer(Layer layer) {
        specs.add(Objects.requireNonNull(layer, "layer"));
        return this;
    }

    /**
     * Sets the loss to minimise.
     *
     * @param loss such as {@link Loss#binaryCrossEntropy()}
     * @return this builder
     */
    public NetworkBuilder loss(Loss loss) {
        this.loss = Objects.requireNonNull(loss, "loss");
        return this;
    }

    /**
     * Sets the seed of the network's random generator (initial weights, the shuffles of
     * {@link Network#fit}, and dropout's masks); the default is {@link Network#DEFAULT_SEED}. A
     * {@link io.github.mlp4j.train.Trainer} also shuffles and splits with this seed unless its
     * configuration sets one of its own.
     *
     * @param seed any value
     * @return this builder
     */
    public NetworkBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Appends inverted dropout over the previous layer's outputs: while training, each unit is
     * dropped with probability {@code rate} and the others are scaled by {@code 1/(1 − rate)};
     * at prediction it passes its inputs through. See {@link io.github.mlp4j.layer.Dropout}.
     *
     * @param rate the probability of dropping a unit, in [0, 1)
     * @return this builder
     * @throws IllegalArgumentException if {@code rate} is outside [0, 1)
     */
    public NetworkBuilder dropout(double rate) {
        new Dropout(1, rate);                                            // checks the rate now
        specs.add(new double[] {rate});
        return this;
    }

    /**
     * Builds the network and draws its initial parameters from the seed.
     *
     * @return a new network
     * @throws IllegalStateException if the input size, the layers or the loss are missing
     * @throws IllegalArgumentException if sizes disagree or overflow, softmax has fewer than two
     *     outputs, or the loss does not suit the output activation (the message names the fix)
     */
    public Network build() {
        if (inputSize < 1) {
            throw new IllegalStateException("The network has no input size; call input(n) before build().");
        }
        if (specs.isEmpty()) {
            throw new IllegalStateException("The network has no layers; add at least one with dense(units, activation).");
        }
        if (loss == null) {
            throw new IllegalStateException("The network has no loss; call loss(...), e.g. Loss.mse(),"
                    + " Loss.binaryCrossEntropy() or Loss.crossEntropy().");
        }
        Layer[] built = LayerStack.assemble(inputSize, specs);
        Layer head = built[built.length - 1];
        loss.checkHead(head.activation(), head.outputSize());
        return new Network(built, loss, seed, Math.min(threads, 64));
    }
}
