package io.github.mlp4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.github.mlp4j.Activation;
import io.github.mlp4j.Layer;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.NetworkBuilder;
import io.github.mlp4j.internal.Rng;
import io.github.mlp4j.layer.Dense;
import io.github.mlp4j.onnx.OnnxExporter.Precision;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks exported models against the real ONNX Runtime: each model must load (session creation
 * runs ONNX Runtime's model checks, shape and type inference, and kernel lookup for every node)
 * and reproduce {@link Network#predict(double[][])} on random inputs.
 */
class OnnxExporterTest {

    /** Double-precision models must agree to this absolute difference (the issue asks for 1e-6). */
    private static final double DOUBLE_TOLERANCE = 1e-9;
    /** Float32 models must agree to this relative difference, measured against max(1, |ŷ|). */
    private static final double FLOAT_TOLERANCE = 1e-5;

    private static final Activation[] ACTIVATIONS = {Activation.sigmoid(), Activation.tanh(), Activation.relu(),
        Activation.leakyRelu(0.01), Activation.leakyRelu(0.3), Activation.identity(), Activation.softmax()};

    private static OrtEnvironment ort;

    /** The process-wide ONNX Runtime environment; it lives until the JVM exits, so it is not closed. */
    @BeforeAll
    static void startOnnxRuntime() {
        ort = OrtEnvironment.getEnvironment();
    }

    /** Every hidden activation with every output head the builder accepts, MSE and the fused pairs. */
    static Stream<Arguments> networks() {
        List<Arguments> cases = new ArrayList<>();
        for (Activation hidden : ACTIVATIONS) {
            for (Activation head : ACTIVATIONS) {
                cases.add(Arguments.of(hidden, head, Loss.mse()));
            }
            cases.add(Arguments.of(hidden, Activation.sigmoid(), Loss.binaryCrossEntropy()));
            cases.add(Arguments.of(hidden, Activation.softmax(), Loss.crossEntropy()));
        }
        return cases.stream();
    }

    /**
     * A random network: 1 to 6 inputs, 1 to 3 hidden layers of 2 to 8 units, 2 to 4 outputs (1 to
     * 4 for element-wise heads), and parameters uniform in [−1.5, 1.5], biases included, so that
     * ReLUs are cut and sigmoids saturate.
     */
    private static Network randomNetwork(Rng rng, Activation hidden, Activation head, Loss loss) {
        NetworkBuilder builder = Network.builder().input(1 + rng.nextInt(6));
        int depth = 1 + rng.nextInt(3);
        for (int l = 0; l < depth; l++) {
            builder.dense(2 + rng.nextInt(7), hidden);
        }
        int outputs = head.isElementwise() ? 1 + rng.nextInt(4) : 2 + rng.nextInt(3);
        Network net = builder.dense(outputs, head).loss(loss).seed(rng.nextLong()).build();
        double[] theta = new double[net.parameterCount()];
        for (int p = 0; p < theta.length; p++) {
            theta[p] = rng.nextDouble(-1.5, 1.5);
        }
        net.setParameters(theta);
        return net;
    }

    private static double[][] randomInputs(Rng rng, int rows, int width) {
        double[][] x = new double[rows][width];
        for (double[] row : x) {
            for (int j = 0; j < width; j++) {
                row[j] = rng.nextDouble(-3, 3);
            }
        }
        return x;
    }

    /** Runs the model in ONNX Runtime on {@code x}, in the model's precision. */
    private static double[][] runOnnx(byte[] model, double[][] x, Precision precision) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = ort.createSession(model, options)) {
            Object input = x;
            if (precision == Precision.FLOAT) {
                float[][] f = new float[x.length][];
                for (int i = 0; i < x.length; i++) {
                    f[i] = new float[x[i].length];
                    for (int j = 0; j < x[i].length; j++) {
                        f[i][j] = (float) x[i][j];
                    }
                }
                input = f;
            }
            try (OnnxTensor tensor = OnnxTensor.createTensor(ort, input);
                    OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT_NAME, tensor))) {
                Object value = result.get(OnnxExporter.OUTPUT_NAME).orElseThrow().getValue();
                if (value instanceof double[][] d) {
                    return d;
                }
                float[][] f = (float[][]) value;
                double[][] d = new double[f.length][];
                for (int i = 0; i < f.length; i++) {
                    d[i] = new double[f[i].length];
                    for (int j = 0; j < f[i].length; j++) {
                        d[i][j] = f[i][j];
                    }
                }
                return d;
            }
        }
    }

    /** Returns the largest of |onnx − expected| / scale over all entries, with scale 1 or max(1, |expected|). */
    private static double largestError(double[][] onnx, double[][] expected, boolean relative) {
        assertThat(onnx.length).isEqualTo(expected.length);
        double worst = 0.0;
        for (int i = 0; i < expected.length; i++) {
            assertThat(onnx[i]).hasSameSizeAs(expected[i]);
            for (int j = 0; j < expected[i].length; j++) {
                double scale = relative ? Math.max(1.0, Math.abs(expected[i][j])) : 1.0;
                worst = Math.max(worst, Math.abs(onnx[i][j] - expected[i][j]) / scale);
            }
        }
        return worst;
    }

    @ParameterizedTest(name = "{0} hidden, {1} head, {2}")
    @MethodSource("networks")
    void doubleModelReproducesPredict(Activation hidden, Activation head, Loss loss) throws OrtException {
        Rng rng = new Rng(31L * hidden.name().hashCode() + head.name().hashCode() + loss.name().hashCode());
        for (int trial = 0; trial < 3; trial++) {
            Network net = randomNetwork(rng, hidden, head, loss);
            double[][] x = randomInputs(rng, 1 + rng.nextInt(64), net.inputSize());
            byte[] model = OnnxExporter.defaults().toByteArray(net);
            double error = largestError(runOnnx(model, x, Precision.DOUBLE), net.predict(x), false);
            assertThat(error).as("largest |ONNX − predict| of %s", net).isLessThanOrEqualTo(DOUBLE_TOLERANCE);
        }
    }

    @ParameterizedTest(name = "{0} hidden, {1} head, {2}")
    @MethodSource("networks")
    void floatModelReproducesPredict(Activation hidden, Activation head, Loss loss) throws OrtException {
        Rng rng = new Rng(17L * hidden.name().hashCode() + head.name().hashCode() + loss.name().hashCode());
        for (int trial = 0; trial < 3; trial++) {
            Network net = randomNetwork(rng, hidden, head, loss);
            double[][] x = randomInputs(rng, 1 + rng.nextInt(64), net.inputSize());
            byte[] model = OnnxExporter.defaults().withPrecision(Precision.FLOAT).toByteArray(net);
            double error = largestError(runOnnx(model, x, Precision.FLOAT), net.predict(x), true);
            assertThat(error).as("largest relative |ONNX − predict| of %s", net).isLessThanOrEqualTo(FLOAT_TOLERANCE);
        }
    }

    @Test
    void everyOpsetLoadsAndReproducesPredictInBothPrecisions() throws OrtException {
        Rng rng = new Rng(7);
        Network net = Network.builder().input(3)
                .dense(5, Activation.leakyRelu(0.05)).dense(4, Activation.tanh()).dense(4, Activation.relu())
                .dense(3, Activation.sigmoid()).dense(3, Activation.identity()).dense(3, Activation.softmax())
                .loss(Loss.crossEntropy()).seed(3).build();
        double[][] x = randomInputs(rng, 20, 3);
        double[][] expected = net.predict(x);
        for (int opset = OnnxExporter.MIN_OPSET; opset <= OnnxExporter.MAX_OPSET; opset++) {
            OnnxExporter exporter = OnnxExporter.defaults().withOpset(opset);
            assertThat(exporter.opset()).isEqualTo(opset);
            assertThat(largestError(runOnnx(exporter.toByteArray(net), x, Precision.DOUBLE), expected, false))
                    .as("opset %d, double", opset).isLessThanOrEqualTo(DOUBLE_TOLERANCE);
            OnnxExporter single = exporter.withPrecision(Precision.FLOAT);
            assertThat(largestError(runOnnx(single.toByteArray(net), x, Precision.FLOAT), expected, true))
                    .as("opset %d, float", opset).isLessThanOrEqualTo(FLOAT_TOLERANCE);
        }
    }

    @Test
    void modelDeclaresItsInputOutputAndMetadata() throws OrtException {
        Network net = Network.builder().input(4).dense(6, Activation.relu()).dense(3, Activation.softmax())
                .loss(Loss.crossEntropy()).seed(11).build();
        for (Precision precision : Precision.values()) {
            byte[] model = OnnxExporter.defaults().withPrecision(precision).toByteArray(net);
            OnnxJavaType type = precision == Precision.DOUBLE ? OnnxJavaType.DOUBLE : OnnxJavaType.FLOAT;
            try (OrtSession session = ort.createSession(model, new OrtSession.SessionOptions())) {
                assertThat(session.getInputNames()).containsExactly("x");
                assertThat(session.getOutputNames()).containsExactly("y");
                TensorInfo in = (TensorInfo) session.getInputInfo().get("x").getInfo();
                TensorInfo out = (TensorInfo) session.getOutputInfo().get("y").getInfo();
                assertThat(in.getShape()).containsExactly(-1, 4);      // -1: the symbolic batch dimension N
                assertThat(out.getShape()).containsExactly(-1, 3);
                assertThat(in.type).isEqualTo(type);
                assertThat(out.type).isEqualTo(type);
                assertThat(session.getMetadata().getProducerName()).isEqualTo("mlp4j");
                assertThat(session.getMetadata().getGraphName()).isEqualTo("mlp4j");
                assertThat(session.getMetadata().getCustomMetadata())
                        .containsEntry("mlp4j.loss", "crossEntropy")
                        .containsEntry("mlp4j.seed", "11");
            }
        }
    }

    @Test
    void batchDimensionIsFree() throws OrtException {
        Network net = Network.builder().input(2).dense(3, Activation.tanh()).dense(1, Activation.sigmoid())
                .loss(Loss.binaryCrossEntropy()).seed(5).build();
        byte[] model = OnnxExporter.defaults().toByteArray(net);
        Rng rng = new Rng(5);
        for (int rows : new int[] {1, 2, 300}) {
            double[][] x = randomInputs(rng, rows, 2);
            assertThat(largestError(runOnnx(model, x, Precision.DOUBLE), net.predict(x), false))
                    .isLessThanOrEqualTo(DOUBLE_TOLERANCE);
        }
    }

    @Test
    void sameNetworkGivesSameBytes() {
        Network a = Network.builder().input(3).dense(4, Activation.leakyRelu(0.01)).dense(2, Activation.softmax())
                .loss(Loss.crossEntropy()).seed(9).build();
        Network b = Network.builder().input(3).dense(4, Activation.leakyRelu(0.01)).dense(2, Activation.softmax())
                .loss(Loss.crossEntropy()).seed(9).build();
        assertThat(OnnxExporter.defaults().toByteArray(a)).isEqualTo(OnnxExporter.defaults().toByteArray(b));
        assertThat(OnnxExporter.defaults().toByteArray(a)).isNotEqualTo(
                OnnxExporter.defaults().withPrecision(Precision.FLOAT).toByteArray(a));
    }

    @Test
    void writesFilesAndStreams(@TempDir Path dir) throws IOException, OrtException {
        Network net = Network.builder().input(2).dense(2, Activation.sigmoid()).loss(Loss.mse()).seed(1).build();
        byte[] expected = OnnxExporter.defaults().toByteArray(net);
        Path file = dir.resolve("model.onnx");
        Files.write(file, new byte[] {1, 2, 3});                        // replaced, not appended to
        OnnxExporter.write(net, file);
        assertThat(Files.readAllBytes(file)).isEqualTo(expected);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);                    // no temporary file left behind
        }
        Path plain = Files.write(dir.resolve("plain.bin"), new byte[] {1});
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {   // as readable as any new file
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(plain));
        }
        Files.delete(plain);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        OnnxExporter.write(net, stream);
        assertThat(stream.toByteArray()).isEqualTo(expected);
        try (OrtSession session = ort.createSession(file.toString(), new OrtSession.SessionOptions())) {
            assertThat(session.getNumInputs()).isEqualTo(1);
        }
    }

    @Test
    void dropoutIsWrittenAsIdentityAndTheModelStillReproducesPredict() throws OrtException {
        Network net = Network.builder().input(3).dense(4, Activation.relu()).dropout(0.5)
                .dense(2, Activation.softmax()).loss(Loss.crossEntropy()).seed(2).build();
        byte[] model = OnnxExporter.defaults().toByteArray(net);
        assertThat(new String(model, StandardCharsets.ISO_8859_1)).contains("Identity", "dropout2");
        double[][] x = randomInputs(new Rng(2), 10, 3);
        assertThat(largestError(runOnnx(model, x, Precision.DOUBLE), net.predict(x), false))
                .isLessThanOrEqualTo(DOUBLE_TOLERANCE);             // dropout is off at prediction
    }

    @Test
    void rejectsWhatOnnxCannotExpress() {
        Layer custom = new WrappedDense(new Dense(2, 2, Activation.tanh()));
        Network withLayer = Network.builder().input(2).dense(2, Activation.relu()).layer(custom)
                .loss(Loss.mse()).build();
        assertThatThrownBy(() -> OnnxExporter.defaults().toByteArray(withLayer))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("writes Dense and Dropout layers itself, but layer 2 is of class")
                .hasMessageContaining("WrappedDense").hasMessageContaining("withLayerWriter(WrappedDense.class");

        Activation square = new Square();
        Network withActivation = Network.builder().input(2).dense(2, square).loss(Loss.mse()).build();
        assertThatThrownBy(() -> OnnxExporter.defaults().toByteArray(withActivation))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("built-in activations only, but layer 1 uses square");

        assertThatThrownBy(() -> OnnxExporter.defaults().withOpset(12))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 13 and 21, but was 12");
        assertThatThrownBy(() -> OnnxExporter.defaults().withOpset(22))
                .hasMessageContaining("but was 22");
        assertThatThrownBy(() -> OnnxExporter.defaults().withPrecision(null))
                .isInstanceOf(NullPointerException.class).hasMessage("precision");
        Network fine = Network.builder().input(2).dense(2, Activation.relu()).loss(Loss.mse()).build();
        assertThatThrownBy(() -> OnnxExporter.write(fine, Path.of("/")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no file");
        assertThatThrownBy(() -> OnnxExporter.defaults().toByteArray(null))
                .isInstanceOf(NullPointerException.class).hasMessage("network");
    }

    @Test
    void irVersionIsTheLowestThatAllowsTheOpset() {
        // ONNX's table: opsets 13-14 came with IR 7, 15-18 with IR 8, 19-20 with IR 9, 21 with IR 10
        assertThat(OnnxExporter.irVersion(13)).isEqualTo(7);
        assertThat(OnnxExporter.irVersion(14)).isEqualTo(7);
        assertThat(OnnxExporter.irVersion(15)).isEqualTo(8);
        assertThat(OnnxExporter.irVersion(18)).isEqualTo(8);
        assertThat(OnnxExporter.irVersion(19)).isEqualTo(9);
        assertThat(OnnxExporter.irVersion(20)).isEqualTo(9);
        assertThat(OnnxExporter.irVersion(21)).isEqualTo(10);
    }

    /** A layer that is not a {@link Dense}, although it computes the same thing. */
    private static final class WrappedDense implements Layer {
        private final Dense dense;

        WrappedDense(Dense dense) {
            this.dense = dense;
        }

        @Override
        public int inputSize() {
            return dense.inputSize();
        }

        @Override
        public int outputSize() {
            return dense.outputSize();
        }

        @Override
        public Activation activation() {
            return dense.activation();
        }

        @Override
        public int parameterCount() {
            return dense.parameterCount();
        }

        @Override
        public void initialize(double[] theta, int offset, RandomGenerator random) {
            dense.initialize(theta, offset, random);
        }

        @Override
        public void forward(double[] theta, int offset, double[][] in, double[][] z, double[][] a, int from, int to) {
            dense.forward(theta, offset, in, z, a, from, to);
        }

        @Override
        public void backward(double[] theta, int offset, double[][] in, double[][] delta, int from, int to,
                double[] gradient, int gradientOffset, double[][] gradIn) {
            dense.backward(theta, offset, in, delta, from, to, gradient, gradientOffset, gradIn);
        }
    }

    /** An activation ONNX export does not know: f(z) = z². */
    private static final class Square implements Activation {
        @Override
        public String name() {
            return "square";
        }

        @Override
        public void forward(double[][] z, double[][] a, int from, int to, int width) {
            for (int i = from; i < to; i++) {
                for (int j = 0; j < width; j++) {
                    a[i][j] = z[i][j] * z[i][j];
                }
            }
        }

        @Override
        public void backward(double[][] z, double[][] a, double[][] gradA, double[][] gradZ, int from, int to,
                int width) {
            for (int i = from; i < to; i++) {
                for (int j = 0; j < width; j++) {
                    gradZ[i][j] = 2 * z[i][j] * gradA[i][j];
                }
            }
        }
    }
}
