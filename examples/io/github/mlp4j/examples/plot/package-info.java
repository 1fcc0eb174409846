/**
 * Picture-making for the examples: cost curves, function plots, decision-boundary maps and
 * animated GIFs, all written as files without a display.
 *
 * <p>Every class here sets {@code java.awt.headless=true} before its first use of AWT, so the
 * examples run on servers and in CI. Everything is drawn with the JDK's Java2D and written with
 * its ImageIO, so the examples need no charting library.
 *
 * <p>Typical use in an example's {@code main}:
 * <pre>{@code
 * CostChart.of(trainingCost).withValidation(validationCost).withTitle("Two circles")
 *         .writePng(Path.of("target/two-circles-cost.png"));
 * try (GifWriter gif = GifWriter.open(Path.of("target/two-circles.gif"), Duration.ofMillis(100))) {
 *     gif.writeFrame(DecisionBoundary.of(x, labels, network::predictBatch)
 *             .withTitle("epoch 250 — cost 0.031").render());
 * }
 * }</pre>
 */
package io.github.mlp4j.examples.plot;
