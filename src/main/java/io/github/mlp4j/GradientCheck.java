package io.github.mlp4j;

import io.github.mlp4j.internal.Checks;
import io.github.mlp4j.internal.Rng;
import java.util.BitSet;
import java.util.Objects;

/**
 * Compares analytic gradients with central finite differences, for networks and for the pieces
 * they are made of: activations, losses and layers of your own.
 *
 * <p>Each parameter {@code θ_p} (or input {@code z_ij}) is moved by {@code ±h} and {@code ±2h},
 * and the numerical derivative is the fourth-order central difference
 * <pre>
 *   n = (C(θ − 2h·e_p) − 8·C(θ − h·e_p) + 8·C(θ + h·e_p) − C(θ + 2h·e_p)) / 12h
 * </pre>
 * It is compared with the analytic derivative {@code g} by the relative error
 * {@code |g − n| / max(|g| + |n|, 1e−6)}. The floor 1e−6 in the denominator keeps rounding
 * noise from counting as an error where both derivatives are near zero (a ReLU unit that is off
 * has {@code g = 0} exactly, and {@code n} is then a few times 1e−13): for such entries the check
 * becomes an absolute one, and a difference must stay below about 1e−12 to pass 1e−6. The fourth-order formula lets {@code h} be larger
 * ({@link #DEFAULT_STEP} = 1e−3) than the plain {@code (C(θ+h) − C(θ−h)) / 2h} allows, so that
 * rounding in {@code C} stays small even for tiny gradients: a correct gradient gives errors
 * near 1e−9 and below 1e−6 even where {@code |g|} is near 1e−6. A smaller {@code h} is not
 * better, as rounding error grows when {@code h} shrinks.
 *
 * <p>An entry where either derivative is NaN or infinite counts as an error of {@code +∞}, so
 * the check fails at the first such entry whatever the tolerance.
 *
 * <p>Functions with kinks (ReLU at 0) have no derivative there: a parameter whose steps move
 * some pre-activation of a kinked layer across 0 (or off exactly 0) is skipped and counted in
 * {@link Result#skipped()}.
 *
 * <p>This class has only static methods. They leave the network's parameters as they found them,
 * but they change them while they run: do not predict from another thread meanwhile.
 */
public final class GradientCheck {
    /** The default finite-difference step. */
    public static final double DEFAULT_STEP = 1e-3;

    private static final double FLOOR = 1e-6;

    private GradientCheck() {
    }

