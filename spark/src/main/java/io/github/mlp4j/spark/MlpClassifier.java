package io.github.mlp4j.spark;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.NetworkBuilder;
import io.github.mlp4j.io.Model;
import io.github.mlp4j.io.ModelWriter;
import io.github.mlp4j.optim.Optimizer;
import io.github.mlp4j.train.TrainingConfig;
import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML {@code Estimator} that trains an mlp4j multilayer perceptron classifier: the hidden
 * layers use {@code hiddenActivation}, the last layer is softmax with cross-entropy loss, and
 * training runs {@link SparkTrainer} (strategy {@code sync} or {@code average}). It works in a
 * {@code Pipeline}, and saves and loads with {@code write().save(path)} and {@link #load}.
 *
 * <pre>{@code
 * MlpClassifier mlp = new MlpClassifier().setLayers(new int[] {784, 128, 10}).setMaxIter(10);
 * MlpClassificationModel model = mlp.fit(train);          // "features" vector, "label" 0 … 9
 * Dataset<Row> scored = model.transform(test);            // + prediction, probability, rawPrediction
 * }</pre>
 *
 * <p>Features come from the vector column {@code featuresCol}, or from the numeric columns
 * {@code inputCols} when those are set. Labels are class indices {@code 0 … k−1}, where {@code k}
 * is the last layer's size.
 */
public final class MlpClassifier extends Estimator<MlpClassificationModel> implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> featuresCol;
    private final StringArrayParam inputCols;
    private final Param<String> labelCol;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;
    private final Param<String> rawPredictionCol;
    private final IntArrayParam layers;
    private final Param<String> hiddenActivation;
    private final Param<String> optimizer;
    private final DoubleParam stepSize;
    private final IntParam maxIter;
    private final IntParam batchSize;
    private final LongParam seed;
    private final Param<String> strategy;
    private final IntParam localSteps;
    private final IntParam blockSize;
    private final Param<String> checkpointDir;
    private final IntParam checkpointInterval;

    /** Creates a classifier with a random uid and the default params. */
    public MlpClassifier() {
        this(Identifiable.randomUID("mlp4jClassifier"));
    }

    /**
     * Creates a classifier with the given uid and the default params.
     *
     * @param uid the uid
     */
    public MlpClassifier(String uid) {
        this.uid = uid;                                                      // before the params, which read it
        featuresCol = new Param<>(this, "featuresCol", "features column (a vector); ignored when inputCols is set");
        inputCols = new StringArrayParam(this, "inputCols", "numeric feature columns, one per input, instead of featuresCol");
        labelCol = new Param<>(this, "labelCol", "label column: class indices 0 … k−1");
        predictionCol = new Param<>(this, "predictionCol", "prediction column name");
        probabilityCol = new Param<>(this, "probabilityCol", "column of class probabilities");
        rawPredictionCol = new Param<>(this, "rawPredictionCol", "column of raw scores (the network's outputs)");
        layers = new IntArrayParam(this, "layers", "layer sizes: inputs, hidden layers…, classes (checked by fit)");
        hiddenActivation = new Param<>(this, "hiddenActivation", "hidden activation: relu, tanh or sigmoid",
                ParamValidators.inArray(new String[] {"relu", "tanh", "sigmoid"}));
        optimizer = new Param<>(this, "optimizer", "optimizer: adam, sgd, momentum or rmsprop",
                ParamValidators.inArray(new String[] {"adam", "sgd", "momentum", "rmsprop"}));
        stepSize = new DoubleParam(this, "stepSize", "learning rate (> 0)", ParamValidators.gt(0));
        maxIter = new IntParam(this, "maxIter", "epochs (>= 1)", ParamValidators.gtEq(1));
        batchSize = new IntParam(this, "batchSize", "rows per step, over all partitions (>= 1)", ParamValidators.gtEq(1));
        seed = new LongParam(this, "seed", "seed of the initial weights and of the batch order");
        strategy = new Param<>(this, "strategy", "sync (exact, the default) or average (approximate, fewer rounds)",
                ParamValidators.inArray(new String[] {"sync", "average"}));
        localSteps = new IntParam(this, "localSteps", "local steps per round for strategy average (>= 1)",
                ParamValidators.gtEq(1));
        blockSize = new IntParam(this, "blockSize", "rows per block when caching and computing (>= 1)",
                ParamValidators.gtEq(1));
        checkpointDir = new Param<>(this, "checkpointDir", "Hadoop path for training checkpoints; empty for none");
        checkpointInterval = new IntParam(this, "checkpointInterval", "steps between checkpoints (>= 1)",
                ParamValidators.gtEq(1));
        setDefault(featuresCol, "features");
        setDefault(inputCols, new String[0]);
        setDefault(labelCol, "label");
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
        setDefault(rawPredictionCol, "rawPrediction");
        setDefault(hiddenActivation, "relu");
        setDefault(optimizer, "adam");
        setDefault(stepSize, 0.001);
        setDefault(maxIter, 20);
        setDefault(batchSize, 64);
        setDefault(seed, Network.DEFAULT_SEED);
        setDefault(strategy, "sync");
        setDefault(localSteps, 8);
        setDefault(blockSize, 1024);
        setDefault(checkpointDir, "");
        setDefault(checkpointInterval, 10);
    }

    @Override
    public String uid() {
        return uid;
    }

    // ---- params (Spark finds them by these public methods) ----

    /** {@return the param} */
    public Param<String> featuresCol() {
        return featuresCol;
    }

    /** {@return the param} */
    public StringArrayParam inputCols() {
        return inputCols;
    }

    /** {@return the param} */
    public Param<String> labelCol() {
        return labelCol;
    }

    /** {@return the param} */
    public Param<String> predictionCol() {
        return predictionCol;
    }

    /** {@return the param} */
    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    /** {@return the param} */
    public Param<String> rawPredictionCol() {
        return rawPredictionCol;
    }

    /** {@return the param} */
    public IntArrayParam layers() {
        return layers;
    }

    /** {@return the param} */
    public Param<String> hiddenActivation() {
        return hiddenActivation;
    }

    /** {@return the param} */
    public Param<String> optimizer() {
        return optimizer;
    }

    /** {@return the param} */
    public DoubleParam stepSize() {
        return stepSize;
    }

    /** {@return the param} */
    public IntParam maxIter() {
        return maxIter;
    }

    /** {@return the param} */
    public IntParam batchSize() {
        return batchSize;
    }

    /** {@return the param} */
    public LongParam seed() {
        return seed;
    }

    /** {@return the param} */
    public Param<String> strategy() {
        return strategy;
    }

    /** {@return the param} */
    public IntParam localSteps() {
        return localSteps;
    }

    /** {@return the param} */
    public IntParam blockSize() {
        return blockSize;
    }

    /** {@return the param} */
    public Param<String> checkpointDir() {
        return checkpointDir;
    }

    /** {@return the param} */
    public IntParam checkpointInterval() {
        return checkpointInterval;
    }

    // ---- getters and setters ----

    /** {@return the value} */
    public String getFeaturesCol() {
        return getOrDefault(featuresCol);
    }

    /** {@return the value} */
    public String[] getInputCols() {
        return getOrDefault(inputCols);
    }

    /** {@return the value} */
    public String getLabelCol() {
        return getOrDefault(labelCol);
    }

    /** {@return the value, or null when not set} */
    public int[] getLayers() {
        return isDefined(layers) ? getOrDefault(layers) : null;
    }

    /** {@return the value} */
    public int getMaxIter() {
        return (Integer) getOrDefault(maxIter);
    }

    /** {@return the value} */
    public long getSeed() {
        return (Long) getOrDefault(seed);
    }

    /** {@return the value} */
    public String getStrategy() {
        return getOrDefault(strategy);
    }

    /** @param v the features vector column @return this */
    public MlpClassifier setFeaturesCol(String v) {
        set(featuresCol, v);
        return this;
    }

    /** @param v numeric feature columns, one per input @return this */
    public MlpClassifier setInputCols(String[] v) {
        set(inputCols, v);
        return this;
    }

    /** @param v the label column @return this */
    public MlpClassifier setLabelCol(String v) {
        set(labelCol, v);
        return this;
    }

    /** @param v the prediction column @return this */
    public MlpClassifier setPredictionCol(String v) {
        set(predictionCol, v);
        return this;
    }

    /** @param v the probability column @return this */
    public MlpClassifier setProbabilityCol(String v) {
        set(probabilityCol, v);
        return this;
    }

    /** @param v the raw prediction column @return this */
    public MlpClassifier setRawPredictionCol(String v) {
        set(rawPredictionCol, v);
        return this;
    }

    /** @param v layer sizes: inputs, hidden…, classes @return this */
    public MlpClassifier setLayers(int[] v) {
        set(layers, v);
        return this;
    }

    /** @param v relu, tanh or sigmoid @return this */
    public MlpClassifier setHiddenActivation(String v) {
        set(hiddenActivation, v);
        return this;
    }

    /** @param v adam, sgd, momentum or rmsprop @return this */
    public MlpClassifier setOptimizer(String v) {
        set(optimizer, v);
        return this;
    }

    /** @param v the learning rate @return this */
    public MlpClassifier setStepSize(double v) {
        set(stepSize, v);
        return this;
    }

    /** @param v the epochs @return this */
    public MlpClassifier setMaxIter(int v) {
        set(maxIter, v);
        return this;
    }

    /** @param v rows per step @return this */
    public MlpClassifier setBatchSize(int v) {
        set(batchSize, v);
        return this;
    }

    /** @param v the seed @return this */
    public MlpClassifier setSeed(long v) {
        set(seed, v);
        return this;
    }

    /** @param v sync or average @return this */
    public MlpClassifier setStrategy(String v) {
        set(strategy, v);
        return this;
    }

    /** @param v local steps per round (average) @return this */
    public MlpClassifier setLocalSteps(int v) {
        set(localSteps, v);
        return this;
    }

    /** @param v rows per block @return this */
    public MlpClassifier setBlockSize(int v) {
        set(blockSize, v);
        return this;
    }

    /** @param v checkpoint directory (a Hadoop path), empty for none @return this */
    public MlpClassifier setCheckpointDir(String v) {
        set(checkpointDir, v);
        return this;
    }

    /** @param v steps between checkpoints @return this */
    public MlpClassifier setCheckpointInterval(int v) {
        set(checkpointInterval, v);
        return this;
    }

    // ---- the estimator ----

    private int[] requireLayers() {
        int[] l = getLayers();
        if (l == null) {
            throw new IllegalArgumentException("Param 'layers' is not set; set the layer sizes, for example "
                    + "setLayers(new int[] {inputs, 64, classes}).");
        }
        if (l.length < 2) {
            throw new IllegalArgumentException("Param 'layers' is " + Arrays.toString(l)
                    + "; give at least the inputs and the classes, for example {inputs, 64, classes}.");
        }
        for (int size : l) {
            if (size < 1) {
                throw new IllegalArgumentException("Param 'layers' is " + Arrays.toString(l)
                        + "; every size must be at least 1.");
            }
        }
        if (l[l.length - 1] < 2) {
            throw new IllegalArgumentException("Param 'layers' is " + Arrays.toString(l)
                    + "; the last size is the number of classes and must be at least 2.");
        }
        return l;
    }

    InputColumns columns() {
        String[] in = getInputCols();
        return in.length > 0 ? InputColumns.numeric(Arrays.asList(in), getLabelCol())
                : InputColumns.vector(getFeaturesCol(), getLabelCol());
    }

    @Override
    public StructType transformSchema(StructType schema) {
        int[] l = requireLayers();
        columns().check(schema, l[0], true);
        return Scoring.outputSchema(schema, getOrDefault(predictionCol), getOrDefault(probabilityCol),
                getOrDefault(rawPredictionCol));
    }

    /** {@return a new, untrained network with this classifier's layers, activation and seed} */
    public Network newNetwork() {
        int[] l = requireLayers();
        Activation hidden = switch (getOrDefault(hiddenActivation)) {
            case "tanh" -> Activation.tanh();
            case "sigmoid" -> Activation.sigmoid();
            default -> Activation.relu();
        };
        NetworkBuilder b = Network.builder().input(l[0]);
        for (int i = 1; i < l.length - 1; i++) {
            b.dense(l[i], hidden);
        }
        return b.dense(l[l.length - 1], Activation.softmax()).loss(Loss.crossEntropy()).seed(getSeed()).build();
    }

    /** {@return the core training settings these params give} */
    public TrainingConfig trainingConfig() {
        Optimizer opt = switch (getOrDefault(optimizer).toLowerCase(Locale.ROOT)) {
            case "sgd" -> Optimizer.sgd();
            case "momentum" -> Optimizer.momentum(0.9);
            case "rmsprop" -> Optimizer.rmsProp();
            default -> Optimizer.adam();
        };
        return TrainingConfig.builder().epochs(getMaxIter()).batchSize((Integer) getOrDefault(batchSize))
                .seed(getSeed()).optimizer(opt).learningRate((Double) getOrDefault(stepSize)).build();
    }

    @Override
    public MlpClassificationModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        Network net = newNetwork();
        SparkTrainer.Builder b = SparkTrainer.builder(trainingConfig()).blockRows((Integer) getOrDefault(blockSize))
                .strategy("average".equals(getStrategy()) ? SparkTrainer.Strategy.AVERAGE : SparkTrainer.Strategy.SYNC,
                        (Integer) getOrDefault(localSteps));
        String dir = getOrDefault(checkpointDir);
        if (!dir.isEmpty()) {
            b.checkpoint(dir, (Integer) getOrDefault(checkpointInterval));
        }
        SparkHistory history = b.build().fit(net, dataset.toDF(), columns());
        MlpClassificationModel model = new MlpClassificationModel(uid, ModelWriter.toBytes(Model.of(net)));
        model.history = history;
        copyValues(model, new ParamMap());
        model.setParent(this);
        return model;
    }

    @Override
    public MlpClassifier copy(ParamMap extra) {
        return (MlpClassifier) defaultCopy(extra);
    }

    /** {@return a reader for saved classifiers} */
    public static MLReader<MlpClassifier> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * Loads a classifier saved with {@code write().save(path)}.
     *
     * @param path the directory
     * @return the classifier
     */
    public static MlpClassifier load(String path) {
        return read().load(path);
    }
}
