import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Times three forms of the forward product {@code z = x·W} (784 inputs, {@code out} outputs, a
 * batch of {@code n} rows) as plain loops, to show what HotSpot's C2 makes of each on this CPU:
 *
 * <ul>
 *   <li>{@code four-rows}: the form of {@code Kernels.forward} — blocks of 16 rows of {@code W},
 *       and per batch row {@code z += x_k·W_k + … + x_k+3·W_k+3} (a zero group skipped);</li>
 *   <li>{@code two-batch-rows}: the same with two batch rows per pass, so each load of {@code W}
 *       serves two rows (register blocking over rows);</li>
 *   <li>{@code fma}: {@code four-rows} with {@link Math#fma} (other bits; for speed only).</li>
 * </ul>
 *
 * <p>Each form is written out in full, not shared through a helper or a lambda: C2 compiles each
 * loop on its own, and the point is to see what it makes of exactly that loop.
 *
 * <p>Run {@code java bench/ForwardLoops.java [dense|FILE.csv] [out] [n]}: random dense inputs by
 * default, or the first n rows of an MNIST CSV (label first). Add
 * {@code -XX:ObjectAlignmentInBytes=64} before the file name to see how much the loops depend on
 * where the JVM places the row arrays. Prints GFLOP/s counting only the products not skipped.
 */
public final class ForwardLoops {
    private static final int K_BLOCK = 16;

    private ForwardLoops() {
    }

    interface Loop {
        void run(double[][] w, int out, double[][] x, double[][] z, int in, int rows);
    }

    static void fourRows(double[][] w, int out, double[][] x, double[][] z, int in, int rows) {
        for (int i = 0; i < rows; i++) {
            Arrays.fill(z[i], 0, out, 0.0);
        }
        for (int k0 = 0; k0 < in; k0 += K_BLOCK) {
            int k1 = Math.min(in, k0 + K_BLOCK);
            for (int i = 0; i < rows; i++) {
                double[] xi = x[i];
                double[] zi = z[i];
                for (int k = k0; k + 4 <= k1; k += 4) {
                    double x0 = xi[k], x1 = xi[k + 1], x2 = xi[k + 2], x3 = xi[k + 3];
                    if (x0 == 0.0 && x1 == 0.0 && x2 == 0.0 && x3 == 0.0) {
                        continue;
                    }
                    double[] w0 = w[k], w1 = w[k + 1], w2 = w[k + 2], w3 = w[k + 3];
                    for (int j = 0; j < out; j++) {
                        zi[j] += x0 * w0[j] + x1 * w1[j] + x2 * w2[j] + x3 * w3[j];
                    }
                }
            }
        }
    }

    static void twoBatchRows(double[][] w, int out, double[][] x, double[][] z, int in, int rows) {
        for (int i = 0; i < rows; i++) {
            Arrays.fill(z[i], 0, out, 0.0);
        }
        for (int k0 = 0; k0 < in; k0 += K_BLOCK) {
            int k1 = Math.min(in, k0 + K_BLOCK);
            for (int i = 0; i + 2 <= rows; i += 2) {                           // n is even here
                double[] xa = x[i], za = z[i], xb = x[i + 1], zb = z[i + 1];
                for (int k = k0; k + 4 <= k1; k += 4) {
                    double a0 = xa[k], a1 = xa[k + 1], a2 = xa[k + 2], a3 = xa[k + 3];
                    double b0 = xb[k], b1 = xb[k + 1], b2 = xb[k + 2], b3 = xb[k + 3];
                    if (a0 == 0.0 && a1 == 0.0 && a2 == 0.0 && a3 == 0.0
                            && b0 == 0.0 && b1 == 0.0 && b2 == 0.0 && b3 == 0.0) {
                        continue;
                    }
                    double[] w0 = w[k], w1 = w[k + 1], w2 = w[k + 2], w3 = w[k + 3];
                    for (int j = 0; j < out; j++) {
                        double u0 = w0[j], u1 = w1[j], u2 = w2[j], u3 = w3[j];
                        za[j] += a0 * u0 + a1 * u1 + a2 * u2 + a3 * u3;
                        zb[j] += b0 * u0 + b1 * u1 + b2 * u2 + b3 * u3;
                    }
                }
            }
        }
    }

    static void fma(double[][] w, int out, double[][] x, double[][] z, int in, int rows) {
        for (int i = 0; i < rows; i++) {
            Arrays.fill(z[i], 0, out, 0.0);
        }
        for (int k0 = 0; k0 < in; k0 += K_BLOCK) {
            int k1 = Math.min(in, k0 + K_BLOCK);
            for (int i = 0; i < rows; i++) {
                double[] xi = x[i];
                double[] zi = z[i];
                for (int k = k0; k + 4 <= k1; k += 4) {
                    double x0 = xi[k], x1 = xi[k + 1], x2 = xi[k + 2], x3 = xi[k + 3];
                    if (x0 == 0.0 && x1 == 0.0 && x2 == 0.0 && x3 == 0.0) {
                        continue;
                    }
                    double[] w0 = w[k], w1 = w[k + 1], w2 = w[k + 2], w3 = w[k + 3];
                    for (int j = 0; j < out; j++) {
                        zi[j] = Math.fma(x3, w3[j], Math.fma(x2, w2[j], Math.fma(x1, w1[j], Math.fma(x0, w0[j], zi[j]))));
                    }
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        String source = args.length > 0 ? args[0] : "dense";
        int out = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int n = args.length > 2 ? Integer.parseInt(args[2]) & ~1 : 256;
        int in = 784;
        Random random = new Random(1);
        double[][] x = new double[n][in];
        if (source.equals("dense")) {
            for (double[] row : x) {
                for (int k = 0; k < in; k++) {
                    row[k] = random.nextDouble();
                }
            }
        } else {
            List<String> lines = Files.readAllLines(Path.of(source));
            for (int i = 0; i < n; i++) {
                String[] f = lines.get(i).split(",");
                for (int k = 0; k < in; k++) {
                    x[i][k] = Double.parseDouble(f[k + 1]);
                }
            }
        }
        double[][] w = new double[in][out];
        for (double[] row : w) {
            for (int j = 0; j < out; j++) {
                row[j] = random.nextGaussian();
            }
        }
        double[][] z = new double[n][out];
        long groups = 0;
        for (double[] row : x) {
            for (int k = 0; k < in; k += 4) {
                if (row[k] != 0 || row[k + 1] != 0 || row[k + 2] != 0 || row[k + 3] != 0) {
                    groups++;
                }
            }
        }
        String[] names = {"four-rows", "two-batch-rows", "fma"};
        Loop[] loops = {ForwardLoops::fourRows, ForwardLoops::twoBatchRows, ForwardLoops::fma};
        double[][] gflops = new double[loops.length][7];
        int repeats = Math.max(5, 20_000_000 / (n * in * out / 16));
        for (int trial = 0; trial < 7; trial++) {
            for (int v = 0; v < loops.length; v++) {
                for (int q = 0; q < 3; q++) {
                    loops[v].run(w, out, x, z, in, n);
                }
                long start = System.nanoTime();
                for (int q = 0; q < repeats; q++) {
                    loops[v].run(w, out, x, z, in, n);
                }
                double seconds = (System.nanoTime() - start) / 1e9 / repeats;
                gflops[v][trial] = 2.0 * groups * 4 * out / seconds / 1e9;
            }
        }
        StringBuilder json = new StringBuilder("{\"probe\": \"forward-loops\", \"data\": \"" + source
                + "\", \"out\": " + out + ", \"rows\": " + n);
        for (int v = 0; v < loops.length; v++) {
            double[] g = gflops[v];
            Arrays.sort(g, 2, g.length);                                       // the first two trials warm up
            json.append(String.format(", \"%s_gflops\": %.1f", names[v], g[2 + (g.length - 2) / 2]));
        }
        System.out.println(json.append("}"));
    }
}
