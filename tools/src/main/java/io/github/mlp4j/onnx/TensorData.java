package io.github.mlp4j.onnx;

import io.github.mlp4j.onnx.OnnxGraph.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Decodes the values of an ONNX tensor ({@code TensorProto}) wherever they are stored: in
 * {@code raw_data} (field 9, little-endian), in the typed fields {@code float_data} (4),
 * {@code int32_data} (5), {@code int64_data} (7) or {@code double_data} (10), packed or not, or in
 * an external data file named by {@code external_data} (13) with {@code data_location}
 * {@code EXTERNAL}.
 *
 * <p>The element count, the product of the dimensions, is checked against the bytes actually
 * present before an array is allocated.
 */
final class TensorData {
    private TensorData() {
    }

    /**
     * Returns a float32 or float64 tensor's values as doubles, in row-major order.
     *
     * @param t the tensor
     * @param folder the folder that external data paths are relative to, or null if unknown
     * @return a new array of {@code t.size()} values
     * @throws OnnxImportException if the tensor is of another type, its data do not match its
     *     shape, or its external file cannot be read
     * @throws IOException if reading an external file fails
     */
    static double[] reals(Tensor t, Path folder) throws IOException {
        int width = switch (t.dataType()) {
            case OnnxGraph.FLOAT -> Float.BYTES;
            case OnnxGraph.DOUBLE -> Double.BYTES;
            default -> throw new OnnxImportException("Tensor '" + t.name() + "' holds " + typeName(t.dataType())
                    + " values; mlp4j imports float32 and float64 weights only.");
        };
        int n = size(t, width);
        ByteBuffer raw = raw(t, folder, n, width);
        if (raw != null) {
            double[] values = new double[n];                                             // raw holds n values
            for (int i = 0; i < n; i++) {
                values[i] = width == Float.BYTES ? raw.getFloat() : raw.getDouble();
            }
            return values;
        }
        int typedField = width == Float.BYTES ? 4 : 10;
        int single = width == Float.BYTES ? ProtoReader.FIXED32 : ProtoReader.FIXED64;
        checkCount(t, typedField, width, n);
        double[] values = new double[n];
        int found = 0;
        ProtoReader r = reader(t);
        while (r.hasNext()) {
            if (r.next() != typedField) {
                r.skip();
                continue;
            }
            ProtoReader packed = r.wireType() == single ? null : r.message("packed tensor data");
            if (packed != null && (packed.to() - packed.position()) % width != 0) {
                throw mismatch(t, "its packed data is not a whole number of " + width + "-byte values");
            }
            ProtoReader source = packed == null ? r : packed;
            for (boolean first = true; first || packed != null && packed.hasNext(); first = false) {
                if (packed != null && !packed.hasNext()) {
                    break;                                                                // an empty packed field
                }
                checkRoom(t, found, n);
                values[found++] = width == Float.BYTES ? Float.intBitsToFloat(source.fixed32())
                        : Double.longBitsToDouble(source.fixed64());
            }
        }
        if (found != n) {
            throw mismatch(t, "it holds " + found + " values but its shape " + t.shape() + " has " + n + " elements");
        }
        return values;
    }

