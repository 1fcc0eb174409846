/**
 * The words a user meets first: {@link io.github.mlp4j.Network} and its builder, and the
 * {@link io.github.mlp4j.Layer}, {@link io.github.mlp4j.Activation} and {@link io.github.mlp4j.Loss}
 * interfaces it composes.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>Rows are samples. {@code x} has shape (n × in); a dense layer computes
 *       {@code z = a·W + b} with {@code W} of shape (in × out), and {@code z}, {@code a} of shape
 *       (n × out).</li>
 *   <li>{@code δ = ∂C/∂z}, the local gradient of a layer. {@link io.github.mlp4j.Loss#gradient}
 *       returns {@code ∂C/∂ŷ}; gradients are subtracted: {@code θ ← θ − ε·g}.</li>
 *   <li>Costs are means over the batch, so weights and biases are both averaged over it.</li>
 * </ul>
 *
 * <h2>Backpropagation</h2>
 * For layers {@code l = 1..L} with {@code a⁰ = x}, the forward pass computes
 * <pre>
 *   zˡ = aˡ⁻¹·Wˡ + bˡ          (n × outˡ)
 *   aˡ = fˡ(zˡ)
 *   C  = loss(aᴸ, y)           a mean over the n rows
 * </pre>
 * The chain rule, applied from the output back, gives every gradient:
 * <pre>
 *   δᴸ     = ∂C/∂aᴸ ⊙ fᴸ'(zᴸ)              (the fused form ŷ − y, divided by the mean's count,
 *                                         for sigmoid + binary cross-entropy and softmax + cross-entropy)
 *   ∂C/∂Wˡ = aˡ⁻¹ᵀ·δˡ                      (in × out): summed over rows; δ carries the 1/n
 *   ∂C/∂bˡ = Σ_rows δˡ                     (out)
 *   δˡ⁻¹   = (δˡ·Wˡᵀ) ⊙ fˡ⁻¹'(zˡ⁻¹)
 * </pre>
 * and gradient descent updates {@code θ ← θ − ε·∂C/∂θ}.
 *
 * <h2>Pairing outputs with losses</h2>
 * Binary cross-entropy needs a sigmoid output; cross-entropy needs softmax over at least two
 * outputs. Both are then fused: the cost is computed from the logits {@code z} (so it never takes
 * {@code log(0)}) and {@code δᴸ = (ŷ − y) / N}. Mean squared error goes with any output.
 * The builder refuses other pairings with a message that names the fix.
 */
package io.github.mlp4j;
