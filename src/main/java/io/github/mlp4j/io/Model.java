package io.github.mlp4j.io;

import io.github.mlp4j.Network;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A trained network together with what a user needs to apply it to new data: the fitted input
 * {@link Scaling} (if the training data was scaled), the class names (if it is a classifier with
 * named classes) and its {@link Provenance}. This is what a model file holds.
 *
 * <p>{@link #predict(double[][])} applies the scaling to raw rows, then the network. A model keeps
 * a reference to its network (it is not copied); everything else is immutable. Prediction is as
 * thread-safe as the network's.
 *
 * <pre>{@code
 * Model model = Model.of(network)
 *         .withScaling(Scaling.from(scaler))                 // a fitted StandardScaler or MinMaxScaler
 *         .withClassNames(List.of("setosa", "versicolor", "virginica"));
 * model.save(Path.of("iris.mlp4j"));
 * Model again = Model.load(Path.of("iris.mlp4j"));
 * int c = again.predictClass(new double[] {5.1, 3.5, 1.4, 0.2});             // 0
 * String name = again.predictClassName(new double[] {5.1, 3.5, 1.4, 0.2});   // "setosa"
 * }</pre>
 */
public final class Model {
    private final Network network;
    private final Scaling scaling;
    private final List<String> classNames;
    private final Provenance provenance;

    private Model(Network network, Scaling scaling, List<String> classNames, Provenance provenance) {
        this.network = network;
        this.scaling = scaling;
        this.classNames = classNames;
        this.provenance = provenance;
    }

    /**
     * Returns a model of {@code network} alone: no scaling, no class names, and a provenance with
     * this library's version, the current time and the network's seed.
     *
     * @param network the network; kept, not copied
     * @return the model
     */
    public static Model of(Network network) {
        Objects.requireNonNull(network, "network");
        return new Model(network, null, List.of(), Provenance.of(network));
    }

    /**
     * Returns a copy of this model that scales raw inputs with {@code scaling} before predicting.
     *
     * @param scaling the fitted scaling, or null for none
     * @return a new model
     * @throws IllegalArgumentException if the scaling's inputSize differs from the network's
     */
    public Model withScaling(Scaling scaling) {
        if (scaling != null && scaling.inputSize() != network.inputSize()) {
            throw new IllegalArgumentException("The scaling was fitted on " + scaling.inputSize()
                    + " columns but the network has " + network.inputSize()
                    + " inputs; fit the scaler on the same columns the network is trained on.");
        }
        return new Model(network, scaling, classNames, provenance);
    }

    /**
     * Returns a copy of this model with names for its classes, in the order of the network's
     * outputs: one per output when there are several, at most two for a single (0/1) output, or
     * none.
     *
     * @param classNames the names; copied
     * @return a new model
     * @throws NullPointerException if the list or a name is null
     * @throws IllegalArgumentException if the count does not fit the network's outputs
     */
    public Model withClassNames(List<String> classNames) {
        List<String> names = List.copyOf(Objects.requireNonNull(classNames, "classNames"));
        int outputs = network.outputSize();
        if (!names.isEmpty() && outputs > 1 && names.size() != outputs) {
            throw new IllegalArgumentException("The network has " + outputs + " outputs but " + names.size()
                    + " class names were given " + names + "; pass one name per output, or none.");
        }
        if (outputs == 1 && names.size() > 2) {
            throw new IllegalArgumentException("The network has a single 0/1 output but " + names.size()
                    + " class names were given " + names + "; pass at most two names.");
        }
        return new Model(network, scaling, names, provenance);
    }

    /**
     * Returns a copy of this model with another provenance.
     *
     * @param provenance the provenance
     * @return a new model
     */
    public Model withProvenance(Provenance provenance) {
        return new Model(network, scaling, classNames, Objects.requireNonNull(provenance, "provenance"));
    }

    /** {@return the network (the same instance, not a copy)} */
    public Network network() {
        return network;
    }

    /** {@return the input scaling, or an empty optional when raw rows go straight to the network} */
    public Optional<Scaling> scaling() {
        return Optional.ofNullable(scaling);
    }

    /** {@return the class names in output order, or an empty list; unmodifiable} */
    public List<String> classNames() {
        return classNames;
    }

    /** {@return where the model came from} */
    public Provenance provenance() {
        return provenance;
    }

    /**
     * Returns the network's outputs for raw rows: the scaling (if any) is applied first.
     *
     * @param x raw inputs, (n × inputSize); not modified
     * @return a new (n × outputSize) matrix
     * @throws IllegalArgumentException if {@code x} is empty, ragged, of the wrong width, or holds
     *     NaN or infinity
     */
    public double[][] predict(double[][] x) {
        return network.predict(scaling == null ? x : scaling.apply(x));
    }

    /**
     * Returns the network's output for one raw row: the scaling (if any) is applied first.
     *
     * @param x raw inputs, of length inputSize; not modified
     * @return a new array of length outputSize
     * @throws IllegalArgumentException if {@code x} has the wrong length or holds NaN or infinity
     */
    public double[] predict(double[] x) {
        return network.predict(scaling == null ? x : scaling.apply(x));
    }

    /**
     * Returns the predicted class index of each raw row, as {@link Network#predictClass(double[][])}
     * decides it after scaling.
     *
     * @param x raw inputs, (n × inputSize); not modified
     * @return a new array of n class indices
     * @throws IllegalArgumentException if {@code x} is invalid
     * @throws IllegalStateException if the network is not a classifier
     */
    public int[] predictClass(double[][] x) {
        return network.predictClass(scaling == null ? x : scaling.apply(x));
    }

    /**
     * Returns the predicted class index of one raw row, as {@link Network#predictClass(double[])}
     * decides it after scaling.
     *
     * @param x raw inputs, of length inputSize; not modified
     * @return the class index
     * @throws IllegalArgumentException if {@code x} has the wrong length or holds NaN or infinity
     * @throws IllegalStateException if the network is not a classifier
     */
    public int predictClass(double[] x) {
        return network.predictClass(scaling == null ? x : scaling.apply(x));
    }

    /**
     * Returns the name of the predicted class of one raw row.
     *
     * @param x raw inputs, of length inputSize; not modified
     * @return the class name
     * @throws IllegalArgumentException if {@code x} is invalid
     * @throws IllegalStateException if the network is not a classifier, or the predicted class has
     *     no name (the model has fewer names than classes)
     */
    public String predictClassName(double[] x) {
        int c = predictClass(x);
        if (c >= classNames.size()) {
            throw new IllegalStateException("The predicted class is " + c + " but the model names "
                    + classNames.size() + " classes " + classNames
                    + "; give it names with withClassNames, or use predictClass for indices.");
        }
        return classNames.get(c);
    }

    /**
     * Saves this model atomically to {@code path}, as {@link ModelWriter#save(Model, Path)} does.
     *
     * @param path the file to create or replace
     * @throws IOException if writing fails; the previous file, if any, is then left intact
     */
    public void save(Path path) throws IOException {
        ModelWriter.save(this, path);
    }

    /**
     * Writes this model to {@code out}, as {@link ModelWriter#write(Model, OutputStream)} does.
     *
     * @param out the stream; written to, flushed, not closed
     * @throws IOException if writing fails
     */
    public void save(OutputStream out) throws IOException {
        ModelWriter.write(this, out);
    }

    /**
     * Loads a model from a file, as {@link ModelReader#load(Path)} does.
     *
     * @param path the model file
     * @return the model
     * @throws ModelFormatException if the file does not hold exactly one valid model
     * @throws IOException if reading fails
     */
    public static Model load(Path path) throws IOException {
        return ModelReader.load(path);
    }

    /**
     * Reads one model from a stream, as {@link ModelReader#read(InputStream)} does.
     *
     * @param in the stream, left right after the model's last byte; not closed
     * @return the model
     * @throws ModelFormatException if the stream does not start with a valid model
     * @throws IOException if reading fails
     */
    public static Model load(InputStream in) throws IOException {
        return ModelReader.read(in);
    }

    /** Returns a one-line description: the network, the scaling kind and the class names. */
    @Override
    public String toString() {
        return "Model(" + network + ", scaling " + (scaling == null ? "none" : scaling.kind()) + ", classes "
                + classNames + ")";
    }
}
