package io.github.mlp4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed model files: the catalogue of docs/errors.md (one test per entry, asserting its
 * message), then every truncation, every single-bit flip and every size-field edit of a small model.
 */
class ModelReaderTest {
    @TempDir
    Path dir;

    /** Where layer 0's outputSize is in a version-2 file: after the header, seed, inputSize, layerCount and kind "dense". */
    static final int LAYER_0_OUTPUT_SIZE = 16 + 8 + 4 + 4 + 4 + 5;

    // ----------------------------------------------------------------------------------------
    // The catalogue of docs/errors.md, "Model files"

    @Test
    void emptyFile() throws IOException {
        assertFileFails(new byte[0]).hasMessageContaining("The input is empty")
                .hasMessageContaining("(field header.magic at byte offset 0)");
    }

    @Test
    void notAModel() throws IOException {
        byte[] csv = "a,b\n1,2\n3,4\n".getBytes(StandardCharsets.US_ASCII);
        assertFileFails(csv).hasMessageContaining("This is not an mlp4j model: it starts with 61 2C 62 0A 31 2C 32 0A")
                .hasMessageContaining("magic number 89 4D 4C 50 34 4A 0D 0A")
                .hasMessageContaining("(field header.magic at byte offset 0)");
    }

    @Test
    void textModeTransferChangedTheLineEnd() throws IOException {
        byte[] model = ModelSamples.smallBytes();
        byte[] unix = new byte[model.length - 1];                           // "\r\n" became "\n"
        System.arraycopy(model, 0, unix, 0, 6);
        System.arraycopy(model, 7, unix, 6, model.length - 7);
        assertFileFails(unix).hasMessageContaining("byte 6 differs").hasMessageContaining("at byte offset 6)");
    }

    @Test
    void truncatedHeader() throws IOException {
        assertFileFails(Arrays.copyOf(ModelSamples.smallBytes(), 10))
                .hasMessageContaining("The model is truncated: the input ends after 10 bytes, inside its 16-byte header")
                .hasMessageContaining("(field header.version at byte offset 8)");
    }

    @Test
    void unknownVersion() throws IOException {
        byte[] model = ModelSamples.smallBytes();
        Format.putInt32(model, 8, 3);
        assertFileFails(ModelSamples.reseal(model))
                .hasMessageContaining("The model has format version 3, but this mlp4j reads versions 1 to 2")
                .hasMessageContaining("A newer mlp4j may read it");
    }

    @Test
    void negativeBodyLength() throws IOException {
        byte[] model = ModelSamples.smallBytes();
        Format.putInt32(model, 12, -1);
        assertFileFails(model).hasMessageContaining("The body length is -1 bytes, outside 0 to 2147483583")
                .hasMessageContaining("(field header.bodyLength at byte offset 12)");
    }

    @Test
    void truncatedBody() throws IOException {
        byte[] model = ModelSamples.smallBytes();
        assertFileFails(Arrays.copyOf(model, 100))
                .hasMessageContaining("The model is truncated: its header gives a length of " + model.length
                        + " bytes but the file ends after 100")
                .hasMessageContaining("(field body at byte offset 100)");
    }

    @Test
    void bytesAfterTheModel() throws IOException {
        byte[] model = ModelSamples.smallBytes();
        byte[] appended = Arrays.copyOf(model, model.length + 3);
        assertFileFails(appended).hasMessageContaining("The file has " + (model.length + 3)
                + " bytes but the model in it ends after " + model.length)
                .hasMessageContaining("a model file must hold nothing after the model")
                .hasMessageContaining("(field end of model at byte offset " + model.length + ")");
    }

    @Test
    void flippedBit() throws IOException {
        byte[] model = ModelSamples.smallBytes();
        model[200] ^= 0x10;
        assertFileFails(model).hasMessageContaining("The checksum does not match: the model stores CRC-32C")
                .hasMessageContaining("so some byte of it was changed")
                .hasMessageContaining("(field checksum at byte offset " + (model.length - 4) + ")");
    }

