package io.github.mlp4j;

/** Makes {@link Pass} instances for tests of layers outside this package. */
public final class PassFixtures {
    private PassFixtures() {
    }

    /** Returns a training pass of layer {@code layer} whose random numbers derive from {@code stepSeed}. */
    public static Pass training(int layer, long stepSeed) {
        Pass pass = new Pass(layer);
        pass.training(stepSeed);
        return pass;
    }
}