    /**
     * Returns an int64 or int32 tensor's values, such as the shape that {@code Reshape} takes.
     *
     * @param t the tensor
     * @param folder the folder that external data paths are relative to, or null if unknown
     * @return a new array of {@code t.size()} values
     * @throws OnnxImportException if the tensor is of another type or its data do not match its shape
     * @throws IOException if reading an external file fails
     */
    static long[] integers(Tensor t, Path folder) throws IOException {
        int width = switch (t.dataType()) {
            case OnnxGraph.INT64 -> Long.BYTES;
            case OnnxGraph.INT32 -> Integer.BYTES;
            default -> throw new OnnxImportException("Tensor '" + t.name() + "' holds " + typeName(t.dataType())
                    + " values where integers belong.");
        };
        int n = size(t, width);
        ByteBuffer raw = raw(t, folder, n, width);
        if (raw != null) {
            long[] values = new long[n];                                                 // raw holds n values
            for (int i = 0; i < n; i++) {
                values[i] = width == Long.BYTES ? raw.getLong() : raw.getInt();
            }
            return values;
        }
        int typedField = width == Long.BYTES ? 7 : 5;
        checkCount(t, typedField, 0, n);
        long[] values = new long[n];
        int found = 0;
        ProtoReader r = reader(t);
        while (r.hasNext()) {
            if (r.next() != typedField) {
                r.skip();
                continue;
            }
            ProtoReader packed = r.wireType() == ProtoReader.LENGTH_DELIMITED ? r.message("packed tensor data") : null;
            for (boolean first = true; first || packed != null && packed.hasNext(); first = false) {
                if (packed != null && !packed.hasNext()) {
                    break;                                                                // an empty packed field
                }
                checkRoom(t, found, n);
                long v = packed == null ? r.integer() : packed.varint();
                values[found++] = width == Long.BYTES ? v : (int) v;
            }
        }
        if (found != n) {
            throw mismatch(t, "it holds " + found + " values but its shape " + t.shape() + " has " + n + " elements");
        }
        return values;
    }

    /**
     * Returns a string tensor's values ({@code string_data}, field 6), decoded as UTF-8.
     *
     * @param t the tensor, of element type string
     * @return a new array of {@code t.size()} strings
     * @throws OnnxImportException if the tensor is of another type or its data do not match its shape
     */
    static String[] strings(Tensor t) throws OnnxImportException {
        if (t.dataType() != OnnxGraph.STRING || t.external() != null) {
            throw mismatch(t, "it holds " + typeName(t.dataType()) + " values where strings belong");
        }
        int n = size(t, 1);
        checkCount(t, 6, -1, n);
        String[] values = new String[n];
        int found = 0;
        ProtoReader r = reader(t);
        while (r.hasNext()) {
            if (r.next() == 6) {
                checkRoom(t, found, n);
                values[found++] = r.string();
            } else {
                r.skip();
            }
        }
        if (found != n) {
            throw mismatch(t, "it holds " + found + " strings but its shape " + t.shape() + " has " + n + " elements");
        }
        return values;
    }

    /** Returns a name for an ONNX element type, for messages. */
    static String typeName(int type) {
        return switch (type) {
            case 0 -> "undefined";
            case OnnxGraph.FLOAT -> "float32";
            case 2 -> "uint8";
            case 3 -> "int8";
            case 4 -> "uint16";
            case 5 -> "int16";
            case OnnxGraph.INT32 -> "int32";
            case OnnxGraph.INT64 -> "int64";
            case 8 -> "string";
            case 9 -> "bool";
            case 10 -> "float16";
            case OnnxGraph.DOUBLE -> "float64";
            case 16 -> "bfloat16";
            default -> "type-" + type;
        };
    }

    /**
     * Counts the values a typed field holds before an array of {@code n} is allocated: {@code width}
     * bytes each when packed (0 for varints, −1 for one string per field), one per unpacked field.
     */
    private static void checkCount(Tensor t, int typedField, int width, int n) throws OnnxImportException {
        long count = 0;
        ProtoReader r = reader(t);
        while (r.hasNext()) {
            if (r.next() != typedField) {
                r.skip();
            } else if (width < 0 || r.wireType() != ProtoReader.LENGTH_DELIMITED) {
                r.skip();
                count++;
            } else {
                ProtoReader packed = r.message("packed tensor data");
                if (width > 0) {
                    count += (packed.to() - packed.position()) / width;
                } else {
                    for (int k = packed.position(); k < packed.to(); k++) {
                        count += packed.bytes()[k] >= 0 ? 1 : 0;                          // a varint's last byte
                    }
                }
            }
        }
        if (count != n) {
            throw mismatch(t, "it holds " + count + " values but its shape " + t.shape() + " has " + n + " elements");
        }
    }

