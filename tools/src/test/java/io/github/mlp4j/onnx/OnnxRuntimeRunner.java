package io.github.mlp4j.onnx;

import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs an ONNX model in the real ONNX Runtime, for comparison with an imported network: rows of
 * features in, one named output back as doubles (a tensor, or ZipMap's list of class → probability
 * maps, read in the order of the class labels, which skl2onnx sorts). Public for the examples'
 * smoke test.
 */
public final class OnnxRuntimeRunner {
    private static final OrtEnvironment ORT = OrtEnvironment.getEnvironment();

    private OnnxRuntimeRunner() {
    }

    /**
     * Runs the model file (which may have external data beside it) on {@code x}, reshaped to
     * {@code inputShape} with the batch first, in float32 or float64.
     */
    public static double[][] run(Path model, String input, long[] featureShape, boolean float64, double[][] x, String output)
            throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = ORT.createSession(model.toString(), options)) {
            return run(session, input, featureShape, float64, x, output);
        }
    }

    /** Runs the model's bytes on {@code x}, as {@link #run(Path, String, long[], boolean, double[][], String)} does. */
    public static double[][] run(byte[] model, String input, long[] featureShape, boolean float64, double[][] x, String output)
            throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = ORT.createSession(model, options)) {
            return run(session, input, featureShape, float64, x, output);
        }
    }

    private static double[][] run(OrtSession session, String input, long[] featureShape, boolean float64, double[][] x,
            String output) throws OrtException {
        int width = x[0].length;
        long[] shape = new long[featureShape.length + 1];
        shape[0] = x.length;
        System.arraycopy(featureShape, 0, shape, 1, featureShape.length);
        OnnxTensor tensor;
        if (float64) {
            DoubleBuffer buffer = DoubleBuffer.allocate(x.length * width);
            for (double[] row : x) {
                buffer.put(row);
            }
            tensor = OnnxTensor.createTensor(ORT, buffer.flip(), shape);
        } else {
            FloatBuffer buffer = FloatBuffer.allocate(x.length * width);
            for (double[] row : x) {
                for (double v : row) {
                    buffer.put((float) v);
                }
            }
            tensor = OnnxTensor.createTensor(ORT, buffer.flip(), shape);
        }
        try (tensor; OrtSession.Result result = session.run(Map.of(input, tensor))) {
            OnnxValue value = result.get(output).orElseThrow();
            double[][] y = new double[x.length][];
            if (value instanceof OnnxSequence sequence) {
                List<? extends OnnxValue> maps = sequence.getValue();
                for (int i = 0; i < y.length; i++) {
                    Map<?, ?> m = new java.util.TreeMap<>(((OnnxMap) maps.get(i)).getValue());
                    y[i] = m.values().stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
                }
                return y;
            }
            OnnxTensor out = (OnnxTensor) value;
            long[] outShape = out.getInfo().getShape();
            int columns = outShape.length == 1 ? 1 : (int) outShape[1];
            double[] flat;
            if (out.getInfo().type == ai.onnxruntime.OnnxJavaType.INT64) {
                java.nio.LongBuffer b = out.getLongBuffer();
                flat = new double[b.remaining()];
                for (int k = 0; k < flat.length; k++) {
                    flat[k] = b.get(k);
                }
            } else if (out.getInfo().type == ai.onnxruntime.OnnxJavaType.DOUBLE) {
                DoubleBuffer b = out.getDoubleBuffer();
                flat = new double[b.remaining()];
                b.get(flat);
            } else {
                FloatBuffer b = out.getFloatBuffer();
                flat = new double[b.remaining()];
                for (int k = 0; k < flat.length; k++) {
                    flat[k] = b.get(k);
                }
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = new double[columns];
                System.arraycopy(flat, i * columns, y[i], 0, columns);
            }
            return y;
        }
    }

    /**
     * Returns the largest of |actual − expected| / max(1, |expected|) over all entries, after
     * checking that the shapes agree.
     */
    public static double largestRelativeError(double[][] actual, double[][] expected) {
        if (actual.length != expected.length) {
            throw new AssertionError(actual.length + " rows, expected " + expected.length);
        }
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            if (actual[i].length != expected[i].length) {
                throw new AssertionError("row " + i + " has " + actual[i].length + " columns, expected "
                        + expected[i].length);
            }
            for (int j = 0; j < expected[i].length; j++) {
                double scale = Math.max(1.0, Math.abs(expected[i][j]));
                worst = Math.max(worst, Math.abs(actual[i][j] - expected[i][j]) / scale);
            }
        }
        return worst;
    }
}
