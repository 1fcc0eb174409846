package io.github.mlp4j.spark;

/** What can be wrong with one input row; each kind is counted separately. */
enum RowProblem {
    NONE(""),
    NULL_FEATURES("null features"),
    WRONG_SIZE("a vector of the wrong size"),
    NOT_FINITE("NaN or infinite features"),
    NULL_LABEL("a null label"),
    BAD_LABEL("a label that is not a class index of the network (or not finite)");

    final String text;

    RowProblem(String text) {
        this.text = text;
    }
}
