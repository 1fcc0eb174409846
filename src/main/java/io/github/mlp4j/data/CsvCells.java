package io.github.mlp4j.data;

/**
 * Splits one CSV line into cells, reusing its cell array from line to line.
 *
 * <p>Cells are separated by the delimiter and trimmed of surrounding spaces. A cell may be
 * enclosed in double quotes, which lets it hold the delimiter; a doubled quote inside stands for
 * one quote. A quoted cell cannot span lines. No regular expressions are used.
 */
final class CsvCells {
    private String[] cells = new String[16];
    private int count;

    /**
     * Splits {@code line}; afterwards {@link #count()} and {@link #get(int)} describe its cells.
     *
     * @throws CsvFormatException if a quote is not closed or is followed by other text
     */
    void split(String line, char delimiter, String source, int lineNumber) {
        count = 0;
        int n = line.length();
        int start = 0;
        while (true) {
            int i = start;
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            if (i < n && line.charAt(i) == '"') {
                start = quoted(line, i, delimiter, source, lineNumber);
            } else {
                int end = line.indexOf(delimiter, start);
                if (end < 0) {
                    end = n;
                }
                add(line.substring(start, end).trim());
                start = end + 1;
            }
            if (start > n) {
                return;
            }
        }
    }

    /** Reads the quoted cell opening at {@code open}; returns the index after its delimiter. */
    private int quoted(String line, int open, char delimiter, String source, int lineNumber) {
        StringBuilder cell = new StringBuilder();
        int n = line.length();
        int i = open + 1;
        while (true) {
            if (i >= n) {
                throw new CsvFormatException(source, lineNumber, count + 1, "the quote opened here is not "
                        + "closed on this line; close it (cells cannot span lines).");
            }
            char c = line.charAt(i);
            if (c == '"') {
                if (i + 1 < n && line.charAt(i + 1) == '"') {
                    cell.append('"');                      // "" inside quotes stands for "
                    i += 2;
                    continue;
                }
                i++;
                break;
            }
            cell.append(c);
            i++;
        }
        while (i < n && line.charAt(i) == ' ') {
            i++;
        }
        if (i < n && line.charAt(i) != delimiter) {
            throw new CsvFormatException(source, lineNumber, count + 1, "found \"" + line.charAt(i)
                    + "\" after the closing quote; a quoted cell must end at the delimiter.");
        }
        add(cell.toString());
        return i + 1;
    }

    private void add(String cell) {
        if (count == cells.length) {
            cells = java.util.Arrays.copyOf(cells, 2 * count);
        }
        cells[count++] = cell;
    }

    /** Returns the number of cells of the last line split. */
    int count() {
        return count;
    }

    /** Returns cell {@code i} (0-based) of the last line split. */
    String get(int i) {
        return cells[i];
    }
}
