package io.github.mlp4j.io;

import static io.github.mlp4j.io.ModelSamples.assertSameBits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Layer;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.internal.Rng;
import io.github.mlp4j.layer.Dense;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelWriterTest {
    @TempDir
    Path dir;

    @Test
    void everyActivationAndLossRoundTripsBitForBit() throws IOException {
        Rng rng = new Rng(2024);
        int checked = 0;
        for (int trial = 0; trial < 20; trial++) {
            for (Activation head : ModelSamples.activations(rng)) {
                for (Loss loss : List.of(Loss.mse(), Loss.binaryCrossEntropy(), Loss.crossEntropy())) {
                    if (loss.name().equals("binaryCrossEntropy") && !head.name().equals("sigmoid")
                            || loss.name().equals("crossEntropy") && !head.name().equals("softmax")) {
                        continue;                                            // unsound pairings cannot be built
                    }
                    Network net = ModelSamples.randomNetwork(rng, loss, head);
                    Network back = ModelReader.fromBytes(ModelWriter.toBytes(Model.of(net))).network();
                    assertThat(back.toString()).isEqualTo(net.toString());
                    assertThat(back.lossFunction()).isSameAs(net.lossFunction());
                    assertThat(back.seed()).isEqualTo(net.seed());
                    for (int l = 0; l < net.layers().size(); l++) {
                        assertThat(back.layers().get(l).activation()).isEqualTo(net.layers().get(l).activation());
                    }
                    assertSameBits(back.parameters(), net.parameters());
                    double[][] x = ModelSamples.inputs(rng, 50, net.inputSize());
                    assertSameBits(back.predict(x), net.predict(x));
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(20 * (6 + 1 + 1));                    // mse with each head, bce, ce
    }

    @Test
    void pathAndStreamRoundTripsKeepScalingClassNamesAndProvenance() throws IOException {
        Model model = ModelSamples.small();
        Path file = dir.resolve("iris.mlp4j");
        model.save(file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.save(out);
        assertThat(Files.readAllBytes(file)).isEqualTo(out.toByteArray()).isEqualTo(ModelSamples.smallBytes());
        for (Model back : List.of(Model.load(file), Model.load(new ByteArrayInputStream(out.toByteArray())))) {
            assertThat(back.scaling()).isEqualTo(model.scaling());
            assertThat(back.classNames()).containsExactly("setosa", "versicolor", "virginica");
            assertThat(back.provenance()).isEqualTo(model.provenance());
            assertThat(back.provenance().settings()).containsExactly(Map.entry("epochs", "300"),
                    Map.entry("learningRate", "0.05"));
            double[][] raw = ModelSamples.inputs(new Rng(3), 20, 3);
            assertSameBits(back.predict(raw), model.predict(raw));
            assertThat(back.predictClassName(raw[0])).isEqualTo(model.predictClassName(raw[0]));
        }
    }

    @Test
    void minMaxScalingRoundTrips() throws IOException {
        Network net = ModelSamples.randomNetwork(new Rng(5), Loss.mse(), Activation.identity());
        int width = net.inputSize();
        double[] min = new double[width];
        double[] max = new double[width];
        for (int j = 0; j < width; j++) {
            min[j] = -j - 0.5;
            max[j] = j == 0 ? min[j] : 2.0 * j;                              // column 0 is constant
        }
        Model model = Model.of(net).withScaling(Scaling.minMax(min, max, -1.0, 1.0));
        Model back = ModelReader.fromBytes(ModelWriter.toBytes(model));
        assertThat(back.scaling()).isEqualTo(model.scaling());
        double[][] raw = ModelSamples.inputs(new Rng(6), 10, width);
        assertSameBits(back.predict(raw), model.predict(raw));
    }

    @Test
    void networkConvenienceMethodsRoundTrip() throws IOException {
        Network net = ModelSamples.randomNetwork(new Rng(8), Loss.binaryCrossEntropy(), Activation.sigmoid());
        Path file = dir.resolve("net.mlp4j");
        net.save(file);
        Network back = Network.load(file);
        assertSameBits(back.parameters(), net.parameters());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        net.save(out);
        assertSameBits(Network.load(new ByteArrayInputStream(out.toByteArray())).parameters(), net.parameters());
        assertThat(Model.load(file).provenance().seed()).isEqualTo(net.seed());
    }

    @Test
    void aStreamOfSeveralModelsIsReadOneAtATimeAndLeftRightAfterEach() throws IOException {
        Rng rng = new Rng(9);
        Network a = ModelSamples.randomNetwork(rng, Loss.mse(), Activation.tanh());
        Network b = ModelSamples.randomNetwork(rng, Loss.crossEntropy(), Activation.softmax());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        a.save(out);
        b.save(out);
        out.write(new byte[] {42, 43});
        InputStream in = new ByteArrayInputStream(out.toByteArray());
        assertSameBits(Network.load(in).parameters(), a.parameters());
        assertSameBits(Network.load(in).parameters(), b.parameters());
        assertThat(in.readAllBytes()).containsExactly(42, 43);               // nothing was over-read
    }

    @Test
    void savingReplacesTheFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("m.mlp4j");
        Network first = ModelSamples.randomNetwork(new Rng(10), Loss.mse(), Activation.relu());
        Network second = ModelSamples.randomNetwork(new Rng(11), Loss.mse(), Activation.relu());
        first.save(file);
        second.save(file);
        assertSameBits(Network.load(file).parameters(), second.parameters());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("m.mlp4j");
        }
    }

    @Test
    void theNextSaveRemovesTemporaryFilesThatAKilledSaveLeftBehind() throws IOException {
        Path file = dir.resolve("m.mlp4j");
        Path leftover = dir.resolve(".m.mlp4j.mlp4j-tmp-00000000deadbeef");
        Path other = dir.resolve(".other.mlp4j.mlp4j-tmp-00000000deadbeef");   // belongs to another path
        Files.write(leftover, new byte[] {1, 2, 3});
        Files.write(other, new byte[] {1, 2, 3});
        ModelSamples.small().save(file);
        assertThat(leftover).doesNotExist();
        assertThat(other).exists();
        assertThat(file).exists();
    }

    @Test
    void aFailedSaveLeavesThePreviousFileIntact() throws IOException {
        Path file = dir.resolve("m.mlp4j");
        ModelSamples.small().save(file);
        byte[] before = Files.readAllBytes(file);
        Network custom = Network.builder().input(2).layer(new Wrapped(new Dense(2, 1, Activation.sigmoid())))
                .loss(Loss.binaryCrossEntropy()).build();
        assertThatThrownBy(() -> custom.save(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Layer 1 is of class io.github.mlp4j.io.ModelWriterTest$Wrapped")
                .hasMessageContaining("not a registered layer kind")
                .hasMessageContaining("LayerKinds.register(\"com.example.wrapped\", Wrapped.class, codec)");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        Path directory = dir.resolve("a-directory");
        Files.createDirectory(directory);
        Files.write(directory.resolve("inside"), new byte[] {1});
        assertThatThrownBy(() -> ModelSamples.small().save(directory)).isInstanceOf(IOException.class);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("m.mlp4j", "a-directory");
        }
    }

    @Test
    void savingIntoAMissingFolderFailsWithoutCreatingIt() {
        Path file = dir.resolve("missing").resolve("m.mlp4j");
        assertThatThrownBy(() -> ModelSamples.small().save(file)).isInstanceOf(IOException.class);
        assertThat(dir.resolve("missing")).doesNotExist();
    }

    @Test
    void customActivationsCannotBeSaved() {
        Activation square = new Activation() {
            @Override
            public String name() {
                return "square";
            }

            @Override
            public void forward(double[][] z, double[][] a, int from, int to, int width) {
            }

            @Override
            public void backward(double[][] z, double[][] a, double[][] gradA, double[][] gradZ, int from, int to,
                    int width) {
            }
        };
        Network net = Network.builder().input(1).dense(1, square).loss(Loss.mse()).build();
        assertThatThrownBy(() -> ModelWriter.toBytes(Model.of(net))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Layer 1 uses the activation square")
                .hasMessageContaining("use a built-in activation");
    }

    @Test
    void modelArgumentsAreChecked() {
        Network net = ModelSamples.randomNetwork(new Rng(12), Loss.crossEntropy(), Activation.softmax());
        Model model = Model.of(net);
        int outputs = net.outputSize();
        assertThatThrownBy(() -> model.withClassNames(List.of("a"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has " + outputs + " outputs but 1 class names were given [a]");
        assertThatThrownBy(() -> model.withScaling(Scaling.standard(new double[9], new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fitted on 9 columns");
        assertThatThrownBy(() -> Scaling.standard(new double[] {0}, new double[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scale[0] must be positive");
        assertThatThrownBy(() -> Scaling.minMax(new double[] {1}, new double[] {0}, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max[0] = 0.0 is below min[0]");
        assertThatThrownBy(() -> model.predictClassName(new double[net.inputSize()]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("names 0 classes");
    }

    @Test
    void scalingsApplyTheirFormulas() {
        // standard: (4 − 1) / 2 = 1.5; min-max: −1 + (4 − 0) / (8 − 0) · (1 − (−1)) = 0; constant column → lower
        assertThat(Scaling.standard(new double[] {1}, new double[] {2}).apply(new double[] {4})).containsExactly(1.5);
        assertThat(Scaling.minMax(new double[] {0, 3}, new double[] {8, 3}, -1, 1).apply(new double[] {4, 7}))
                .containsExactly(0.0, -1.0);
    }

    /** A layer that is not a Dense, which model files cannot describe. */
    private record Wrapped(Dense inner) implements Layer {
        @Override
        public int inputSize() {
            return inner.inputSize();
        }

        @Override
        public int outputSize() {
            return inner.outputSize();
        }

        @Override
        public Activation activation() {
            return inner.activation();
        }

        @Override
        public int parameterCount() {
            return inner.parameterCount();
        }

        @Override
        public void initialize(double[] theta, int offset, RandomGenerator random) {
            inner.initialize(theta, offset, random);
        }

        @Override
        public void forward(double[] theta, int offset, double[][] inputs, double[][] z, double[][] a, int from, int to) {
            inner.forward(theta, offset, inputs, z, a, from, to);
        }

        @Override
        public void backward(double[] theta, int offset, double[][] inputs, double[][] delta, int from, int to,
                double[] gradient, int gradientOffset, double[][] gradInputs) {
            inner.backward(theta, offset, inputs, delta, from, to, gradient, gradientOffset, gradInputs);
        }
    }
}
