/*
 * OpenBLAS ceiling for workload M at any batch size: times cblas_dgemm (row-major) on the nine
 * matrix products of one training step of the 784-128-64-10 network, and on a 1024x1024 square.
 *
 * Per dense layer l with input width in and output width out, and a batch of n rows:
 *   forward   Z  = A  . W      NN   (n x in) . (in x out)   -> n x out
 *   backward  dA = dZ . W^T    NT   (n x out) . (out x in)  -> n x in
 *             dW = A^T . dZ    TN   (in x n) . (n x out)    -> in x out
 * Each product costs 2*n*in*out FLOP, so a step costs n * 3 * sum(2*in*out) = n * 655,104 FLOP,
 * the convention mlp4j and the peers' harness use for GFLOP/s. (The first layer's dA is not
 * needed for training; it is timed anyway so that the FLOP count and the convention agree.)
 *
 * Usage:  step_gemm BATCH [THREADS]      THREADS defaults to 1 (openblas_set_num_threads).
 * Build:  gcc -O2 -o step_gemm step_gemm.c -lopenblas
 * Output: one JSON line, e.g.
 *   {"library":"openblas","workload":"M-products","batch":256,"threads":1,"step_us":...,
 *    "gflops":...,"samples_per_s":...,"square_n":1024,"square_gflops":...,"core":"...",...}
 * Times are medians over TRIALS trials; each trial repeats the step until MIN_TRIAL_S has passed.
 */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define LAYERS 3
#define TRIALS 9
#define MIN_TRIAL_S 0.2

static const int WIDTH[LAYERS + 1] = {784, 128, 64, 10};

/* One cblas_dgemm call: C (m x n) = op(A) (m x k) . op(B) (k x n), all row-major, dense. */
typedef struct {
    CBLAS_TRANSPOSE trans_a, trans_b;
    int m, n, k;
    const double *a, *b;
    double *c;
} product;

static double seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

/* Returns a matrix of the given size filled with small deterministic values in [-0.5, 0.5). */
static double *matrix(int rows, int cols) {
    size_t count = (size_t) rows * (size_t) cols;
    double *p = malloc(count * sizeof(double));
    if (p == NULL) {
        fprintf(stderr, "step_gemm: out of memory for a %d x %d matrix\n", rows, cols);
        exit(2);
    }
    unsigned int state = 12345u + (unsigned int) count;
    for (size_t i = 0; i < count; i++) {
        state = state * 1103515245u + 12345u;
        p[i] = (double) ((state >> 16) & 0x7fff) / 32768.0 - 0.5;
    }
    return p;
}

static void multiply(const product *p) {
    /* row-major leading dimensions: the stored width of each operand */
    int lda = p->trans_a == CblasNoTrans ? p->k : p->m;
    int ldb = p->trans_b == CblasNoTrans ? p->n : p->k;
    cblas_dgemm(CblasRowMajor, p->trans_a, p->trans_b, p->m, p->n, p->k,
                1.0, p->a, lda, p->b, ldb, 0.0, p->c, p->n);
}

static int ascending(const void *x, const void *y) {
    double a = *(const double *) x, b = *(const double *) y;
    return (a > b) - (a < b);
}

/* Returns the median over TRIALS trials of the seconds one pass over the products takes. */
static double median_seconds(const product *products, int count) {
    double per_pass[TRIALS];
    for (int warm = 0; warm < 5; warm++) {
        for (int i = 0; i < count; i++) multiply(&products[i]);
    }
    for (int t = 0; t < TRIALS; t++) {
        long passes = 0;
        double start = seconds(), elapsed;
        do {
            for (int i = 0; i < count; i++) multiply(&products[i]);
            passes++;
            elapsed = seconds() - start;
        } while (elapsed < MIN_TRIAL_S);
        per_pass[t] = elapsed / (double) passes;
    }
    qsort(per_pass, TRIALS, sizeof(double), ascending);
    return per_pass[TRIALS / 2];
}

int main(int argc, char **argv) {
    if (argc < 2 || atoi(argv[1]) < 1 || (argc > 2 && atoi(argv[2]) < 1)) {
        fprintf(stderr, "usage: step_gemm BATCH [THREADS]   (BATCH >= 1, THREADS >= 1, default 1)\n");
        return 1;
    }
    int batch = atoi(argv[1]);
    int threads = argc > 2 ? atoi(argv[2]) : 1;
    openblas_set_num_threads(threads);

    /* a[l]: activations entering layer l (batch x WIDTH[l]); w[l]: weights (WIDTH[l] x WIDTH[l+1]);
       z[l], dz[l]: batch x WIDTH[l+1]; da[l]: batch x WIDTH[l]; dw[l]: like w[l]. */
    product step[3 * LAYERS];
    int count = 0;
    double flop_per_sample = 0;
    for (int l = 0; l < LAYERS; l++) {
        int in = WIDTH[l], out = WIDTH[l + 1];
        double *a = matrix(batch, in), *w = matrix(in, out), *z = matrix(batch, out);
        double *dz = matrix(batch, out), *da = matrix(batch, in), *dw = matrix(in, out);
        step[count++] = (product) {CblasNoTrans, CblasNoTrans, batch, out, in, a, w, z};
        step[count++] = (product) {CblasNoTrans, CblasTrans, batch, in, out, dz, w, da};
        step[count++] = (product) {CblasTrans, CblasNoTrans, in, out, batch, a, dz, dw};
        flop_per_sample += 3.0 * 2.0 * in * out;
    }
    double step_s = median_seconds(step, count);

    int n = 1024;
    product square = {CblasNoTrans, CblasNoTrans, n, n, n, matrix(n, n), matrix(n, n), matrix(n, n)};
    double square_s = median_seconds(&square, 1);

    double load[3] = {-1, -1, -1};
    FILE *f = fopen("/proc/loadavg", "r");
    if (f != NULL) {
        if (fscanf(f, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3) load[0] = -1;
        fclose(f);
    }
    printf("{\"library\":\"openblas\",\"workload\":\"M-products\",\"batch\":%d,\"threads\":%d,"
           "\"step_us\":%.2f,\"gflops\":%.3f,\"samples_per_s\":%.1f,\"flop_per_sample\":%.0f,"
           "\"square_n\":%d,\"square_gflops\":%.3f,\"core\":\"%s\",\"openblas_threads\":%d,"
           "\"load_avg\":%.2f}\n",
           batch, threads, step_s * 1e6, flop_per_sample * batch / step_s / 1e9, batch / step_s,
           flop_per_sample, n, 2.0 * n * n * n / square_s / 1e9, openblas_get_corename(),
           openblas_get_num_threads(), load[0]);
    return 0;
}
