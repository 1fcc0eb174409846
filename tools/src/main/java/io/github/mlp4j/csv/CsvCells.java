package io.github.mlp4j.csv;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads CSV text one line at a time and splits each line into cells as it goes, reusing its
 * arrays from line to line, so that memory stays bounded whatever the file holds: a cell longer
 * than {@link #MAX_CELL} characters or a line longer than {@link #MAX_LINE} is an error, and
 * cells beyond the number the caller expects are counted but not kept.
 *
 * <p>Cells are separated by the delimiter and trimmed of surrounding spaces and tabs. A cell may be
 * enclosed in double quotes, which lets it hold the delimiter; a doubled quote inside stands for
 * one quote. A quoted cell cannot span lines. Lines end with {@code \n}, {@code \r\n} or
 * {@code \r}; lines of white space only are skipped (but counted). A byte-order mark at the start
 * of the text is dropped. No regular expressions are used.
 */
final class CsvCells {
    /** The longest cell, in characters: far more than any number or label needs. */
    static final int MAX_CELL = 4096;
    /** The longest line, in characters. */
    static final int MAX_LINE = 1 << 23;

    private final Reader in;
    private final String source;
    private final char delimiter;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private boolean atStart = true;
    private String[] cells = new String[16];
    private int count;
    private final StringBuilder cell = new StringBuilder();
    private int lineNumber;

    CsvCells(Reader in, String source, char delimiter) {
        this.in = in;
        this.source = source;
        this.delimiter = delimiter;
    }

    /** Returns the next character, or -1 at the end of the text. */
    private int read() throws IOException {
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[position++];
    }

    /** Returns the next character without consuming it, or -1 at the end. */
    private int peek() throws IOException {
        int c = read();
        if (c >= 0) {
            position--;
        }
        return c;
    }

    /**
     * Reads the next line that is not blank and splits it; afterwards {@link #count()},
     * {@link #get(int)} and {@link #line()} describe it. Cells after the first {@code keep} are
     * counted but not kept.
     *
     * @return false at the end of the text
     * @throws CsvFormatException if a quote is not closed on its line or is followed by other
     *     text, or a cell or the line is too long
     */
    boolean next(int keep) throws IOException {
        while (true) {
            int c = read();
            if (c < 0) {
                return false;
            }
            position--;
            if (atStart) {
                atStart = false;
                if (c == '\uFEFF') {
                    position++;                                              // a byte-order mark is not part of the first cell
                }
            }
            lineNumber++;
            if (split(keep)) {
                return true;
            }
        }
    }

    /** Splits one line; returns false if it was blank. */
    private boolean split(int keep) throws IOException {
        count = 0;
        boolean blank = true;
        long length = 0;
        while (true) {
            cell.setLength(0);
            int c = read();
            while (c == ' ') {
                length++;
                c = read();
            }
            boolean last;
            boolean wasQuoted = c == '"';
            if (wasQuoted) {
                blank = false;
                c = quoted();
            } else {
                while (c >= 0 && c != delimiter && c != '\n' && c != '\r') {
                    blank &= Character.isWhitespace(c);
                    append((char) c);
                    c = read();
                }
            }
            length += cell.length() + 1;
            if (length > MAX_LINE) {
                throw new CsvFormatException(source, lineNumber, Math.min(count + 1, keep + 1), "the line is longer"
                        + " than " + MAX_LINE + " characters; a line holds one row. Check the line ends and the quotes.");
            }
            last = c != delimiter;
            if (!last && !Character.isWhitespace(delimiter)) {
                blank = false;
            }
            add(keep, wasQuoted);
            if (last) {
                if (c == '\r' && peek() == '\n') {
                    read();                                                  // \r\n ends one line
                }
                return !blank;
            }
        }
    }

    /** Reads a quoted cell after its opening quote; returns the character after it (a delimiter, a line end or -1). */
    private int quoted() throws IOException {
        while (true) {
            int c = read();
            if (c < 0 || c == '\n' || c == '\r') {
                throw new CsvFormatException(source, lineNumber, count + 1, "the quote opened here is not "
                        + "closed on this line; close it (cells cannot span lines).");
            }
            if (c == '"') {
                if (peek() == '"') {
                    read();
                    append('"');                                       // "" inside quotes stands for "
                    continue;
                }
                break;
            }
            append((char) c);
        }
        int c = read();
        while (c == ' ') {
            c = read();
        }
        if (c >= 0 && c != delimiter && c != '\n' && c != '\r') {
            throw new CsvFormatException(source, lineNumber, count + 1, "found \"" + (char) c
                    + "\" after the closing quote; a quoted cell must end at the delimiter.");
        }
        return c;
    }

    private void append(char c) {
        if (cell.length() == MAX_CELL) {
            throw new CsvFormatException(source, lineNumber, count + 1, "the cell is longer than " + MAX_CELL
                    + " characters (it starts \"" + abbreviate(cell) + "\"); a cell holds one number or label."
                    + " Check the delimiter ('" + delimiter + "') and the quotes.");
        }
        cell.append(c);
    }

    private void add(int keep, boolean wasQuoted) {
        if (count < keep) {
            if (count == cells.length) {
                cells = java.util.Arrays.copyOf(cells, 2 * count);
            }
            cells[count] = wasQuoted ? cell.toString() : trimmed(cell);
        }
        count++;
    }

    /** Returns {@code cell} without the spaces and tabs around it (other control characters stay, to be refused). */
    private static String trimmed(StringBuilder cell) {
        int from = 0;
        int to = cell.length();
        while (from < to && (cell.charAt(from) == ' ' || cell.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (cell.charAt(to - 1) == ' ' || cell.charAt(to - 1) == '\t')) {
            to--;
        }
        return cell.substring(from, to);
    }

    /** Returns the number of cells of the last line read, including those not kept. */
    int count() {
        return count;
    }

    /** Returns cell {@code i} (0-based, below the number kept) of the last line read. */
    String get(int i) {
        return cells[i];
    }

    /** Returns the 1-based line number of the last line read. */
    int line() {
        return lineNumber;
    }

    /** Returns {@code text}, or its first 40 characters and an ellipsis, for a message. */
    static String abbreviate(CharSequence text) {
        return text.length() <= 40 ? text.toString() : text.subSequence(0, 40) + "…";
    }
}