    /**
     * The outcome of a gradient check.
     *
     * @param maxRelativeError the largest relative error over the checked entries
     * @param worstIndex the index of the entry with that error (a parameter index, or
     *     {@code row·width + column} for activations and losses), or −1 if none was checked
     * @param analytic the analytic derivative at that entry
     * @param numeric the central-difference derivative at that entry
     * @param checked how many entries were compared
     * @param skipped how many entries were skipped because their step crossed a kink
     */
    public record Result(double maxRelativeError, int worstIndex, double analytic, double numeric, int checked,
            int skipped) {

        /**
         * Returns whether the largest relative error is at most {@code tolerance}.
         *
         * @param tolerance such as 1e−6
         * @return true if the check passes
         */
        public boolean passes(double tolerance) {
            return maxRelativeError <= tolerance;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "largest relative error %.3g at index %d (analytic %.10g, numeric %.10g); %d checked, %d skipped",
                    maxRelativeError, worstIndex, analytic, numeric, checked, skipped);
        }
    }

    /**
     * Checks {@link Network#gradient} against central differences of {@link Network#loss} for every
     * parameter, with step {@link #DEFAULT_STEP}.
     *
     * @param network the network; its parameters are restored afterwards
     * @param x the inputs, (n × inputSize); not modified
     * @param y the targets, (n × outputSize); not modified
     * @return the largest relative error and where it occurred
     */
    public static Result network(Network network, double[][] x, double[][] y) {
        return network(network, x, y, DEFAULT_STEP);
    }

    /**
     * Checks {@link Network#gradient} against fourth-order central differences with step {@code h}.
     *
     * @param network the network; its parameters are restored afterwards
     * @param x the inputs, (n × inputSize); not modified
     * @param y the targets, (n × outputSize); not modified
     * @param h the finite-difference step, positive and finite
     * @return the largest relative error and where it occurred
     */
    public static Result network(Network network, double[][] x, double[][] y, double h) {
        Objects.requireNonNull(network, "network");
        Checks.positiveFinite(h, "h", "1e-3");
        double[] analytic = network.gradient(x, y);
        double[] theta = network.parameters();
        Worst worst = new Worst();
        try {
            BitSet base = network.kinkPattern(x);
            double[] costs = new double[STENCIL.length];
            for (int p = 0; p < theta.length; p++) {
                double original = theta[p];
                boolean crossesKink = false;
                for (int s = 0; s < STENCIL.length; s++) {
                    theta[p] = original + STENCIL[s] * h;
                    network.setParameters(theta);
                    costs[s] = network.loss(x, y);
                    crossesKink |= !network.kinkPattern(x).equals(base);
                }
                theta[p] = original;
                if (crossesKink) {
                    worst.skipped++;
                    continue;
                }
                worst.compare(p, analytic[p], derivative(costs, h));
            }
        } finally {
            network.setParameters(theta);
        }
        return worst.result();
    }

    /**
     * Checks an activation's {@code backward} against central differences of its {@code forward}:
     * for a seeded random upstream gradient {@code G}, compares {@code backward(z, f(z), G)} with
     * the derivative of {@code Σ G ⊙ f(z)} with respect to each {@code z_ij}.
     *
     * @param activation the activation
     * @param z the points to check at, (rows × width); not modified
     * @return the largest relative error, indexed {@code row·width + column}
     */
    public static Result activation(Activation activation, double[][] z) {
        Objects.requireNonNull(activation, "activation");
        int width = Checks.matrix(z, "z");
        int rows = z.length;
        Rng rng = new Rng(DEFAULT_STEP_SEED);
        double[][] upstream = new double[rows][width];
        for (double[] row : upstream) {
            for (int j = 0; j < width; j++) {
                row[j] = rng.nextDouble(-1, 1);
            }
        }
        double[][] zz = Checks.copy(z);
        double[][] a = new double[rows][width];
        activation.forward(zz, a, 0, rows, width);
        double[][] analytic = new double[rows][width];
        activation.backward(zz, a, upstream, analytic, 0, rows, width);
        return compareEntries(zz, analytic, activation.hasKinks(),
                i -> weightedRowSum(activation, zz, i, width, upstream[i]));
    }

    /**
     * Checks a loss's {@code delta} (its {@code ∂C/∂z} through the head activation) against central
     * differences of its {@code cost} with respect to each logit {@code z_ij}.
     *
     * @param loss the loss
     * @param head the output activation it is paired with
     * @param z the logits, (rows × width); not modified
     * @param y the targets, (rows × width); not modified
     * @return the largest relative error, indexed {@code row·width + column}
     */
    public static Result loss(Loss loss, Activation head, double[][] z, double[][] y) {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(head, "head");
        int width = Checks.matrix(z, "z");
        Checks.width(Checks.matrix(y, "y"), width, "y", "columns in z");
        Checks.sameRows(z, y);
        int rows = z.length;
        double[][] zz = Checks.copy(z);
        double[][] a = new double[rows][width];
        head.forward(zz, a, 0, rows, width);
        double[][] analytic = new double[rows][width];
        loss.delta(head, zz, a, y, rows, width, analytic);
        return compareEntries(zz, analytic, head.hasKinks(), i -> {
            head.forward(zz, a, i, i + 1, width);                            // ŷ of the moved row
            return loss.cost(zz, a, y, rows, width);
        });
    }

    /**
     * Compares {@code analytic[i][j]} with the fourth-order central difference of
     * {@code cost(i)} as {@code z[i][j]} moves, for every entry; entries whose steps reach a kink
     * are skipped when {@code kinks} is set. {@code z} is restored, and {@code cost(i)} is called
     * once more on the restored row so that any state it keeps for the row is restored too.
     */
    private static Result compareEntries(double[][] z, double[][] analytic, boolean kinks,
            java.util.function.IntToDoubleFunction cost) {
        Worst worst = new Worst();
        double h = DEFAULT_STEP;
        double[] costs = new double[STENCIL.length];
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < z[i].length; j++) {
                double original = z[i][j];
                if (kinks && crosses(original, h)) {
                    worst.skipped++;
                    continue;
                }
                for (int s = 0; s < STENCIL.length; s++) {
                    z[i][j] = original + STENCIL[s] * h;
                    costs[s] = cost.applyAsDouble(i);
                }
                z[i][j] = original;
                cost.applyAsDouble(i);
                worst.compare(i * z[i].length + j, analytic[i][j], derivative(costs, h));
            }
        }
        return worst.result();
    }

    private static final long DEFAULT_STEP_SEED = 20_250_101L;

    /** The multiples of h at which the fourth-order central difference evaluates C. */
    private static final double[] STENCIL = {-2, -1, 1, 2};

    /**
     * n = (8·(C(+h) − C(−h)) − (C(+2h) − C(−2h))) / 12h, with costs in the order of STENCIL.
     * Taking the differences first keeps equal costs from leaving a rounding residue.
     */
    private static double derivative(double[] costs, double h) {
        return (8 * (costs[2] - costs[1]) - (costs[3] - costs[0])) / (12 * h);
    }

    /** Whether the steps around {@code z} reach or cross a kink at 0. */
    private static boolean crosses(double z, double h) {
        return z - 2 * h <= 0 && z + 2 * h >= 0;
    }

    private static double weightedRowSum(Activation activation, double[][] z, int row, int width, double[] weights) {
        double[][] a = new double[z.length][width];
        activation.forward(z, a, row, row + 1, width);
        double s = 0.0;
        for (int j = 0; j < width; j++) {
            s += weights[j] * a[row][j];
        }
        return s;
    }

    /** Tracks the largest relative error seen. */
    private static final class Worst {
        double error;
        int index = -1;
        double analytic;
        double numeric;
        int checked;
        int skipped;

        void compare(int i, double g, double n) {
            checked++;
            // a NaN or infinite derivative fails the check: its error is +∞, which no tolerance passes
            double e = Double.isFinite(g) && Double.isFinite(n)
                    ? Math.abs(g - n) / Math.max(Math.abs(g) + Math.abs(n), FLOOR)
                    : Double.POSITIVE_INFINITY;
            if (index < 0 || e > error) {
                error = e;
                index = i;
                analytic = g;
                numeric = n;
            }
        }

        Result result() {
            return new Result(error, index, analytic, numeric, checked, skipped);
        }
    }
}
