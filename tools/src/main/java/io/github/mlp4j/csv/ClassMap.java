package io.github.mlp4j.csv;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The mapping from the text of a label cell to a class index, shared by {@link CsvReader} and
 * {@link CsvBatchSource} so that both number the classes the same way.
 */
final class ClassMap {
    /** The largest integer label accepted as a class number; larger labels are read as names. */
    static final int MAX_INTEGER_LABEL = 65_535;
    /** The most classes inferred from a file's labels; more must be given with {@code classes(...)}. */
    static final int MAX_INFERRED_CLASSES = 10_000;

    private final List<String> names;
    private final Map<String, Integer> index;

    private ClassMap(List<String> names) {
        this.names = List.copyOf(names);
        this.index = new HashMap<>();
        for (int c = 0; c < names.size(); c++) {
            index.putIfAbsent(names.get(c), c);
        }
    }

    /** Returns the mapping of a class list given by the user: label {@code names.get(c)} is class c. */
    static ClassMap given(List<String> names) {
        return new ClassMap(names);
    }

    /**
     * Returns the mapping inferred from the distinct labels of a file: if every label is a plain
     * non-negative integer (no sign, no leading zero, at most {@link #MAX_INTEGER_LABEL}), label
     * {@code "c"} is class c and the classes are 0..max; otherwise the classes are the distinct
     * labels in sorted ({@link String#compareTo}) order.
     */
    static ClassMap infer(Collection<String> distinct, String source) {
        int max = -1;
        for (String label : distinct) {
            int value = plainInteger(label);
            if (value < 0) {
                return new ClassMap(new ArrayList<>(new TreeSet<>(distinct)));
            }
            max = Math.max(max, value);
        }
        if (max + 1 > 2 * distinct.size() + 16) {
            throw new CsvFormatException(source, 0, 0, "the labels are integers from 0 to " + max + ", which makes "
                    + (max + 1) + " classes, but only " + distinct.size() + " distinct labels appear ("
                    + describe(new ArrayList<>(new TreeSet<>(distinct))) + "); a label may be a typo. Fix it, or give"
                    + " the classes with CsvReader.builder().classes(...).");
        }
        List<String> names = new ArrayList<>(max + 1);
        for (int c = 0; c <= max; c++) {
            names.add(Integer.toString(c));
        }
        return new ClassMap(names);
    }

    /**
     * Checks, while distinct labels are being collected, that there are not too many to infer
     * classes from.
     *
     * @throws CsvFormatException naming the count, the line and the fixes
     */
    static void checkDistinct(int distinct, String source, int line, int column) {
        if (distinct > MAX_INFERRED_CLASSES) {
            throw new CsvFormatException(source, line, column, "the label column holds more than "
                    + MAX_INFERRED_CLASSES + " distinct labels by this line, too many to infer classes from. Is it the"
                    + " label column? For numeric targets use Target.REGRESSION; for that many classes give them with"
                    + " CsvReader.builder().classes(...).");
        }
    }

    /** Returns the first ten names of a list (each cut to 40 characters) and its size, for messages. */
    static String describe(List<String> names) {
        StringBuilder s = new StringBuilder("[");
        for (int c = 0; c < Math.min(10, names.size()); c++) {
            s.append(c == 0 ? "" : ", ").append(CsvCells.abbreviate(names.get(c)));
        }
        return (names.size() <= 10 ? s : s.append(", … (").append(names.size()).append(" in all)")).append("]").toString();
    }

    /** Returns the first class names and the number of classes, for messages. */
    String describe() {
        return describe(names);
    }

    /** Returns the value of a plain non-negative integer label, or -1 if the label is not one. */
    private static int plainInteger(String label) {
        int n = label.length();
        if (n == 0 || n > 5 || (n > 1 && label.charAt(0) == '0')) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < n; i++) {
            char c = label.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = 10 * value + (c - '0');
        }
        return value <= MAX_INTEGER_LABEL ? value : -1;
    }

    /** Returns the class index of a label, or -1 if it is not one of the classes. */
    int indexOf(String label) {
        Integer c = index.get(label);
        return c == null ? -1 : c;
    }

    /** Returns the class names in index order. */
    List<String> names() {
        return names;
    }

    /** Returns the number of classes. */
    int size() {
        return names.size();
    }
}
