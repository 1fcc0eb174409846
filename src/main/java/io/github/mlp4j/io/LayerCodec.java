package io.github.mlp4j.io;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Layer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Saves and recreates one class of {@link Layer} in model files, so that a network holding a
 * layer of your own can be saved and loaded once the codec is registered with
 * {@link LayerKinds#register(String, Class, LayerCodec)}.
 *
 * <p>A model file already stores, for every layer, its kind, its input and output sizes, its
 * activation, and its parameters (in the network's flat θ). The codec stores only the rest of the
 * layer's configuration, such as a rate or a flag, and recreates the layer from it:
 * <pre>{@code
 * LayerKinds.register("com.example.scale", Scale.class, LayerCodec.of(
 *         (layer, config) -> config.float64(layer.factor()),
 *         (config, inputSize, outputSize, activation) -> new Scale(inputSize, config.finite("factor"))));
 * }</pre>
 * The writer checks each codec when a model is saved: what {@code write} stores must be read back
 * by {@code read} into a layer of the same class, sizes, activation and parameter count.
 *
 * @param <L> the class of layer this codec saves
 */
public interface LayerCodec<L extends Layer> {

    /**
     * Writes the configuration of {@code layer} that its sizes and activation do not already give.
     *
     * @param layer the layer being saved
     * @param config where to write; a layer with nothing more to say writes nothing
     */
    void write(L layer, Output config);

    /**
     * Returns a new layer from its configuration, as written by {@link #write}.
     *
     * @param config the configuration, to be read to its end in the order it was written
     * @param inputSize the layer's input size, from the layer before it
     * @param outputSize the layer's output size, as saved
     * @param activation the layer's activation, as saved
     * @return the layer, of the codec's class, with these sizes and activation
     * @throws ModelFormatException if the configuration is damaged (from {@link Input}'s methods)
     * @throws IllegalArgumentException if the values do not make a valid layer; the reader reports
     *     it as a {@link ModelFormatException} naming the layer
     */
    L read(Input config, int inputSize, int outputSize, Activation activation) throws ModelFormatException;

    /**
     * Returns a codec made of two functions.
     *
     * @param write writes a layer's configuration, as {@link #write} does
     * @param read recreates a layer, as {@link #read} does
     * @param <L> the class of layer
     * @return the codec
     */
    static <L extends Layer> LayerCodec<L> of(java.util.function.BiConsumer<? super L, Output> write,
            Recreator<L> read) {
        Objects.requireNonNull(write, "write");
        Objects.requireNonNull(read, "read");
        return new LayerCodec<>() {
            @Override
            public void write(L layer, Output config) {
                write.accept(layer, config);
            }

            @Override
            public L read(Input config, int inputSize, int outputSize, Activation activation)
                    throws ModelFormatException {
                return read.read(config, inputSize, outputSize, activation);
            }
        };
    }

    /**
     * The reading half of a codec, for {@link #of}.
     *
     * @param <L> the class of layer
     */
    @FunctionalInterface
    interface Recreator<L extends Layer> {
        /**
         * Returns a new layer, as {@link LayerCodec#read} does.
         *
         * @param config the configuration
         * @param inputSize the layer's input size
         * @param outputSize the layer's output size
         * @param activation the layer's activation
         * @return the layer
         * @throws ModelFormatException if the configuration is damaged
         */
        L read(Input config, int inputSize, int outputSize, Activation activation) throws ModelFormatException;
    }

    /** Where a codec writes a layer's configuration: little-endian values, as in the rest of the file. */
    final class Output {
        final Encoder encoder = new Encoder(64);

        Output() {
        }

        /**
         * Writes a 32-bit integer.
         *
         * @param value the value
         */
        public void int32(int value) {
            encoder.int32(value);
        }

        /**
         * Writes a 64-bit integer.
         *
         * @param value the value
         */
        public void int64(long value) {
            encoder.int64(value);
        }

        /**
         * Writes a double, its raw IEEE 754 bits.
         *
         * @param value the value; NaN and infinity are refused, as a reader would refuse them
         * @throws IllegalArgumentException if the value is not finite
         */
        public void float64(double value) {
            encoder.finites(new double[] {value}, "a layer's configuration value");
        }

        /**
         * Writes a string: its UTF-8 byte count as a 32-bit integer, then the bytes.
         *
         * @param value the text
         * @throws IllegalArgumentException if it holds an unpaired surrogate, which UTF-8 cannot encode
         */
        public void string(String value) {
            encoder.string(Objects.requireNonNull(value, "value"), "a layer's configuration string");
        }
    }

    /**
     * A layer's configuration being read; every method checks that the value is there and throws
     * a {@link ModelFormatException} naming the value and its byte offset if it is not.
     */
    final class Input {
        private final ByteBuffer bytes;
        private final String field;
        private final long offset;

        /** Reads {@code bytes}, the configuration saved in {@code field} at model offset {@code offset}. */
        Input(byte[] bytes, String field, long offset) {
            this.bytes = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            this.field = field;
            this.offset = offset;
        }

        private void need(int count, String name) throws ModelFormatException {
            if (bytes.remaining() < count) {
                throw new ModelFormatException(field + " ends inside the value " + name + ": it needs " + count
                        + " bytes but " + bytes.remaining() + " remain; the model is damaged, or the layer's codec"
                        + " reads more than it writes.", field + "." + name, offset + bytes.position());
            }
        }

        /**
         * Reads a 32-bit integer.
         *
         * @param name the value's name, for messages
         * @return the value
         * @throws ModelFormatException if the configuration ends first
         */
        public int int32(String name) throws ModelFormatException {
            need(4, name);
            return bytes.getInt();
        }

        /**
         * Reads a 64-bit integer.
         *
         * @param name the value's name, for messages
         * @return the value
         * @throws ModelFormatException if the configuration ends first
         */
        public long int64(String name) throws ModelFormatException {
            need(8, name);
            return bytes.getLong();
        }

        /**
         * Reads a finite double.
         *
         * @param name the value's name, for messages
         * @return the value
         * @throws ModelFormatException if the configuration ends first, or the value is NaN or infinite
         */
        public double finite(String name) throws ModelFormatException {
            need(8, name);
            long at = offset + bytes.position();
            double v = bytes.getDouble();
            if (!Double.isFinite(v)) {
                throw new ModelFormatException(field + "." + name + " is " + v + " but must be finite; the model is"
                        + " damaged.", field + "." + name, at);
            }
            return v;
        }

        /**
         * Reads a string of strictly valid UTF-8.
         *
         * @param name the value's name, for messages
         * @return the text
         * @throws ModelFormatException if the configuration ends first or the bytes are not UTF-8
         */
        public String string(String name) throws ModelFormatException {
            long at = offset + bytes.position();
            int length = int32(name + ".length");
            if (length < 0) {
                throw new ModelFormatException(field + "." + name + ".length is " + length + "; the model is damaged.",
                        field + "." + name, at);
            }
            need(length, name);
            ByteBuffer text = bytes.slice(bytes.position(), length);
            bytes.position(bytes.position() + length);
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(text).toString();
            } catch (CharacterCodingException e) {
                throw new ModelFormatException(field + "." + name + " is not valid UTF-8; the model is damaged.",
                        field + "." + name, at);
            }
        }

        /**
         * Returns how many bytes of the configuration are left; the reader requires 0 after
         * {@link LayerCodec#read}.
         *
         * @return the bytes not read yet
         */
        public int remaining() {
            return bytes.remaining();
        }
    }
}
