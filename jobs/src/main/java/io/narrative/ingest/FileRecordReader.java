package io.narrative.ingest;

import io.narrative.core.config.IngestConfig;
import io.narrative.core.io.SerializableHadoopConf;
import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;

/** Turns one listed file into its records, in a Spark task, choosing the reader by the file's format. */
final class FileRecordReader implements FlatMapFunction<InputFile, RawRecord> {
    private static final long serialVersionUID = 1L;
    private final IngestConfig config;
    private final SerializableHadoopConf conf;

    FileRecordReader(IngestConfig config, SerializableHadoopConf conf) {
        this.config = config;
        this.conf = conf;
    }

    @Override
    public Iterator<RawRecord> call(InputFile file) {
        return switch (file.inputFormat()) {
            case TEXT -> java.util.List.of(new TextFileReader(config).read(file, conf.get())).iterator();
            case JSONL -> new JsonLinesReader(config).read(file, conf.get());
            case CSV, TSV -> new CsvFileReader(config).read(file, conf.get());
            case PARQUET -> throw new IllegalArgumentException("Parquet files are read by ParquetInputReader");
        };
    }
}
