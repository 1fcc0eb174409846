package io.github.mlp4j.io;

import static io.github.mlp4j.io.ModelSamples.assertSameBits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlp4j.Activation;
import io.github.mlp4j.GradientCheck;
import io.github.mlp4j.Layer;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.internal.Rng;
import io.github.mlp4j.layer.Dense;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User layers in model files: a registered kind saves and loads; an unregistered one is refused clearly. */
class LayerKindsTest {
    static final String KIND = "io.github.mlp4j.test.scale";

    @TempDir
    Path dir;

    @BeforeAll
    static void register() {
        LayerKinds.register(KIND, ScaleLayer.class, ScaleLayer.CODEC);
    }

    /** 3 inputs → dense 4 tanh → scale(×0.5, "half") tanh → dense 2 identity, mse, with trained-looking parameters. */
    static Network networkWithAUserLayer() {
        Network net = Network.builder().input(3).dense(4, Activation.tanh())
                .layer(new ScaleLayer(4, 0.5, "half ½", Activation.tanh())).dense(2, Activation.identity())
                .loss(Loss.mse()).seed(5).build();
        Rng rng = new Rng(6);
        double[] theta = new double[net.parameterCount()];
        for (int p = 0; p < theta.length; p++) {
            theta[p] = rng.nextDouble(-1.5, 1.5);
        }
        net.setParameters(theta);
        return net;
    }

    @Test
    void theTestLayerHasACorrectGradient() {
        Network net = networkWithAUserLayer();
        double[][] x = ModelSamples.inputs(new Rng(8), 5, 3);
        double[][] y = ModelSamples.inputs(new Rng(9), 5, 2);
        assertThat(GradientCheck.network(net, x, y).passes(1e-6)).isTrue();
    }

    @Test
    void aRegisteredUserLayerSavesAndLoadsBitForBit() throws IOException {
        Network net = networkWithAUserLayer();
        Path file = dir.resolve("user.mlp4j");
        Model.of(net).save(file);
        Network back = Model.load(file).network();
        assertThat(back.layers()).hasSize(3);
        assertThat(back.layers().get(0)).isInstanceOf(Dense.class);
        Layer scale = back.layers().get(1);
        assertThat(scale).isInstanceOf(ScaleLayer.class);
        assertThat(((ScaleLayer) scale).factor()).isEqualTo(0.5);
        assertThat(((ScaleLayer) scale).label()).isEqualTo("half ½");
        assertThat(scale.activation()).isEqualTo(Activation.tanh());
        assertSameBits(back.parameters(), net.parameters());
        double[][] x = ModelSamples.inputs(new Rng(7), 20, 3);
        assertSameBits(back.predict(x), net.predict(x));
        assertThat(ModelWriter.toBytes(Model.load(file))).isEqualTo(Files.readAllBytes(file));
        assertThat(LayerKinds.kinds()).contains(LayerKinds.DENSE, KIND);
    }

