package io.github.mlp4j.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Where a DataFrame keeps a network's inputs and, for training, its label: either one vector
 * column ({@code org.apache.spark.ml.linalg.Vector}, as {@code VectorAssembler} makes) or several
 * numeric columns, one per input.
 *
 * <p>The label is a numeric column. For a network with {@code k > 1} outputs it holds a class
 * index {@code 0 … k−1}, which becomes a one-hot target row; for a network with one output it is
 * the target value itself (a regression target, or 0/1 for a sigmoid output).
 *
 * <p>Instances are immutable and serializable: they travel to the executors.
 */
public final class InputColumns implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String featuresCol;
    private final String[] inputCols;
    private final String labelCol;

    private InputColumns(String featuresCol, String[] inputCols, String labelCol) {
        this.featuresCol = featuresCol;
        this.inputCols = inputCols;
        this.labelCol = labelCol;
    }

    /**
     * Features in one vector column.
     *
     * @param featuresCol the vector column's name
     * @param labelCol the label column's name, or null when scoring only
     * @return the description
     */
    public static InputColumns vector(String featuresCol, String labelCol) {
        Objects.requireNonNull(featuresCol, "featuresCol");
        return new InputColumns(featuresCol, null, labelCol);
    }

    /**
     * Features in numeric columns, one per network input, in the network's input order.
     *
     * @param inputCols the numeric columns' names, at least one
     * @param labelCol the label column's name, or null when scoring only
     * @return the description
     * @throws IllegalArgumentException if {@code inputCols} is empty
     */
    public static InputColumns numeric(List<String> inputCols, String labelCol) {
        if (inputCols.isEmpty()) {
            throw new IllegalArgumentException("inputCols is empty; name at least one numeric column.");
        }
        return new InputColumns(null, inputCols.toArray(new String[0]), labelCol);
    }

    /** {@return the same features with another label column (null for none)} */
    InputColumns withLabel(String label) {
        return new InputColumns(featuresCol, inputCols, label);
    }

    /** {@return a short description of the features' columns, for error messages} */
    public String featuresName() {
        return featuresCol != null ? "column '" + featuresCol + "'" : "columns " + Arrays.toString(inputCols);
    }

    /** {@return the label column's name, or null} */
    public String labelCol() {
        return labelCol;
    }

    /** {@return whether the features come from one vector column} */
    boolean isVector() {
        return featuresCol != null;
    }

    /**
     * Checks that the columns exist with usable types.
     *
     * @param schema the DataFrame's schema
     * @param inputSize the network's number of inputs (checked against the numeric columns)
     * @param needLabel whether the label column must be present
     * @throws IllegalArgumentException naming the column that is missing or of the wrong type
     */
    public void check(StructType schema, int inputSize, boolean needLabel) {
        if (featuresCol != null) {
            DataType type = field(schema, featuresCol, "features").dataType();
            if (!type.equals(SQLDataTypes.VectorType())) {
                throw new IllegalArgumentException("Column '" + featuresCol + "' must hold vectors (org.apache.spark.ml.linalg"
                        + ".Vector) but is " + type.simpleString() + "; assemble numeric columns with VectorAssembler, "
                        + "or name them as inputCols.");
            }
        } else {
            if (inputCols.length != inputSize) {
                throw new IllegalArgumentException("The network has " + inputSize + " inputs but " + inputCols.length
                        + " input columns were named " + Arrays.toString(inputCols) + "; name one column per input.");
            }
            for (String c : inputCols) {
                numeric(field(schema, c, "input"));
            }
        }
        if (needLabel) {
            if (labelCol == null) {
                throw new IllegalArgumentException("No label column was named; set labelCol.");
            }
            numeric(field(schema, labelCol, "label"));
        }
    }

    private static StructField field(StructType schema, String name, String role) {
        for (StructField f : schema.fields()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("The " + role + " column '" + name + "' is not in the DataFrame; its columns are "
                + Arrays.toString(schema.fieldNames()) + ".");
    }

    private static void numeric(StructField f) {
        if (!(f.dataType() instanceof NumericType)) {
            throw new IllegalArgumentException("Column '" + f.name() + "' must be numeric but is "
                    + f.dataType().simpleString() + "; cast it, for example with col(\"" + f.name() + "\").cast(\"double\").");
        }
    }

    /** Column positions in one schema, resolved once per partition. */
    final class Resolved {
        final int features;
        final int[] inputs;
        final int label;

        Resolved(StructType schema) {
            features = featuresCol == null ? -1 : schema.fieldIndex(featuresCol);
            inputs = inputCols == null ? null : Arrays.stream(inputCols).mapToInt(schema::fieldIndex).toArray();
            label = labelCol == null ? -1 : schema.fieldIndex(labelCol);
        }

        /**
         * Copies a row's features into {@code out}.
         *
         * @return {@link RowProblem#NONE}, or what is wrong with the features
         */
        RowProblem features(Row row, double[] out) {
            if (features >= 0) {
                if (row.isNullAt(features)) {
                    return RowProblem.NULL_FEATURES;
                }
                Vector v = (Vector) row.get(features);
                if (v.size() != out.length) {
                    return RowProblem.WRONG_SIZE;
                }
                Arrays.fill(out, 0.0);
                v.foreachActive((i, value) -> {
                    out[(Integer) i] = (Double) value;
                    return null;
                });
            } else {
                for (int j = 0; j < inputs.length; j++) {
                    if (row.isNullAt(inputs[j])) {
                        return RowProblem.NULL_FEATURES;
                    }
                    out[j] = ((Number) row.get(inputs[j])).doubleValue();
                }
            }
            for (double value : out) {
                if (!Double.isFinite(value)) {
                    return RowProblem.NOT_FINITE;
                }
            }
            return RowProblem.NONE;
        }

        /**
         * Writes a row's target into {@code out}: one-hot for {@code out.length > 1}.
         *
         * @return {@link RowProblem#NONE}, or what is wrong with the label
         */
        RowProblem target(Row row, double[] out) {
            if (row.isNullAt(label)) {
                return RowProblem.NULL_LABEL;
            }
            double value = ((Number) row.get(label)).doubleValue();
            if (!Double.isFinite(value)) {
                return RowProblem.BAD_LABEL;
            }
            if (out.length == 1) {
                out[0] = value;
                return RowProblem.NONE;
            }
            if (value < 0 || value >= out.length || value != Math.rint(value)) {
                return RowProblem.BAD_LABEL;
            }
            Arrays.fill(out, 0.0);
            out[(int) value] = 1.0;
            return RowProblem.NONE;
        }
    }

    /** {@return the column positions in {@code schema}} */
    Resolved resolve(StructType schema) {
        return new Resolved(schema);
    }

    /** {@return the column a problem is about} */
    String columnOf(RowProblem p) {
        return p == RowProblem.NULL_LABEL || p == RowProblem.BAD_LABEL ? "column '" + labelCol + "'" : featuresName();
    }
}
