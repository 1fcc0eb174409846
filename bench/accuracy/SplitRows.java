import io.github.mlp4j.csv.CsvReader;
import io.github.mlp4j.data.Dataset;
import io.github.mlp4j.data.Split;
import java.nio.file.Path;

/**
 * Prints the test rows of TrainCsv's split for each seed, so that scikit-learn trains and tests on
 * exactly the same rows.
 *
 * <p>Run {@code java -cp target/classes:tools/target/classes bench/accuracy/SplitRows.java FILE.csv
 * 1 2 3 4 5}. It reads the CSV as TrainCsv does (header line, label column {@code label}), makes the split that
 * TrainCsv makes for each seed ({@code Split.stratified(data, 0.2, seed)}) on a copy of the data
 * whose only feature is the row number, and prints one line per seed: the seed, then the 0-based
 * data-row numbers of the test part, separated by spaces.
 */
public final class SplitRows {
    private SplitRows() {
    }

    public static void main(String[] args) throws Exception {
        Dataset all = CsvReader.builder().label("label").build().read(Path.of(args[0]));
        double[][] index = new double[all.size()][1];
        for (int i = 0; i < index.length; i++) {
            index[i][0] = i;                                                 // the row number as the feature
        }
        Dataset rows = Dataset.of(index, all.y(), all.classNames());         // same labels, same split
        for (int a = 1; a < args.length; a++) {
            long seed = Long.parseLong(args[a]);
            Split.Result parts = Split.stratified(rows, 0.2, seed);
            StringBuilder line = new StringBuilder().append(seed);
            for (double[] r : parts.test().x()) {
                line.append(' ').append((int) r[0]);
            }
            System.out.println(line);
        }
    }
}