    @Test
    void savingAnUnregisteredLayerNamesItsClassAndHowToRegisterIt() {
        Network net = Network.builder().input(2).layer(new Unregistered(2)).loss(Loss.mse()).build();
        assertThatThrownBy(() -> ModelWriter.toBytes(Model.of(net))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Layer 1 is of class " + Unregistered.class.getName())
                .hasMessageContaining("not a registered layer kind")
                .hasMessageContaining("LayerKinds.register(\"com.example.unregistered\", Unregistered.class, codec)");
    }

    @Test
    void loadingAnUnknownKindNamesItAndHowToRegisterIt() {
        byte[] model = ModelWriter.toBytes(Model.of(networkWithAUserLayer()));
        byte[] renamed = ModelReaderTest.replaceString(model, KIND, "com.example.missing");
        assertThatThrownBy(() -> ModelReader.fromBytes(renamed)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("network.layers[1].kind is \"com.example.missing\", a layer kind that is not"
                        + " registered in this JVM")
                .hasMessageContaining("LayerKinds.register(\"com.example.missing\", YourLayer.class, codec)")
                .hasMessageContaining("(field network.layers[1].kind at byte offset ");
    }

    @Test
    void aDamagedConfigurationIsAFormatError() {
        byte[] model = ModelWriter.toBytes(Model.of(networkWithAUserLayer()));
        // the label's length, inside the scale layer's configuration, claims more than the configuration holds
        int at = ModelReaderTest.indexOfString(model, "half ½");
        Format.putInt32(model, at, 1000);
        assertThatThrownBy(() -> ModelReader.fromBytes(ModelSamples.reseal(model)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("network.layers[1].config ends inside the value label")
                .hasMessageContaining("(field network.layers[1].config.label at byte offset ");
        byte[] nan = ModelWriter.toBytes(Model.of(networkWithAUserLayer()));
        Format.putInt32(nan, at - 8, 0);
        Format.putInt32(nan, at - 4, 0x7FF80000);                            // factor = NaN, its high word last
        assertThatThrownBy(() -> ModelReader.fromBytes(ModelSamples.reseal(nan)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("network.layers[1].config.factor is NaN but must be finite");
    }

    @Test
    void registrationRulesKeepOneNamePerClass() {
        LayerCodec<Unregistered> codec = LayerCodec.of((l, c) -> { }, (c, in, out, f) -> new Unregistered(in));
        assertThatThrownBy(() -> LayerKinds.register("has space", Unregistered.class, codec))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a valid name");
        assertThatThrownBy(() -> LayerKinds.register(LayerKinds.DENSE, Unregistered.class, codec))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is built in");
        assertThatThrownBy(() -> LayerKinds.register(KIND, Unregistered.class, codec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is already registered for " + ScaleLayer.class.getName());
        assertThatThrownBy(() -> LayerKinds.register("other.scale", ScaleLayer.class, ScaleLayer.CODEC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is already registered as the layer kind \"" + KIND + "\"");
        LayerKinds.register(KIND, ScaleLayer.class, ScaleLayer.CODEC);     // the same again is allowed
    }

    @Test
    void aCodecThatDoesNotReadBackWhatItWritesIsRefusedOnSave() {
        LayerKinds.register("io.github.mlp4j.test.forgetful", Forgetful.class, LayerCodec.of(
                (layer, config) -> config.int32(7),
                (config, in, out, f) -> new Forgetful(in)));                  // never reads the 7
        Network net = Network.builder().input(2).layer(new Forgetful(2)).loss(Loss.mse()).build();
        assertThatThrownBy(() -> ModelWriter.toBytes(Model.of(net))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The codec of layer kind \"io.github.mlp4j.test.forgetful\" does not read back"
                        + " what it writes for network.layers[0]: it leaves 4 of the 4 bytes it wrote unread");
    }

    /** A linear user layer with no parameters and no codec. */
    static class Unregistered implements Layer {
        private final int size;

        Unregistered(int size) {
            this.size = size;
        }

        @Override
        public int inputSize() {
            return size;
        }

        @Override
        public int outputSize() {
            return size;
        }

        @Override
        public Activation activation() {
            return Activation.identity();
        }

        @Override
        public int parameterCount() {
            return 0;
        }

        @Override
        public void initialize(double[] theta, int offset, java.util.random.RandomGenerator random) {
        }

        @Override
        public void forward(double[] theta, int offset, double[][] in, double[][] z, double[][] a, int from, int to) {
            for (int i = from; i < to; i++) {
                System.arraycopy(in[i], 0, z[i], 0, size);
                System.arraycopy(in[i], 0, a[i], 0, size);
            }
        }

        @Override
        public void backward(double[] theta, int offset, double[][] in, double[][] delta, int from, int to,
                double[] gradient, int gradientOffset, double[][] gradIn) {
            if (gradIn != null) {
                for (int i = from; i < to; i++) {
                    System.arraycopy(delta[i], 0, gradIn[i], 0, size);
                }
            }
        }
    }

    /** Another class, for a codec with a bug. */
    static final class Forgetful extends Unregistered {
        Forgetful(int size) {
            super(size);
        }
    }
}
