package io.github.mlp4j.examples;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.examples.plot.FunctionChart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Plots the activation functions and the losses of mlp4j, each with its derivative, as the
 * tutorial's figures do.
 *
 * <p><b>What it shows.</b> Sigmoid, tanh, ReLU and leaky ReLU (slope 0.1, so that the leak can be
 * seen) with their derivatives over {@code z ∈ [−5, 5]}; then mean squared error (target
 * {@code y = 1}) and binary cross-entropy for {@code y = 0} and {@code y = 1}, each as a function
 * of the prediction {@code ŷ} with its derivative {@code ∂C/∂ŷ}. Every curve is computed by the
 * library itself ({@link Activation#value}, {@link Activation#derivative}, {@link Loss#cost},
 * {@link Loss#gradient}) for one sample, so the pictures show exactly the math that training uses.
 * Note how the sigmoid's derivative never exceeds 0.25 and vanishes for large {@code |z|}, while
 * cross-entropy's derivative grows without bound as a prediction approaches the wrong answer.
 *
 * <p><b>How to run it.</b>
 * <pre>
 * mvn -q test-compile exec:java -Dexec.mainClass=io.github.mlp4j.examples.Activations
 * </pre>
 * Option: {@code --out DIR} (target/examples/activations).
 *
 * <p><b>What it prints.</b> A few values worth remembering (σ′(0) = 0.25, tanh′(0) = 1, the
 * cross-entropy at ŷ = 0.5 is log 2 ≈ 0.693), the pictures written ({@code activations.png}, a
 * 2 × 2 grid of 1120 × 840 pixels, and {@code losses.png}, three charts side by side, 1440 × 420),
 * and last a line of JSON with those values and the paths of the pictures.
 */
public final class Activations {
    /** The slope of leaky ReLU for negative inputs, larger than the usual 0.01 so that it shows. */
    private static final double LEAK = 0.1;

    private Activations() {
    }

    /**
     * Runs the example.
     *
     * @param args {@code --out DIR}
     * @throws IOException if a picture cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of("target", "examples", "activations");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                out = Path.of(args[++i]);
            } else {
                throw new IllegalArgumentException("Unknown option " + args[i] + "; use --out DIR.");
            }
        }

        List<FunctionChart> activations = List.of(
                activation("Sigmoid", Activation.sigmoid(), "σ(z) = 1 / (1 + e^−z)", "σ′(z) = σ(z)(1 − σ(z))"),
                activation("Tanh", Activation.tanh(), "tanh(z)", "tanh′(z) = 1 − tanh²(z)"),
                activation("ReLU", Activation.relu(), "ReLU(z) = max(0, z)", "ReLU′(z) = 1 if z > 0, else 0"),
                activation("Leaky ReLU, slope " + LEAK, Activation.leakyRelu(LEAK),
                        "f(z) = z if z > 0, else " + LEAK + "·z", "f′(z) = 1 if z > 0, else " + LEAK));
        Path activationsFile = out.resolve("activations.png");
        FunctionChart.writeGridPng(activationsFile, 2, activations);

        List<FunctionChart> losses = List.of(
                FunctionChart.on(-1, 3)
                        .withTitle("Mean squared error, target y = 1")
                        .withAxisTitles("prediction ŷ", "")
                        .withFunction("C = (ŷ − y)²", p -> cost(Loss.mse(), p, 1))
                        .withFunction("∂C/∂ŷ = 2(ŷ − y)", p -> gradient(Loss.mse(), p, 1))
                        .withSize(480, 420),
                FunctionChart.on(0.001, 0.999)
                        .withTitle("Binary cross-entropy, y = 0")
                        .withAxisTitles("prediction ŷ", "")
                        .withYRange(-2, 10)
                        .withFunction("C = −log(1 − ŷ)", p -> cost(Loss.binaryCrossEntropy(), p, 0))
                        .withFunction("∂C/∂ŷ = 1 / (1 − ŷ)", p -> gradient(Loss.binaryCrossEntropy(), p, 0))
                        .withSize(480, 420),
                FunctionChart.on(0.001, 0.999)
                        .withTitle("Binary cross-entropy, y = 1")
                        .withAxisTitles("prediction ŷ", "")
                        .withYRange(-10, 10)
                        .withFunction("C = −log ŷ", p -> cost(Loss.binaryCrossEntropy(), p, 1))
                        .withFunction("∂C/∂ŷ = −1 / ŷ", p -> gradient(Loss.binaryCrossEntropy(), p, 1))
                        .withSize(480, 420));
        Path lossesFile = out.resolve("losses.png");
        FunctionChart.writeGridPng(lossesFile, 3, losses);

        double sigmoidSlope = Activation.sigmoid().derivative(0);
        double tanhSlope = Activation.tanh().derivative(0);
        double crossEntropyAtHalf = cost(Loss.binaryCrossEntropy(), 0.5, 1);
        System.out.printf(Locale.ROOT, "σ′(0) = %.4f, tanh′(0) = %.4f, ReLU′(−1) = %.1f, leaky ReLU′(−1) = %.2f%n",
                sigmoidSlope, tanhSlope, Activation.relu().derivative(-1), Activation.leakyRelu(LEAK).derivative(-1));
        System.out.printf(Locale.ROOT, "binary cross-entropy at ŷ = 0.5: %.4f (log 2); its slope there: %.1f%n",
                crossEntropyAtHalf, gradient(Loss.binaryCrossEntropy(), 0.5, 1));
        System.out.println("wrote " + activationsFile + ", " + lossesFile);
        System.out.println(new JsonLine()
                .put("sigmoid_derivative_at_0", sigmoidSlope)
                .put("tanh_derivative_at_0", tanhSlope)
                .put("cross_entropy_at_half", crossEntropyAtHalf)
                .put("pictures", new JsonLine().put("activations", activationsFile).put("losses", lossesFile)));
    }

    /** Returns a chart of one activation and its derivative over [−5, 5], 560 × 420 pixels. */
    private static FunctionChart activation(String title, Activation f, String valueName, String derivativeName) {
        return FunctionChart.on(-5, 5)
                .withTitle(title)
                .withAxisTitles("z", "")
                .withFunction(valueName, f::value)
                .withFunction(derivativeName, f::derivative)
                .withSamples(1001)
                .withSize(560, 420);
    }

    /**
     * Returns the library's cost of one prediction {@code ŷ} against target {@code y}.
     *
     * <p>The loss receives both the output {@code ŷ} and the logit {@code z = log(ŷ / (1 − ŷ))}
     * whose sigmoid it is, because binary cross-entropy works from the logit.
     */
    private static double cost(Loss loss, double yHat, double y) {
        double z = Math.log(yHat / (1 - yHat));                  // σ(z) = ŷ
        return loss.cost(new double[][] {{z}}, new double[][] {{yHat}}, new double[][] {{y}}, 1, 1);
    }

    /** Returns the library's derivative {@code ∂C/∂ŷ} of the cost of one prediction. */
    private static double gradient(Loss loss, double yHat, double y) {
        double[][] g = new double[1][1];
        loss.gradient(new double[][] {{yHat}}, new double[][] {{y}}, 1, 1, g);
        return g[0][0];
    }
}
