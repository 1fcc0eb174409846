package io.github.mlp4j.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A forward-only cursor over the data rows of one CSV source, holding one row at a time.
 *
 * <p>Opening it reads the header (or the first data line, when there is no header) to learn the
 * number of columns and where the label is. Each {@link #next()} then reads one data line, checks
 * it and parses its features into {@link #features()}, an array that is overwritten by the next
 * call. Blank lines are skipped but counted, so line numbers match the file.
 */
final class CsvRows implements Closeable {
    /** The most columns a file may have. */
    static final int MAX_COLUMNS = 1 << 20;

    private final Reader in;
    private final String source;
    private final char delimiter;
    private final CsvCells cells;
    private final List<String> columnNames;
    private final int columnCount;
    private final int labelColumn;
    private final double[] features;
    private int rowLine;
    private boolean firstLineIsData;

    /** Opens a cursor over {@code reader}, closing the reader if its first line is bad. */
    static CsvRows open(Reader reader, String source, CsvReader format) throws IOException {
        try {
            return new CsvRows(reader, source, format);
        } catch (RuntimeException | IOException e) {
            reader.close();
            throw e;
        }
    }

    CsvRows(Reader reader, String source, CsvReader format) throws IOException {
        this.in = reader;
        this.source = source;
        this.delimiter = format.delimiter();
        this.cells = new CsvCells(reader, source, delimiter);
        if (!cells.next(MAX_COLUMNS)) {
            throw new CsvFormatException(source, 0, 0, "the file is empty; expected "
                    + (format.header() ? "a header line followed by " : "") + "lines of comma-separated values.");
        }
        if (cells.count() > MAX_COLUMNS) {
            throw new CsvFormatException(source, cells.line(), 0, "the line has " + cells.count() + " cells, more than"
                    + " the " + MAX_COLUMNS + " columns a file may have; check the delimiter ('" + delimiter + "').");
        }
        columnCount = cells.count();
        if (format.header()) {
            List<String> names = new ArrayList<>(columnCount);
            for (int c = 0; c < columnCount; c++) {
                names.add(cells.get(c));
            }
            columnNames = List.copyOf(names);
        } else {
            columnNames = List.of();
            firstLineIsData = true;
        }
        labelColumn = resolveLabelColumn(format);
        if (columnCount < 2) {
            throw new CsvFormatException(source, cells.line(), 0, "the line has " + columnCount
                    + " column but at least 2 are needed, the features and the label; check the delimiter ('"
                    + delimiter + "').");
        }
        features = new double[columnCount - 1];
    }

    private int resolveLabelColumn(CsvReader format) {
        if (format.labelName() != null) {
            int found = columnNames.indexOf(format.labelName());
            if (found < 0) {
                throw new CsvFormatException(source, cells.line(), 0, "no column is named \"" + format.labelName()
                        + "\"; the header has " + ClassMap.describe(columnNames) + ". Pass one of these names to label(...).");
            }
            return found;
        }
        int index = format.labelIndex();
        int resolved = index < 0 ? columnCount + index : index;
        if (resolved < 0 || resolved >= columnCount) {
            throw new CsvFormatException(source, cells.line(), 0, "label column index " + index
                    + " is out of range for a line of " + columnCount + " columns; use 0 to " + (columnCount - 1)
                    + ", or -1 to -" + columnCount + " to count from the end.");
        }
        return resolved;
    }

    /**
     * Reads, checks and parses the next data row; returns false at the end of the source.
     *
     * @throws CsvFormatException if the row is ragged, has an empty cell or a feature that is not
     *     a finite number
     */
    boolean next() throws IOException {
        if (firstLineIsData) {
            firstLineIsData = false;                       // already split by the constructor
        } else {
            if (!cells.next(columnCount)) {
                return false;
            }
        }
        rowLine = cells.line();
        int count = cells.count();
        if (count != columnCount) {
            int column = Math.min(count, columnCount) + 1;
            throw new CsvFormatException(source, rowLine, column, "the line has " + count + " cells but "
                    + (columnNames.isEmpty() ? "the first line has " : "the header has ") + columnCount
                    + "; every line needs " + columnCount + " values separated by '" + delimiter + "'.");
        }
        int k = 0;
        for (int c = 0; c < columnCount; c++) {
            String cell = cells.get(c);
            if (cell.isEmpty()) {
                throw new CsvFormatException(source, rowLine, c + 1, "the cell" + columnName(c)
                        + " is empty; every cell needs a value. Remove or fill in missing values first.");
            }
            if (c != labelColumn) {
                features[k++] = number(cell, c);
            }
        }
        return true;
    }

    /**
     * Parses a cell as a finite number, or throws naming where it is. The cell must be a decimal
     * number as {@link #isDecimal} defines it; NaN, infinity and values that overflow a double are
     * refused as not finite.
     */
    private double number(String cell, int column) {
        if (!isDecimal(cell)) {
            String bare = cell.startsWith("-") || cell.startsWith("+") ? cell.substring(1) : cell;
            if (bare.equals("NaN") || bare.equals("Infinity")) {
                throw notFinite(cell, column);
            }
            throw new CsvFormatException(source, rowLine, column + 1, "expected a number in the cell"
                    + columnName(column) + " but found \"" + CsvCells.abbreviate(cell) + "\". Every column except the"
                    + " label must be numeric, written as digits with an optional sign, decimal point and exponent"
                    + " (12, -0.5, 1.5e-3).");
        }
        double value = Double.parseDouble(cell);
        if (!Double.isFinite(value)) {
            throw notFinite(cell, column);
        }
        return value;
    }

    private CsvFormatException notFinite(String cell, int column) {
        return new CsvFormatException(source, rowLine, column + 1, "the cell" + columnName(column) + " holds "
                + CsvCells.abbreviate(cell) + "; every value must be finite. Remove or impute missing values first.");
    }

    /**
     * Returns whether {@code s} is a decimal number: an optional sign, digits with an optional
     * decimal point (at least one digit in all), and an optional exponent {@code e} or {@code E}
     * with an optional sign and at least one digit. Nothing else: no spaces, hexadecimal,
     * {@code f}/{@code d} suffixes, NaN or infinity, which {@link Double#parseDouble} would accept.
     */
    static boolean isDecimal(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private String columnName(int column) {
        return columnNames.isEmpty() ? "" : " of column \"" + CsvCells.abbreviate(columnNames.get(column)) + "\"";
    }

    /** Returns the features of the current row, in file order without the label; overwritten by next(). */
    double[] features() {
        return features;
    }

    /** Returns the label cell of the current row as text. */
    String label() {
        return cells.get(labelColumn);
    }

    /** Returns the label cell of the current row as a finite number (for regression). */
    double labelValue() {
        return number(label(), labelColumn);
    }

    /** Returns the 1-based line number of the current row. */
    int line() {
        return rowLine;
    }

    /** Returns the 1-based column number of the label. */
    int labelColumnNumber() {
        return labelColumn + 1;
    }

    /** Returns the number of columns of the first line. */
    int columnCount() {
        return columnCount;
    }

    /** Returns the header's column names, or an empty list without a header. */
    List<String> columnNames() {
        return columnNames;
    }

    /** Returns the number of features per row. */
    int featureCount() {
        return features.length;
    }

    /** Returns the source name used in messages. */
    String source() {
        return source;
    }

    /** Returns the class index of the current row's label, or throws naming the line and column. */
    int classIndex(ClassMap classes) {
        String label = label();
        int c = classes.indexOf(label);
        if (c < 0) {
            throw new CsvFormatException(source, rowLine, labelColumn + 1, "the label \"" + CsvCells.abbreviate(label)
                    + "\" is not one of the classes " + classes.describe()
                    + "; add it to the class list, or fix the label.");
        }
        return c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
