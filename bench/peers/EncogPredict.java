import bench.common.Harness;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Random;
import org.encog.Encog;
import org.encog.engine.network.activation.ActivationReLU;
import org.encog.engine.network.activation.ActivationSoftMax;
import org.encog.mathutil.randomize.XaiverRandomizer;
import org.encog.ml.data.basic.BasicMLDataSet;
import org.encog.neural.error.CrossEntropyErrorFunction;
import org.encog.neural.networks.BasicNetwork;
import org.encog.neural.networks.layers.BasicLayer;
import org.encog.neural.networks.training.propagation.back.Backpropagation;

/**
 * Workload P for Encog 3.4: trains the M network (784-ReLU128-ReLU64-SoftMax10, cross-entropy
 * error, Backpropagation without momentum, 32-sample batches, learning rate 0.05 for the mean
 * convention, Xavier init, seed 42) briefly, then times prediction exactly as mlp4j's
 * {@code Workloads.predictLatency} does.
 *
 * <p>Single row: {@code BasicNetwork.compute(double[] input, double[] output)}, 20,000 warm-up calls
 * and 20,000 calls timed one by one with {@code System.nanoTime}, cycling over the 2,000 test rows;
 * median and 99th percentile. Batch: Encog has no batch prediction, so the batch is the same call
 * over the 2,000 test rows into preallocated outputs, 20 warm-up and 15 timed passes,
 * rows per second from the median. Encog computes on the calling thread only.
 *
 * <p>Run with the peers' built Encog module:
 * <pre>
 *   java -cp "$P/encog/target/classes:$(cat $P/encog/target/classpath.txt)" \
 *       bench/peers/EncogPredict.java --data $P/data [--epochs 1] [--seed 42]
 * </pre>
 * Prints one JSON line.
 */
public final class EncogPredict {
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

        // The network and the training of the peers' EncogBench: Encog sums the gradient over a
        // batch, so the rate is 0.05 / 32, and setBatchSize(2 * 32 - 1) gives 32-sample batches
        // (Encog's Propagation counts each sample twice; see the peers' EncogBench).
        BasicNetwork net = new BasicNetwork();
        net.addLayer(new BasicLayer(null, true, 784));
        net.addLayer(new BasicLayer(new ActivationReLU(), true, 128));
        net.addLayer(new BasicLayer(new ActivationReLU(), true, 64));
        net.addLayer(new BasicLayer(new ActivationSoftMax(), false, 10));
        net.getStructure().finalizeStructure();
        new XaiverRandomizer(seed).randomize(net);
        BasicMLDataSet train = new BasicMLDataSet(d.xTrain, d.targets(d.yTrain, false));
        int batch = 32;
        Backpropagation backprop = new Backpropagation(net, train, 0.05 / batch, 0.0);
        backprop.setErrorFunction(new CrossEntropyErrorFunction());
        backprop.fixFlatSpot(false);
        backprop.setBatchSize(2 * batch - 1);
        backprop.setThreadCount(1);
        Random random = new Random(seed);
        for (int e = 0; e < epochs; e++) {
            Collections.shuffle(train.getData(), random);
            backprop.iteration();
        }

        double[][] x = d.xTest;
        double[] out = new double[10];
        int calls = 20_000;
        long[] ns = new long[calls];
        for (int i = 0; i < calls; i++) {                                       // warm up
            net.compute(x[i % x.length], out);
        }
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            net.compute(x[i % x.length], out);
            ns[i] = System.nanoTime() - t0;
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        Arrays.sort(ns);

        double[][] all = new double[x.length][10];
        double[] batchSeconds = new double[15];
        for (int r = -20; r < batchSeconds.length; r++) {                    // 20 warm-up calls, then 15 timed
            long t0 = System.nanoTime();
            for (int i = 0; i < x.length; i++) {
                net.compute(x[i], all[i]);
            }
            if (r >= 0) {
                batchSeconds[r] = (System.nanoTime() - t0) / 1e9;
            }
        }
        Arrays.sort(batchSeconds);

        int correct = 0;
        for (int i = 0; i < x.length; i++) {
            int best = 0;
            for (int k = 1; k < 10; k++) {
                best = all[i][k] > all[i][best] ? k : best;
            }
            correct += best == d.yTest[i] ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "{\"library\": \"encog\", \"version\": \"encog-core 3.4\", \"workload\": \"P\","
                        + " \"threads\": 1, \"single_row_api\": \"BasicNetwork.compute(double[], double[])\","
                        + " \"single_row_median_us\": %.3f, \"single_row_p99_us\": %.3f,"
                        + " \"alloc_bytes_per_prediction\": %.1f, \"batch_api\": \"compute(double[], double[]) per row\","
                        + " \"batch_rows\": %d, \"batch_rows_per_s\": %.1f, \"train_epochs\": %d, \"test_acc\": %.4f,"
                        + " \"load_avg\": %.2f}%n",
                ns[calls / 2] / 1e3, ns[(int) (calls * 0.99)] / 1e3, (double) allocated / calls,
                x.length, x.length / batchSeconds[batchSeconds.length / 2], epochs,
                (double) correct / x.length, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Encog.getInstance().shutdown();
    }

    private EncogPredict() {
    }
}
