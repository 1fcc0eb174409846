import bench.common.Harness;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Workload P for Deeplearning4j 1.0.0-M2.1 (ND4J CPU backend): trains the M network
 * (Dense 784→128 ReLU, Dense 128→64 ReLU, Output 64→10 softmax with MCXENT, plain SGD, batch 32,
 * learning rate 0.05, Xavier init, seed 42) briefly, then times prediction exactly as mlp4j's
 * {@code Workloads.predictLatency} does.
 *
 * <p>Single row: {@code MultiLayerNetwork.output(INDArray)} on a 1×784 array, 20,000 warm-up calls
 * and 20,000 calls timed one by one with {@code System.nanoTime}, cycling over the 2,000 test rows;
 * median and 99th percentile. The 2,000 row arrays are made before timing (the input already in
 * ND4J's form); the output stays an ND4J array (not copied into a Java array). Batch:
 * {@code output(INDArray)} on the 2,000×784 test matrix, 20 warm-up and 15 timed calls,
 * rows per second from the median. {@code --dtype float} uses FLOAT for parameters and data, else DOUBLE.
 *
 * <p>Run with the peers' built DL4J module, one thread as the peers' run script sets it:
 * <pre>
 *   OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
 *     java -cp "$P/dl4j/target/classes:$(cat $P/dl4j/target/classpath.txt)" \
 *     bench/peers/Dl4jPredict.java --data $P/data [--dtype double|float] [--epochs 1] [--seed 42]
 * </pre>
 * Prints one JSON line.
 */
public final class Dl4jPredict {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        String dataDir = "data";
        int epochs = 1;
        long seed = 42;
        DataType type = DataType.DOUBLE;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> dataDir = args[++i];
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--dtype" -> type = switch (args[++i]) {
                    case "double" -> DataType.DOUBLE;
                    case "float" -> DataType.FLOAT;
                    default -> throw new IllegalArgumentException("--dtype must be double or float, found " + args[i]);
                };
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --data DIR [--dtype double|float] [--epochs 1] [--seed 42]");
            }
        }
        Harness.Config config = new Harness.Config();   // workload M: mnist_{train,test}.csv
        config.data = dataDir;
        Harness.Data d = Harness.load(config);

        // The network and the training loop of the peers' Dl4jBench.
        Nd4j.setDefaultDataTypes(type, type);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(type)
                .updater(new Sgd(0.05))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(128).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(128).nOut(64).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nIn(64).nOut(10).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray xTrain = Nd4j.create(d.xTrain).castTo(type);
        INDArray yTrain = Nd4j.create(d.targets(d.yTrain, false)).castTo(type);
        Random random = new Random(seed);
        int batch = 32;
        int n = d.xTrain.length;
        for (int e = 0; e < epochs; e++) {
            int[] order = Harness.permutation(random, n);
            for (int start = 0; start < n; start += batch) {
                int[] rows = Arrays.copyOfRange(order, start, Math.min(start + batch, n));
                net.fit(new DataSet(Nd4j.pullRows(xTrain, 1, rows), Nd4j.pullRows(yTrain, 1, rows)));
            }
        }

        INDArray xTest = Nd4j.create(d.xTest).castTo(type);
        INDArray[] x = new INDArray[d.xTest.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = Nd4j.create(new double[][] {d.xTest[i]}).castTo(type);        // 1 x 784
        }
        int calls = 20_000;
        long[] ns = new long[calls];
        for (int i = 0; i < calls; i++) {                                       // warm up
            net.output(x[i % x.length]);
        }
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            net.output(x[i % x.length]);
            ns[i] = System.nanoTime() - t0;
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        Arrays.sort(ns);

        double[] batchSeconds = new double[15];
        INDArray all = null;
        for (int r = -20; r < batchSeconds.length; r++) {                    // 20 warm-up calls, then 15 timed
            long t0 = System.nanoTime();
            all = net.output(xTest);
            if (r >= 0) {
                batchSeconds[r] = (System.nanoTime() - t0) / 1e9;
            }
        }
        Arrays.sort(batchSeconds);

        INDArray predicted = all.argMax(1);
        int correct = 0;
        for (int i = 0; i < x.length; i++) {
            correct += predicted.getInt(i) == d.yTest[i] ? 1 : 0;
        }
        String name = type == DataType.FLOAT ? "dl4j-float" : "dl4j";
        System.out.printf(Locale.ROOT, "{\"library\": \"%s\", \"version\": \"deeplearning4j-core/nd4j-native 1.0.0-M2.1\","
                        + " \"dtype\": \"%s\", \"workload\": \"P\", \"threads\": 1, \"nd4j_max_threads\": %d,"
                        + " \"single_row_api\": \"MultiLayerNetwork.output(INDArray 1x784)\","
                        + " \"single_row_median_us\": %.3f, \"single_row_p99_us\": %.3f,"
                        + " \"alloc_bytes_per_prediction\": %.1f, \"batch_api\": \"MultiLayerNetwork.output(INDArray 2000x784)\","
                        + " \"batch_rows\": %d, \"batch_rows_per_s\": %.1f, \"train_epochs\": %d, \"test_acc\": %.4f,"
                        + " \"load_avg\": %.2f}%n",
                name, type, Nd4j.getEnvironment().maxThreads(),
                ns[calls / 2] / 1e3, ns[(int) (calls * 0.99)] / 1e3, (double) allocated / calls,
                x.length, x.length / batchSeconds[batchSeconds.length / 2], epochs,
                (double) correct / x.length, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private Dl4jPredict() {
    }
}
