package io.github.mlp4j.io;

import io.github.mlp4j.Layer;
import io.github.mlp4j.layer.Dense;
import io.github.mlp4j.layer.Dropout;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The registry of layer kinds that model files (format version 2) can hold: each kind is a name
 * written before a layer, a layer class and the {@link LayerCodec} that saves and recreates it.
 *
 * <p>The built-in kinds are {@code "dense"} ({@link Dense}) and {@code "dropout"} ({@link Dropout}). Register a layer of your own once,
 * before saving or loading a model that holds it, under a name that stays the same for as long
 * as its files exist (a reversed domain name avoids clashes):
 * <pre>{@code
 * LayerKinds.register("com.example.scale", Scale.class, new ScaleCodec());
 * }</pre>
 * Saving a network with a layer whose class is not registered fails with an
 * {@link IllegalArgumentException}; loading a file with a kind that is not registered fails with
 * a {@link ModelFormatException}. Both messages name the kind or class and this method.
 *
 * <p>All methods are static and thread-safe.
 */
public final class LayerKinds {
    /** The kind of {@link Dense}. */
    public static final String DENSE = "dense";
    /** The kind of {@link Dropout}, whose configuration is its rate. */
    public static final String DROPOUT = "dropout";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** One registered kind. */
    record Kind(String name, Class<? extends Layer> layerClass, LayerCodec<? extends Layer> codec, boolean builtIn) {
        /** Writes {@code layer}'s configuration with this kind's codec. */
        @SuppressWarnings("unchecked")
        <L extends Layer> void write(Layer layer, LayerCodec.Output config) {
            ((LayerCodec<L>) codec).write((L) layerClass.cast(layer), config);
        }
    }

    private static final Map<String, Kind> BY_NAME = new LinkedHashMap<>();
    private static final Map<Class<?>, Kind> BY_CLASS = new LinkedHashMap<>();

    static {
        builtIn(DENSE, Dense.class, LayerCodec.of((layer, config) -> { },
                (config, inputSize, outputSize, activation) -> new Dense(inputSize, outputSize, activation)));
        builtIn(DROPOUT, Dropout.class, LayerCodec.of((layer, config) -> config.float64(layer.rate()),
                (config, inputSize, outputSize, activation) -> new Dropout(inputSize, config.finite("rate"))));
    }

    private LayerKinds() {
    }

    private static <L extends Layer> void builtIn(String name, Class<L> layerClass, LayerCodec<L> codec) {
        Kind kind = new Kind(name, layerClass, codec, true);
        BY_NAME.put(name, kind);
        BY_CLASS.put(layerClass, kind);
    }

    /**
     * Registers a kind of layer so that model files can hold it. Registering the same kind for the
     * same class again replaces its codec.
     *
     * @param kind the name written in files: 1 to 64 letters, digits, '.', '_' or '-', starting
     *     with a letter or digit, such as {@code "com.example.scale"}
     * @param layerClass the exact class of the layers (subclasses need their own kinds)
     * @param codec saves and recreates their configuration
     * @param <L> the class of layer
     * @throws IllegalArgumentException if the name is malformed or built in, already names
     *     another class, or the class is already registered under another name
     */
    public static synchronized <L extends Layer> void register(String kind, Class<L> layerClass, LayerCodec<L> codec) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(layerClass, "layerClass");
        Objects.requireNonNull(codec, "codec");
        if (!NAME.matcher(kind).matches()) {
            throw new IllegalArgumentException("The layer kind \"" + Encoder.abbreviate(kind) + "\" is not a valid"
                    + " name; use 1 to 64 letters, digits, '.', '_' or '-', such as \"com.example.scale\".");
        }
        Kind byName = BY_NAME.get(kind);
        Kind byClass = BY_CLASS.get(layerClass);
        if (byName != null && byName.builtIn() || byClass != null && byClass.builtIn()) {
            throw new IllegalArgumentException("The layer kind \"" + (byName != null ? kind : byClass.name())
                    + "\" is built in and cannot be registered again; give your layer a name of its own.");
        }
        if (byName != null && byName.layerClass() != layerClass) {
            throw new IllegalArgumentException("The layer kind \"" + kind + "\" is already registered for "
                    + byName.layerClass().getName() + "; choose another name for " + layerClass.getName() + ".");
        }
        if (byClass != null && !byClass.name().equals(kind)) {
            throw new IllegalArgumentException(layerClass.getName() + " is already registered as the layer kind \""
                    + byClass.name() + "\"; a class has one kind, so that its files always name it the same way.");
        }
        Kind registered = new Kind(kind, layerClass, codec, false);
        BY_NAME.put(kind, registered);
        BY_CLASS.put(layerClass, registered);
    }

    /**
     * Returns the names of every registered kind, built-in ones included.
     *
     * @return a new sorted set
     */
    public static synchronized Set<String> kinds() {
        return new TreeSet<>(BY_NAME.keySet());
    }

    /** Returns the kind named {@code name}, or null. */
    static synchronized Kind byName(String name) {
        return BY_NAME.get(name);
    }

    /**
     * Returns the kind of {@code layer}'s class.
     *
     * @throws IllegalArgumentException naming the class and how to register it, if it has none
     */
    static synchronized Kind of(Layer layer, int number) {
        Kind kind = BY_CLASS.get(layer.getClass());
        if (kind == null) {
            String simple = layer.getClass().getSimpleName().isEmpty() ? "MyLayer" : layer.getClass().getSimpleName();
            throw new IllegalArgumentException("Layer " + number + " is of class " + layer.getClass().getName()
                    + ", which is not a registered layer kind, so model files cannot hold it. Register it once"
                    + " before saving and loading: LayerKinds.register(\"com.example." + simple.toLowerCase(java.util.Locale.ROOT)
                    + "\", " + simple + ".class, codec), where the codec (a LayerCodec) writes and reads back its"
                    + " configuration.");
        }
        return kind;
    }
}
