package io.github.mlp4j;

import io.github.mlp4j.data.OneHot;

/**
 * The one rule that makes a network a classifier and reads a class from its outputs, decided by
 * the output layer: a single output after a sigmoid (class 1 when the output is at least 0.5) or a
 * tanh (at least 0), or several outputs after a softmax or a sigmoid (the class is the index of
 * the largest, the first one on ties).
 *
 * <p>Instances are immutable and thread-safe.
 */
final class ClassRule {
    private final int outputs;
    private final String head;
    private final boolean classifier;
    /** The class-1 threshold of a single output. */
    private final double threshold;

    /** Reads the rule from the network's output layer. */
    ClassRule(Layer output) {
        this.outputs = output.outputSize();
        this.head = output.activation().name();
        this.classifier = outputs == 1 ? head.equals("sigmoid") || head.equals("tanh")
                : head.equals("softmax") || head.equals("sigmoid");
        this.threshold = head.equals("tanh") ? 0.0 : 0.5;
    }

    /** {@return whether the network is a classifier} */
    boolean isClassifier() {
        return classifier;
    }

    /**
     * Throws unless the network is a classifier, saying which outputs would make one.
     *
     * @throws IllegalStateException if it is not
     */
    void requireClassifier() {
        if (!classifier) {
            throw new IllegalStateException("predictClass needs a classifier, but this network has " + outputs
                    + " output(s) with activation " + head + ". Use a sigmoid (or tanh) output for two classes,"
                    + " softmax over several outputs for more, or call predict for regression outputs.");
        }
    }

    /** Returns the class of one row of outputs {@code p}; not modified. */
    int classOf(double[] p) {
        if (p.length == 1) {
            return p[0] >= threshold ? 1 : 0;
        }
        return OneHot.argmax(p);                                            // the first largest
    }

    /** Returns the class of each row of outputs {@code p}, in a new array; {@code p} is not modified. */
    int[] classesOf(double[][] p) {
        int[] classes = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            classes[i] = classOf(p[i]);
        }
        return classes;
    }
}