    private static void checkRoom(Tensor t, int found, int n) throws OnnxImportException {
        if (found == n) {
            throw mismatch(t, "it holds more values than its shape " + t.shape() + " has elements");
        }
    }

    private static int size(Tensor t, int width) throws OnnxImportException {
        long n = t.size();
        if (n < 0 || n > (Integer.MAX_VALUE - 8) / width) {
            throw mismatch(t, "its shape " + t.shape() + " has more elements than a Java array holds");
        }
        return (int) n;
    }

    private static ProtoReader reader(Tensor t) {
        return new ProtoReader(t.bytes(), t.from(), t.to(), "tensor '" + t.name() + "'");
    }

    /**
     * Returns the tensor's little-endian bytes from {@code raw_data} or its external file, positioned
     * at the first value, or null if it stores its values in a typed field.
     */
    private static ByteBuffer raw(Tensor t, Path folder, int n, int width) throws IOException {
        if (t.external() != null) {
            return external(t, folder, (long) n * width);
        }
        ProtoReader r = reader(t);
        ByteBuffer raw = null;
        while (r.hasNext()) {
            if (r.next() == 9 && r.wireType() == ProtoReader.LENGTH_DELIMITED) {
                ProtoReader data = r.message("raw_data");
                raw = ByteBuffer.wrap(t.bytes(), data.position(), data.to() - data.position()).slice();
            } else {
                r.skip();
            }
        }
        if (raw != null && raw.remaining() != (long) n * width) {
            throw mismatch(t, "its raw data has " + raw.remaining() + " bytes but its shape " + t.shape() + " needs "
                    + (long) n * width);
        }
        return raw == null ? null : raw.order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Reads {@code length} bytes of external data, checking that the file lies in {@code folder}. */
    private static ByteBuffer external(Tensor t, Path folder, long length) throws IOException {
        Map<String, String> e = t.external();
        String location = e.get("location");
        if (location == null || location.isEmpty()) {
            throw mismatch(t, "its data are external but it names no location");
        }
        if (folder == null) {
            throw new OnnxImportException("Tensor '" + t.name() + "' keeps its data in the external file '" + location
                    + "', which cannot be found from a stream; import the model with OnnxImporter.read(Path), from "
                    + "the folder that holds both files.");
        }
        Path base = folder.toAbsolutePath().normalize();
        Path file;
        try {
            file = base.resolve(location).normalize();
        } catch (java.nio.file.InvalidPathException ex) {
            throw mismatch(t, "its external data location '" + location + "' is not a valid path");
        }
        if (Path.of(location).isAbsolute() || !file.startsWith(base)) {
            throw mismatch(t, "its external data location '" + location + "' lies outside the model's folder " + base
                    + ", which ONNX does not allow");
        }
        long offset = number(t, e, "offset", 0);
        long declared = number(t, e, "length", length);
        if (declared != length) {
            throw mismatch(t, "its external data length is " + declared + " bytes but its shape " + t.shape()
                    + " needs " + length);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (offset > channel.size() - length) {
                throw mismatch(t, "its external file '" + location + "' has " + channel.size() + " bytes, fewer than "
                        + "the offset " + offset + " plus the length " + length);
            }
            return channel.map(FileChannel.MapMode.READ_ONLY, offset, length).order(ByteOrder.LITTLE_ENDIAN);
        } catch (NoSuchFileException ex) {
            throw new OnnxImportException("Tensor '" + t.name() + "' keeps its data in the external file '" + location
                    + "', but " + file + " does not exist; keep the data file beside the model.");
        }
    }

    private static long number(Tensor t, Map<String, String> e, String key, long fallback) throws OnnxImportException {
        String text = e.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            long v = Long.parseLong(text.trim());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException ex) {
            throw mismatch(t, "its external data " + key + " '" + text + "' is not a byte count");
        }
    }

    private static OnnxImportException mismatch(Tensor t, String problem) {
        return new OnnxImportException("Not a valid ONNX model: tensor '" + t.name() + "' is malformed: " + problem + ".");
    }
}
