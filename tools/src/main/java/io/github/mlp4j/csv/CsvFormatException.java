package io.github.mlp4j.csv;

/**
 * Thrown when a CSV file cannot be read as a data set; the message names the file, the 1-based
 * line and column, and what is wrong.
 *
 * <p>For example: {@code iris.csv, line 7, column 3: expected a number but found "abc".}
 * Problems with the file as a whole (it is empty, say) have no line or column, and problems with
 * a whole line (too few cells) have no column; {@link #line()} and {@link #column()} are 0 then.
 * It extends {@link IllegalArgumentException} because the file is, in the end, a bad argument.
 */
public class CsvFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The file name or other source description. */
    private final String source;
    /** The 1-based line number, or 0. */
    private final int line;
    /** The 1-based column number, or 0. */
    private final int column;

    /**
     * Creates an exception about one place in a CSV source.
     *
     * @param source the file name or another description of the source, such as {@code "iris.csv"}
     * @param line the 1-based line number, or 0 if the problem is not on one line
     * @param column the 1-based column number, or 0 if the problem is not in one column
     * @param problem what is wrong and what to do, as one or two sentences
     */
    public CsvFormatException(String source, int line, int column, String problem) {
        super(where(source, line, column) + problem);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    private static String where(String source, int line, int column) {
        StringBuilder s = new StringBuilder(String.valueOf(source));
        if (line > 0) {
            s.append(", line ").append(line);
        }
        if (column > 0) {
            s.append(", column ").append(column);
        }
        return s.append(": ").toString();
    }

    /**
     * Returns the file name or other description of the source.
     *
     * @return the source, as given to the reader
     */
    public String source() {
        return source;
    }

    /**
     * Returns the 1-based line number of the problem.
     *
     * @return the line number, or 0 if the problem is not on one line
     */
    public int line() {
        return line;
    }

    /**
     * Returns the 1-based column number of the problem.
     *
     * @return the column number, or 0 if the problem is not in one column
     */
    public int column() {
        return column;
    }
}
