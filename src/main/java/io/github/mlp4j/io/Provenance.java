package io.github.mlp4j.io;

import io.github.mlp4j.Network;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a saved model came from: the library version that made it, when, from which seed, and the
 * training settings as key/value strings (such as {@code "epochs" → "300"}).
 *
 * <p>The settings keep the order they were given in. Instances are immutable and thread-safe.
 *
 * @param libraryVersion the mlp4j version that made the model, such as {@code "0.1.0"}
 * @param createdAt when the model was made
 * @param seed the seed of the training run
 * @param settings the training settings, copied into an unmodifiable map in iteration order
 */
public record Provenance(String libraryVersion, Instant createdAt, long seed, Map<String, String> settings) {

    /** The version reported when the library does not run from a released jar (as in its own tests). */
    public static final String DEVELOPMENT_VERSION = "development";

    /**
     * Creates a provenance, copying the settings.
     *
     * @param libraryVersion the mlp4j version that made the model, such as {@code "0.1.0"}
     * @param createdAt when the model was made
     * @param seed the seed of the training run
     * @param settings the training settings, copied into an unmodifiable map in iteration order
     * @throws NullPointerException if an argument, a key or a value is null
     */
    public Provenance {
        Objects.requireNonNull(libraryVersion, "libraryVersion");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(settings, "settings");
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), "a key of settings");
            copy.put(key, Objects.requireNonNull(e.getValue(), () -> "the value of setting \"" + key + "\""));
        }
        settings = Collections.unmodifiableMap(copy);
    }

    /**
     * Returns a provenance stamped with this library's version and the current time.
     *
     * @param seed the seed of the training run
     * @param settings the training settings; copied, not modified
     * @return the provenance
     * @throws NullPointerException if {@code settings}, a key or a value is null
     */
    public static Provenance of(long seed, Map<String, String> settings) {
        return new Provenance(currentLibraryVersion(), Instant.now(), seed, settings);
    }

    /**
     * Returns a provenance for a network saved on its own: this library's version, the current
     * time, the network's seed and no settings.
     *
     * @param network the network being saved
     * @return the provenance
     */
    public static Provenance of(Network network) {
        return of(network.seed(), Map.of());
    }

    /**
     * {@return the version of the running mlp4j, from its jar's manifest
     * ({@code Implementation-Version}), or {@link #DEVELOPMENT_VERSION} when there is none}
     */
    public static String currentLibraryVersion() {
        String version = Network.class.getPackage().getImplementationVersion();
        return version == null ? DEVELOPMENT_VERSION : version;
    }

    /**
     * Returns a copy of this provenance with one more setting (or a new value for an existing key).
     *
     * @param key the setting's name, such as {@code "learningRate"}
     * @param value its value as text, such as {@code "0.01"}
     * @return a new provenance
     */
    public Provenance withSetting(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        LinkedHashMap<String, String> copy = new LinkedHashMap<>(settings);
        copy.put(key, value);
        return new Provenance(libraryVersion, createdAt, seed, copy);
    }
}
