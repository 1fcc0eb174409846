package io.github.mlp4j.onnx;

import io.github.mlp4j.onnx.OnnxGraph.Attribute;
import io.github.mlp4j.onnx.OnnxGraph.Node;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The element-wise steps a graph applies to its input before the first layer ({@code Sub},
 * {@code Div}, {@code Mul} and {@code Add} of constants, and skl2onnx's {@code ai.onnx.ml.Scaler}),
 * composed into one standardisation {@code x' = (x − mean) / scale} per column.
 *
 * <p>Starting from {@code mean = 0} and {@code scale = 1}, each step keeps the form:
 * <pre>
 *   (x − m)/s − c = (x − (m + c·s))/s        Sub
 *   (x − m)/s + c = (x − (m − c·s))/s        Add
 *   ((x − m)/s)/c = (x − m)/(s·c)            Div
 *   ((x − m)/s)·c = (x − m)/(s/c)            Mul
 * </pre>
 * so a {@code Sub} then a {@code Div}, as Keras and most hand-written graphs scale, give the
 * mean and the scale exactly.
 */
final class InputScaling {
    /** One step {@code x op c}, with c a named constant or an attribute's values. */
    private record Affine(Node node, String operator, String constant, float[] values) {
    }

    private final Constants constants;
    private final List<Affine> steps = new ArrayList<>();

    InputScaling(Constants constants) {
        this.constants = constants;
    }

    /** Adds node {@code n}, a Sub, Div, Mul or Add of the data and the constant {@code constant}. */
    void add(Node n, String constant) {
        steps.add(new Affine(n, n.operator(), constant, null));
    }

    /** Adds an {@code ai.onnx.ml.Scaler} node: {@code y = (x − offset) · scale}. */
    void addScaler(Node n) {
        Attribute offset = n.attributes().get("offset");
        Attribute factor = n.attributes().get("scale");
        steps.add(new Affine(n, "Sub", null, offset == null ? new float[] {0f} : offset.floats()));
        steps.add(new Affine(n, "Mul", null, factor == null ? new float[] {1f} : factor.floats()));
    }

    /**
     * Returns {mean, scale} for rows of {@code columns} values, or null if the graph does not scale
     * its input.
     *
     * @throws OnnxImportException if a constant does not broadcast to the columns, or a column's
     *     scale is not positive and finite
     * @throws IOException if a constant's external data cannot be read
     */
    double[][] resolve(int columns) throws IOException {
        if (steps.isEmpty()) {
            return null;
        }
        double[] mean = new double[columns];
        double[] scale = new double[columns];
        Arrays.fill(scale, 1.0);
        for (Affine step : steps) {
            Node n = step.node();
            double[] c = step.values() == null ? constants.row(n, step.constant(), columns)
                    : widen(n, step.values(), columns);
            for (int j = 0; j < columns; j++) {
                switch (step.operator()) {
                    case "Sub" -> mean[j] += c[j] * scale[j];
                    case "Add" -> mean[j] -= c[j] * scale[j];
                    case "Div" -> scale[j] *= c[j];
                    default -> scale[j] /= c[j];
                }
            }
        }
        for (int j = 0; j < columns; j++) {
            if (!(scale[j] > 0 && Double.isFinite(scale[j]) && Double.isFinite(mean[j]))) {
                Node last = steps.get(steps.size() - 1).node();
                throw LayerChain.refuse(last, "ends an input scaling that gives column " + j + " the mean " + mean[j]
                        + " and the scale " + scale[j] + "; mlp4j's Scaling needs a positive, finite scale per column");
            }
        }
        return new double[][] {mean, scale};
    }

    /** Returns an attribute's floats, one for all columns or one per column, as {@code columns} doubles. */
    private static double[] widen(Node n, float[] values, int columns) throws OnnxImportException {
        if (values.length != 1 && values.length != columns) {
            throw LayerChain.refuse(n, "has " + values.length + " scaling values for rows of " + columns
                    + " columns; mlp4j needs one value, or one per column");
        }
        double[] c = new double[columns];
        for (int j = 0; j < columns; j++) {
            c[j] = values[values.length == 1 ? 0 : j];
        }
        return c;
    }
}