    @Test
    void streamLongerThanItsLimit() {
        byte[] model = ModelSamples.smallBytes();
        assertThatThrownBy(() -> ModelReader.read(new ByteArrayInputStream(model), 100))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("The header announces a model of " + model.length
                        + " bytes, more than the limit of 100 for this stream")
                .hasMessageContaining("(field header.bodyLength at byte offset 12)");
        assertThatThrownBy(() -> ModelReader.read(new ByteArrayInputStream(model), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBytes must be at least 1");
    }

    @Test
    void unknownActivation() throws IOException {
        byte[] model = replaceString(ModelSamples.smallBytes(), "tanh", "swish");
        assertFileFails(model).hasMessageContaining("network.layers[0].activation is \"swish\", which this mlp4j"
                + " does not know; expected sigmoid, tanh, relu, leakyRelu, identity or softmax")
                .hasMessageContaining("(field network.layers[0].activation at byte offset 45)");
    }

    @Test
    void unknownLoss() throws IOException {
        byte[] model = replaceString(ModelSamples.smallBytes(), "crossEntropy", "focal");
        assertFileFails(model).hasMessageContaining("network.loss is \"focal\", which this mlp4j does not know;"
                + " expected mse, binaryCrossEntropy or crossEntropy");
    }

    @Test
    void unsoundLossForItsOutput() throws IOException {
        byte[] model = replaceString(ModelSamples.smallBytes(), "crossEntropy", "binaryCrossEntropy");
        assertFileFails(model).hasMessageContaining("The network section does not describe a valid network:"
                + " binaryCrossEntropy needs a sigmoid output layer")
                .hasMessageContaining("(field network at byte offset 16)");
    }

    @Test
    void hugeLayerCount() throws IOException {
        byte[] model = ModelSamples.smallBytes();
        Format.putInt32(model, 28, 0x7FFFFFFF);                              // after magic, version, length, seed, inputSize
        assertFileFails(ModelSamples.reseal(model)).hasMessageContaining("network.layerCount is 2147483647, which needs"
                + " at least 42949672940 bytes, but only")
                .hasMessageContaining("(field network.layerCount at byte offset 28)");
    }

    @Test
    void negativeLayerSize() throws IOException {
        byte[] model = ModelSamples.smallBytes();
        Format.putInt32(model, LAYER_0_OUTPUT_SIZE, -4);
        assertFileFails(ModelSamples.reseal(model))
                .hasMessageContaining("network.layers[0].outputSize is -4 but must be at least 1")
                .hasMessageContaining("at byte offset 41)");
    }

    @Test
    void layersLargerThanTheFile() throws IOException {
        byte[] model = ModelSamples.smallBytes();
        Format.putInt32(model, LAYER_0_OUTPUT_SIZE, 1 << 30);
        assertFileFails(ModelSamples.reseal(model)).hasMessageContaining("network.layers[0]")
                .hasMessageContaining((4L * (1 << 30)) + " parameters");
    }

    @Test
    void parameterCountDisagreesWithTheLayers() throws IOException {
        byte[] model = ModelSamples.smallBytes();
        int at = indexOfString(model, "crossEntropy") + 4 + "crossEntropy".length();
        Format.putInt32(model, at, 42);
        assertFileFails(ModelSamples.reseal(model))
                .hasMessageContaining("network.parameterCount is 42 but the layers need 43")
                .hasMessageContaining("(field network.parameterCount at byte offset " + at + ")");
    }

    @Test
    void parameterThatIsNotFinite() throws IOException {
        byte[] model = ModelSamples.smallBytes();
        int first = indexOfString(model, "crossEntropy") + 4 + "crossEntropy".length() + 4;
        byte[] nan = new byte[8];
        long bits = Double.doubleToRawLongBits(Double.NaN);
        Format.putInt32(nan, 0, (int) bits);
        Format.putInt32(nan, 4, (int) (bits >>> 32));
        System.arraycopy(nan, 0, model, first + 3 * 8, 8);
        assertFileFails(ModelSamples.reseal(model))
                .hasMessageContaining("network.parameters[3] is NaN but must be finite")
                .hasMessageContaining("at byte offset " + (first + 24) + ")");
    }

    @Test
    void unknownScalingKind() throws IOException {
        byte[] model = replaceString(ModelSamples.smallBytes(), "standard", "robust");
        assertFileFails(model).hasMessageContaining("scaling.kind is \"robust\", which this mlp4j does not know;"
                + " expected none, standard or minmax");
    }

    @Test
    void invalidScalingValues() throws IOException {
        byte[] model = ModelSamples.smallBytes();
        int at = indexOfString(model, "standard") + 4 + "standard".length() + 4 + 3 * 8;   // scale[0], after mean
        Arrays.fill(model, at, at + 8, (byte) 0);                            // scale[0] = 0
        assertFileFails(ModelSamples.reseal(model)).hasMessageContaining("The scaling section does not describe a"
                + " valid model: scale[0] must be positive and finite, but was 0.0");
    }

    @Test
    void classNamesThatDoNotFitTheOutputs() throws IOException {
        byte[] model = ModelSamples.smallBytes();
        int count = indexOfString(model, "setosa") - 4;
        byte[] withoutLast = splice(model, indexOfString(model, "virginica"), indexOfString(model, "virginica") + 4 + 9,
                new byte[0]);
        Format.putInt32(withoutLast, count, 2);
        assertFileFails(ModelSamples.reseal(withoutLast)).hasMessageContaining("The classNames section does not"
                + " describe a valid model: The network has 3 outputs but 2 class names were given [setosa, versicolor]");
    }

    @Test
    void invalidUtf8() throws IOException {
        byte[] model = ModelSamples.smallBytes();
        model[indexOfString(model, "setosa") + 4] = (byte) 0xC3;             // a lead byte without its follower
        assertFileFails(ModelSamples.reseal(model)).hasMessageContaining("classNames[0] is not valid UTF-8");
    }

    @Test
    void leftoverBytesInTheBody() throws IOException {
        byte[] model = ModelSamples.smallBytes();
        int end = model.length - 4;
        assertFileFails(splice(model, end, end, new byte[] {0, 0}))
                .hasMessageContaining("The body has 2 bytes left after its last field")
                .hasMessageContaining("(field body at byte offset " + end + ")");
    }

    @Test
    void duplicateSetting() throws IOException {
        byte[] model = replaceString(ModelSamples.smallBytes(), "learningRate", "epochs");
        assertFileFails(model).hasMessageContaining("provenance.settings has the key \"epochs\" twice");
    }

    // ----------------------------------------------------------------------------------------
    // Exhaustive: every truncation, every single-bit flip, every size-field edit

    @Test
    void everyTruncationIsRefused() throws IOException {
        byte[] model = ModelSamples.smallBytes();
        Path file = dir.resolve("t.mlp4j");
        for (int length = 0; length < model.length; length++) {
            byte[] cut = Arrays.copyOf(model, length);
            expectFormatError(() -> ModelReader.fromBytes(cut), "bytes", length);
            InputStream in = new ByteArrayInputStream(cut);
            expectFormatError(() -> ModelReader.read(in), "stream", length);
            Files.write(file, cut);
            expectFormatError(() -> ModelReader.load(file), "file", length);
        }
    }

    @Test
    void everySingleBitFlipIsRefused() throws IOException {
        byte[] model = ModelSamples.smallBytes();
        Path file = dir.resolve("f.mlp4j");
        for (int bit = 0; bit < 8 * model.length; bit++) {
            byte[] flipped = model.clone();
            flipped[bit >>> 3] ^= (byte) (1 << (bit & 7));
            expectFormatError(() -> ModelReader.fromBytes(flipped), "bytes", bit);
            InputStream in = new ByteArrayInputStream(flipped);
            expectFormatError(() -> ModelReader.read(in), "stream", bit);
            // files differ from arrays only in how the header's length is checked against the file's
            // size: flip every bit of the header and the checksum there, and every 7th bit elsewhere
            if (bit < 8 * Format.HEADER || bit >= 8 * (model.length - Format.TRAILER) || bit % 7 == 0) {
                Files.write(file, flipped);
                expectFormatError(() -> ModelReader.load(file), "file", bit);
            }
        }
    }

    @Test
    void everyInt32EditWithAValidChecksumIsRefusedOrLoadsExactlyThoseBytes() {
        byte[] model = ModelSamples.smallBytes();
        int[] values = {-1, 0, 1, 2, 3, 7, 255, 1 << 16, 1 << 24, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x3FFFFFFF};
        int refused = 0;
        for (int at = 0; at + 4 <= model.length - 4; at++) {
            for (int v : values) {
                byte[] edited = model.clone();
                Format.putInt32(edited, at, v);
                ModelSamples.reseal(edited);
                try {
                    Model loaded = ModelReader.fromBytes(edited);
                    // an edit that still decodes must describe exactly what it loads
                    assertThat(ModelWriter.toBytes(loaded)).as("offset %d value %d", at, v).isEqualTo(edited);
                } catch (ModelFormatException e) {
                    assertThat(e.getMessage()).as("offset %d value %d", at, v).doesNotContain(SAFETY_NET);
                    refused++;
                }
            }
        }
        assertThat(refused).isGreaterThan(2000);                             // of 12 · 641; the rest edit doubles or text
    }

    @Test
    void aTruncatedStreamIsNotOverReadAndAStreamIsLeftAfterItsModel() throws IOException {
        byte[] model = ModelSamples.smallBytes();
        byte[] two = Arrays.copyOf(model, 2 * model.length);
        System.arraycopy(model, 0, two, model.length, model.length);
        InputStream in = new ByteArrayInputStream(two);
        ModelReader.read(in);
        assertThat(in.available()).isEqualTo(model.length);
        ModelReader.read(in);
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void aLoadedSmallModelPredictsLikeTheSavedOne() throws IOException {
        Model model = ModelSamples.small();
        Model back = ModelReader.fromBytes(ModelSamples.smallBytes());
        double[][] raw = {{0.5, -1.25, 3.0}, {1, 2, 3}};
        ModelSamples.assertSameBits(back.predict(raw), model.predict(raw));
        assertThat(back.network().toString()).isEqualTo(
                "Network(3 -> 4 tanh -> 3 leakyRelu(0.1) -> 3 softmax, loss crossEntropy, 43 parameters)");
    }

    @Test
    void anUnsoundNetworkMadeByHandIsRefused() throws IOException {
        // mse with a one-unit softmax cannot be built; a file that claims it is refused, not loaded
        Network net = Network.builder().input(1).dense(2, Activation.softmax()).loss(Loss.mse()).build();
        byte[] model = ModelWriter.toBytes(Model.of(net));
        Format.putInt32(model, LAYER_0_OUTPUT_SIZE, 1);
        int count = indexOfString(model, "mse") + 4 + 3;
        Format.putInt32(model, count, 2);                                    // 1·1 + 1 parameters
        byte[] fixed = splice(model, count + 4 + 16, count + 4 + 32, new byte[0]);
        assertFileFails(ModelSamples.reseal(fixed)).hasMessageContaining("applies softmax to 1 unit");
    }

    // ----------------------------------------------------------------------------------------

    /** The message of the decoder's safety net for unexpected runtime exceptions, which no input may reach. */
    static final String SAFETY_NET = "could not be decoded";

    interface Load {
        Object run() throws IOException;
    }

    private static void expectFormatError(Load load, String how, int index) {
        try {
            load.run();
            fail("case %d (%s) loaded", index, how);
        } catch (ModelFormatException e) {
            assertThat(e.getMessage()).as("case %d (%s)", index, how).contains("(field ");
            assertThat(e.getMessage()).as("case %d (%s)", index, how).doesNotContain(SAFETY_NET);
        } catch (IOException e) {
            fail("case %d (%s) threw %s", index, how, e);
        }
    }

    /** Asserts that loading {@code bytes} fails in the same way from a file, a stream and an array. */
    private AbstractThrowableAssert<?, ? extends Throwable> assertFileFails(byte[] bytes) throws IOException {
        Path file = dir.resolve("bad.mlp4j");
        Files.write(file, bytes);
        ModelFormatException fromFile = catchFormatError(() -> ModelReader.load(file));
        ModelFormatException fromBytes = catchFormatError(() -> ModelReader.fromBytes(bytes));
        assertThat(fromBytes.field()).isEqualTo(fromFile.field());
        assertThat(fromBytes.offset()).isEqualTo(fromFile.offset());
        if (!fromFile.field().equals("end of model")) {                     // a stream may hold more after a model
            ModelFormatException fromStream = catchFormatError(() -> ModelReader.read(new ByteArrayInputStream(bytes)));
            assertThat(fromStream.field()).isEqualTo(fromFile.field());
            assertThat(fromStream.offset()).isEqualTo(fromFile.offset());
        }
        return assertThatThrownBy(() -> ModelReader.load(file)).isInstanceOf(ModelFormatException.class);
    }

    private static ModelFormatException catchFormatError(Load load) throws IOException {
        try {
            load.run();
        } catch (ModelFormatException e) {
            return e;
        }
        throw new AssertionError("the model loaded");
    }

    /** Returns the offset of the length field of the first length-prefixed string {@code s}. */
    static int indexOfString(byte[] model, String s) {
        byte[] needle = s.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 4; i + needle.length <= model.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (model[i + j] != needle[j]) {
                    continue outer;
                }
            }
            if (Format.int32(model, i - 4) == needle.length) {
                return i - 4;
            }
        }
        throw new AssertionError(s + " not found");
    }

    /** Replaces the first length-prefixed string {@code from} by {@code to}, fixing lengths and checksum. */
    static byte[] replaceString(byte[] model, String from, String to) {
        int at = indexOfString(model, from);
        byte[] utf8 = to.getBytes(StandardCharsets.UTF_8);
        byte[] field = new byte[4 + utf8.length];
        Format.putInt32(field, 0, utf8.length);
        System.arraycopy(utf8, 0, field, 4, utf8.length);
        return splice(model, at, at + 4 + from.getBytes(StandardCharsets.UTF_8).length, field);
    }

    /** Replaces {@code model[from, to)} by {@code insert}, fixing the body length and the checksum. */
    static byte[] splice(byte[] model, int from, int to, byte[] insert) {
        byte[] out = new byte[model.length - (to - from) + insert.length];
        System.arraycopy(model, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(model, to, out, from + insert.length, model.length - to);
        Format.putInt32(out, 12, out.length - Format.HEADER - Format.TRAILER);
        return ModelSamples.reseal(out);
    }
}
