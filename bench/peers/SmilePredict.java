import bench.common.Harness;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import smile.base.mlp.Layer;
import smile.base.mlp.OutputFunction;
import smile.classification.MLP;
import smile.math.MathEx;
import smile.math.TimeFunction;

/**
 * Workload P for Smile 3.1.1: trains the M network (784-ReLU128-ReLU64-softmax10, cross-entropy,
 * mini-batch SGD, batch 32, learning rate 0.05, seed 42) briefly with Smile's own API, then times
 * prediction exactly as mlp4j's {@code Workloads.predictLatency} does.
 *
 * <p>Single row: {@code MLP.predict(double[] x, double[] posteriori)}, 20,000 warm-up calls and
 * 20,000 calls timed one by one with {@code System.nanoTime}, cycling over the 2,000 test rows;
 * median and 99th percentile. Batch: {@code MLP.predict(double[][] x, double[][] posteriori)} on the
 * 2,000 test rows, 20 warm-up and 15 timed calls, rows per second from the median.
 *
 * <p>Run with the peers' built Smile module (its classpath holds Smile and the peers' CSV loader):
 * <pre>
 *   OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 java -cp "$P/smile/target/classes:$(cat $P/smile/target/classpath.txt)" \
 *       bench/peers/SmilePredict.java --data $P/data [--epochs 1] [--seed 42]
 * </pre>
 * Prints one JSON line.
 */
public final class SmilePredict {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        String dataDir = "data";
        int epochs = 1;
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> dataDir = args[++i];
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --data DIR [--epochs 1] [--seed 42]");
            }
        }
        Harness.Config config = new Harness.Config();   // workload M: mnist_{train,test}.csv
        config.data = dataDir;
        Harness.Data d = Harness.load(config);
        org.bytedeco.openblas.global.openblas.blas_set_num_threads(1);

        // The network and the training loop of the peers' SmileBench.
        MathEx.setSeed(seed);
        MLP model = new MLP(Layer.input(784), Layer.rectifier(128), Layer.rectifier(64),
                Layer.mle(10, OutputFunction.SOFTMAX));
        model.setLearningRate(TimeFunction.constant(0.05));
        Random random = new Random(seed);
        int batch = 32;
        int n = d.xTrain.length;
        for (int e = 0; e < epochs; e++) {
            int[] order = Harness.permutation(random, n);
            for (int start = 0; start < n; start += batch) {
                int m = Math.min(batch, n - start);
                double[][] xb = new double[m][];
                int[] yb = new int[m];
                for (int i = 0; i < m; i++) {
                    xb[i] = d.xTrain[order[start + i]];
                    yb[i] = d.yTrain[order[start + i]];
                }
                model.update(xb, yb);
            }
        }

        double[][] x = d.xTest;
        double[] posteriori = new double[10];
        int calls = 20_000;
        long[] ns = new long[calls];
        for (int i = 0; i < calls; i++) {                                       // warm up
            model.predict(x[i % x.length], posteriori);
        }
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            model.predict(x[i % x.length], posteriori);
            ns[i] = System.nanoTime() - t0;
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        Arrays.sort(ns);

        double[][] all = new double[x.length][10];
        double[] batchSeconds = new double[15];
        int[] predicted = null;
        for (int r = -20; r < batchSeconds.length; r++) {                    // 20 warm-up calls, then 15 timed
            long t0 = System.nanoTime();
            predicted = model.predict(x, all);
            if (r >= 0) {
                batchSeconds[r] = (System.nanoTime() - t0) / 1e9;
            }
        }
        Arrays.sort(batchSeconds);

        int correct = 0;
        for (int i = 0; i < x.length; i++) {
            correct += predicted[i] == d.yTest[i] ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "{\"library\": \"smile\", \"version\": \"smile-core 3.1.1\", \"workload\": \"P\","
                        + " \"threads\": 1, \"single_row_api\": \"MLP.predict(double[], double[])\","
                        + " \"single_row_median_us\": %.3f, \"single_row_p99_us\": %.3f,"
                        + " \"alloc_bytes_per_prediction\": %.1f, \"batch_api\": \"MLP.predict(double[][], double[][])\","
                        + " \"batch_rows\": %d, \"batch_rows_per_s\": %.1f, \"train_epochs\": %d, \"test_acc\": %.4f,"
                        + " \"load_avg\": %.2f}%n",
                ns[calls / 2] / 1e3, ns[(int) (calls * 0.99)] / 1e3, (double) allocated / calls,
                x.length, x.length / batchSeconds[batchSeconds.length / 2], epochs,
                (double) correct / x.length, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private SmilePredict() {
    }
}
