/**
 * Reading CSV files for training: {@link io.github.mlp4j.csv.CsvReader} reads a whole file into a
 * {@link io.github.mlp4j.data.Dataset}, and {@link io.github.mlp4j.csv.CsvBatchSource} streams a
 * file of any size as a {@link io.github.mlp4j.data.BatchSource} of shuffled batches.
 *
 * <p>Files are read as strict UTF-8. Every column but one is a numeric feature; one column is the
 * label (a class name or a number). A file that is not a data set in the reader's format fails
 * with a {@link io.github.mlp4j.csv.CsvFormatException} that names the file, line and column, and
 * a wrong path with the absolute path looked at and the working directory.
 */
package io.github.mlp4j.csv;
