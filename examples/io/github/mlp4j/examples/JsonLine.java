package io.github.mlp4j.examples;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Builds the one-line JSON object that every example prints last, so that scripts and tests can
 * read its results.
 *
 * <p>Keys keep the order in which they are put. Numbers are rounded to six significant digits
 * and written in plain decimal notation; NaN and infinities, which JSON cannot hold, become {@code null}.
 * Strings are escaped as JSON requires, so Windows paths with backslashes survive.
 *
 * <pre>{@code
 * System.out.println(new JsonLine().put("test_accuracy", 0.995).put("epochs", 300)
 *         .put("pictures", new JsonLine().put("cost", Path.of("target/cost.png"))));
 * // {"test_accuracy": 0.995, "epochs": 300, "pictures": {"cost": "target/cost.png"}}
 * }</pre>
 *
 * <p>Instances are not thread-safe.
 */
final class JsonLine {
    private static final MathContext SIGNIFICANT = new MathContext(6);

    private final StringBuilder text = new StringBuilder("{");

    /** Adds a number; NaN and infinities are written as {@code null}. */
    JsonLine put(String key, double value) {
        if (!Double.isFinite(value)) {
            return raw(key, "null");
        }
        return raw(key, BigDecimal.valueOf(value).round(SIGNIFICANT).stripTrailingZeros().toPlainString());
    }

    /** Adds a whole number. */
    JsonLine put(String key, long value) {
        return raw(key, Long.toString(value));
    }

    /** Adds a string, escaped. */
    JsonLine put(String key, String value) {
        return raw(key, value == null ? "null" : quote(value));
    }

    /** Adds a path as a string in the platform's spelling. */
    JsonLine put(String key, Path value) {
        return put(key, value == null ? null : value.toString());
    }

    /** Adds a boolean. */
    JsonLine put(String key, boolean value) {
        return raw(key, Boolean.toString(value));
    }

    /** Adds a nested object. */
    JsonLine put(String key, JsonLine value) {
        return raw(key, value.toString());
    }

    /** Adds an array of whole numbers. */
    JsonLine put(String key, int[] values) {
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            array.append(i == 0 ? "" : ", ").append(values[i]);
        }
        return raw(key, array.append(']').toString());
    }

    /** Returns the object as one line of JSON. */
    @Override
    public String toString() {
        return text + "}";
    }

    private JsonLine raw(String key, String json) {
        Objects.requireNonNull(key, "key");
        text.append(text.length() == 1 ? "" : ", ").append(quote(key)).append(": ").append(json);
        return this;
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
