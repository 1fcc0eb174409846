package io.github.mlp4j.data;

import java.io.BufferedReader;
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
    private static final int READ_BUFFER = 1 << 16;

    private final BufferedReader in;
    private final String source;
    private final char delimiter;
    private final CsvCells cells = new CsvCells();
    private final List<String> columnNames;
    private final int columnCount;
    private final int labelColumn;
    private final double[] features;
    private int lineNumber;
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
        this.in = new BufferedReader(reader, READ_BUFFER);
        this.source = source;
        this.delimiter = format.delimiter();
        String first = nextNonBlankLine();
        if (first == null) {
            throw new CsvFormatException(source, 0, 0, "the file is empty; expected "
                    + (format.header() ? "a header line followed by " : "") + "lines of comma-separated values.");
        }
        if (first.charAt(0) == '\uFEFF') {
            first = first.substring(1);                    // a byte-order mark is not part of the first cell
        }
        cells.split(first, delimiter, source, lineNumber);
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
            throw new CsvFormatException(source, lineNumber, 0, "the line has " + columnCount
                    + " column but at least 2 are needed, the features and the label; check the delimiter ('"
                    + delimiter + "').");
        }
        features = new double[columnCount - 1];
    }

    private int resolveLabelColumn(CsvReader format) {
        if (format.labelName() != null) {
            int found = columnNames.indexOf(format.labelName());
            if (found < 0) {
                throw new CsvFormatException(source, lineNumber, 0, "no column is named \"" + format.labelName()
                        + "\"; the header has " + columnNames + ". Pass one of these names to label(...).");
            }
            return found;
        }
        int index = format.labelIndex();
        int resolved = index < 0 ? columnCount + index : index;
        if (resolved < 0 || resolved >= columnCount) {
            throw new CsvFormatException(source, lineNumber, 0, "label column index " + index
                    + " is out of range for a line of " + columnCount + " columns; use 0 to " + (columnCount - 1)
                    + ", or -1 to -" + columnCount + " to count from the end.");
        }
        return resolved;
    }

    /** Returns the next line that is not blank, counting every line read; null at the end. */
    private String nextNonBlankLine() throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                return null;
            }
            lineNumber++;
        } while (line.isBlank());
        return line;
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
            String line = nextNonBlankLine();
            if (line == null) {
                return false;
            }
            cells.split(line, delimiter, source, lineNumber);
        }
        rowLine = lineNumber;
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

    /** Parses a cell as a finite number, or throws naming where it is. */
    private double number(String cell, int column) {
        double value;
        try {
            value = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new CsvFormatException(source, rowLine, column + 1, "expected a number in the cell"
                    + columnName(column) + " but found \"" + cell + "\". Every column except the label must be numeric.");
        }
        if (!Double.isFinite(value)) {
            throw new CsvFormatException(source, rowLine, column + 1, "the cell" + columnName(column) + " holds "
                    + cell + "; every value must be finite. Remove or impute missing values first.");
        }
        return value;
    }

    private String columnName(int column) {
        return columnNames.isEmpty() ? "" : " of column \"" + columnNames.get(column) + "\"";
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
            throw new CsvFormatException(source, rowLine, labelColumn + 1, "the label \"" + label
                    + "\" is not one of the classes " + classes.names()
                    + "; add it to the class list, or fix the label.");
        }
        return c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
