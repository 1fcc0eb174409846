/**
 * Metrics that score a model's predictions against the truth: accuracy, confusion matrices,
 * precision, recall and F1, ROC AUC, log loss, and regression errors.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>Arguments come in the order <em>truth first, prediction second</em>, as scikit-learn's
 *       {@code (y_true, y_pred)}: {@code Accuracy.of(actual, predicted)},
 *       {@code ConfusionMatrix.of(actual, predicted, k)}, {@code RocAuc.of(labels, scores)},
 *       {@code LogLoss.binary(labels, probabilities)},
 *       {@code RegressionMetrics.rSquared(actual, predicted)}.</li>
 *   <li>Class labels are indices {@code 0 … k − 1}; binary labels are 0 and 1.</li>
 *   <li>Confusion matrices have rows = actual class and columns = predicted class.</li>
 *   <li>A ratio whose denominator is 0 (such as the precision of a class that is never
 *       predicted) is defined as 0, as scikit-learn does by default.</li>
 *   <li>No method modifies the arrays it is given, and none keeps a reference to them.</li>
 *   <li>Bad input (different lengths, no samples, labels out of range, NaN) throws
 *       {@link java.lang.IllegalArgumentException} with a message that names the argument and
 *       index; null arrays throw {@link java.lang.NullPointerException}.</li>
 * </ul>
 */
package io.github.mlp4j.metrics;
