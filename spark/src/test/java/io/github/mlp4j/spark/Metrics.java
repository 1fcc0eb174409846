package io.github.mlp4j.spark;

import io.github.mlp4j.Network;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

final class Metrics {
    private Metrics() {
    }

    /** {@return the share of rows (features vector, label) whose predicted class is the label} */
    static double accuracy(Network net, List<Row> rows) {
        int right = 0;
        for (Row r : rows) {
            if (net.predictClass(((Vector) r.get(0)).toArray()) == (int) r.getDouble(1)) {
                right++;
            }
        }
        return right / (double) rows.size();
    }
}
