package io.github.mlp4j.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;

/**
 * Saves and loads {@link MlpClassificationModel}: Spark's params metadata in {@code path/metadata},
 * the core model file in {@code path/}{@value MlpClassificationModel#DATA_FILE}.
 */
final class ModelIO {
    private ModelIO() {
    }

    static final class Writer extends MLWriter {
        private final MlpClassificationModel model;

        Writer(MlpClassificationModel model) {
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter.saveMetadata(model, path, sparkSession());
            Path file = new Path(path, MlpClassificationModel.DATA_FILE);
            try {
                FileSystem fs = file.getFileSystem(sparkSession().sparkContext().hadoopConfiguration());
                try (OutputStream out = fs.create(file, true)) {
                    out.write(model.modelBytes());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the model file " + file + ": " + e.getMessage(), e);
            }
        }
    }

    static final class Reader extends MLReader<MlpClassificationModel> {
        @Override
        public MlpClassificationModel load(String path) {
            DefaultParamsReader.Metadata meta = DefaultParamsReader.loadMetadata(path, sparkSession(),
                    MlpClassificationModel.class.getName());
            Path file = new Path(path, MlpClassificationModel.DATA_FILE);
            byte[] bytes;
            try {
                FileSystem fs = file.getFileSystem(sparkSession().sparkContext().hadoopConfiguration());
                try (InputStream in = fs.open(file)) {
                    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                    in.transferTo(buffer);
                    bytes = buffer.toByteArray();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the model file " + file + ": " + e.getMessage(), e);
            }
            MlpClassificationModel model = new MlpClassificationModel(meta.uid(), bytes);
            meta.getAndSetParams(model, scala.Option.empty());
            return model;
        }
    }
}
