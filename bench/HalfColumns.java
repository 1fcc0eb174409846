import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Times the two largest loops of a training step of workload M on all 128 columns of the first
 * layer and on half of them, on one thread: the forward loop {@code z += x·W} (the form of
 * {@code Kernels.forward}, four rows of {@code W} per pass, zero groups skipped) and the weight
 * update {@code W ← W − ε·xᵀ·δ} (the form of {@code Kernels.weightUpdate}, four batch rows per
 * pass). Splitting a layer between two threads by columns gives each thread half the columns;
 * if half the columns took half the time, two threads could come near 2× on these loops.
 *
 * <p>Run {@code java bench/HalfColumns.java [dense|FILE.csv] [rows]} (a CSV of label then 784
 * pixels, such as the peers' {@code mnist_test.csv}; default dense random rows, 32 rows). It
 * prints one JSON line: µs per call for columns 0..127, 0..63 and 64..127, medians of 7 trials.
 */
public final class HalfColumns {
    private static final int K_BLOCK = 16;
    private static final int IN = 784;
    private static final int OUT = 128;

    private HalfColumns() {
    }

    /** {@code z[i][j0..j1) += Σ_k x[i][k]·W[k][j0..j1)}, blocked as Kernels.forward is. */
    static void forward(double[][] w, double[][] x, double[][] z, int rows, int j0, int j1) {
        for (int i = 0; i < rows; i++) {
            Arrays.fill(z[i], j0, j1, 0.0);
        }
        for (int k0 = 0; k0 < IN; k0 += K_BLOCK) {
            for (int i = 0; i < rows; i++) {
                double[] xi = x[i];
                double[] zi = z[i];
                for (int k = k0; k < k0 + K_BLOCK; k += 4) {
                    double x0 = xi[k], x1 = xi[k + 1], x2 = xi[k + 2], x3 = xi[k + 3];
                    if (x0 == 0.0 && x1 == 0.0 && x2 == 0.0 && x3 == 0.0) {
                        continue;
                    }
                    double[] w0 = w[k], w1 = w[k + 1], w2 = w[k + 2], w3 = w[k + 3];
                    for (int j = j0; j < j1; j++) {
                        zi[j] += x0 * w0[j] + x1 * w1[j] + x2 * w2[j] + x3 * w3[j];
                    }
                }
            }
        }
    }

    /** {@code W[k][j0..j1) −= ε·Σ_i x[i][k]·δ[i][j0..j1)}, a block of K_BLOCK rows at a time. */
    static void update(double[][] w, double[][] x, double[][] d, double[][] g, int rows, int j0, int j1) {
        for (int k0 = 0; k0 < IN; k0 += K_BLOCK) {
            for (int k = k0; k < k0 + K_BLOCK; k++) {
                Arrays.fill(g[k - k0], j0, j1, 0.0);
            }
            for (int i = 0; i + 4 <= rows; i += 4) {
                double[] d0 = d[i], d1 = d[i + 1], d2 = d[i + 2], d3 = d[i + 3];
                for (int k = k0; k < k0 + K_BLOCK; k++) {
                    double x0 = x[i][k], x1 = x[i + 1][k], x2 = x[i + 2][k], x3 = x[i + 3][k];
                    if (x0 == 0.0 && x1 == 0.0 && x2 == 0.0 && x3 == 0.0) {
                        continue;
                    }
                    double[] gk = g[k - k0];
                    for (int j = j0; j < j1; j++) {
                        gk[j] += x0 * d0[j] + x1 * d1[j] + x2 * d2[j] + x3 * d3[j];
                    }
                }
            }
            for (int k = k0; k < k0 + K_BLOCK; k++) {
                double[] wk = w[k];
                double[] gk = g[k - k0];
                for (int j = j0; j < j1; j++) {
                    wk[j] -= 1e-9 * gk[j];
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        String source = args.length > 0 ? args[0] : "dense";
        int rows = args.length > 1 ? Integer.parseInt(args[1]) & ~3 : 32;
        Random random = new Random(1);
        double[][] x = new double[rows][IN];
        if (source.equals("dense")) {
            for (double[] row : x) {
                for (int k = 0; k < IN; k++) {
                    row[k] = random.nextDouble();
                }
            }
        } else {
            List<String> lines = Files.readAllLines(Path.of(source));
            for (int i = 0; i < rows; i++) {
                String[] f = lines.get(i).split(",");                        // label, then the pixels
                for (int k = 0; k < IN; k++) {
                    x[i][k] = Double.parseDouble(f[k + 1]);
                }
            }
        }
        double[][] w = new double[IN][OUT];
        for (double[] row : w) {
            for (int j = 0; j < OUT; j++) {
                row[j] = random.nextGaussian() * 0.05;
            }
        }
        double[][] d = new double[rows][OUT];
        for (double[] row : d) {
            for (int j = 0; j < OUT; j++) {
                row[j] = random.nextGaussian() * 1e-3;
            }
        }
        double[][] z = new double[rows][OUT];
        double[][] g = new double[K_BLOCK][OUT];
        int[][] ranges = {{0, OUT}, {0, OUT / 2}, {OUT / 2, OUT}};
        double[][] forwardUs = new double[ranges.length][7];
        double[][] updateUs = new double[ranges.length][7];
        int calls = Math.max(50, 20_000 * 32 / rows);
        for (int trial = 0; trial < 9; trial++) {
            for (int r = 0; r < ranges.length; r++) {
                int j0 = ranges[r][0];
                int j1 = ranges[r][1];
                long t0 = System.nanoTime();
                for (int c = 0; c < calls; c++) {
                    forward(w, x, z, rows, j0, j1);
                }
                long t1 = System.nanoTime();
                for (int c = 0; c < calls; c++) {
                    update(w, x, d, g, rows, j0, j1);
                }
                long t2 = System.nanoTime();
                if (trial >= 2) {                                                // the first two trials warm up
                    forwardUs[r][trial - 2] = (t1 - t0) / 1e3 / calls;
                    updateUs[r][trial - 2] = (t2 - t1) / 1e3 / calls;
                }
            }
        }
        StringBuilder json = new StringBuilder("{\"probe\": \"half-columns\", \"data\": \"" + source
                + "\", \"rows\": " + rows);
        String[] names = {"all", "first_half", "second_half"};
        for (int r = 0; r < ranges.length; r++) {
            Arrays.sort(forwardUs[r]);
            Arrays.sort(updateUs[r]);
            json.append(String.format(", \"forward_%s_us\": %.1f, \"update_%s_us\": %.1f", names[r],
                    forwardUs[r][3], names[r], updateUs[r][3]));
        }
        System.out.println(json.append("}"));
    }
}
