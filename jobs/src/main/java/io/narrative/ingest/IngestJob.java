package io.narrative.ingest;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.narrative.core.Columns;
import io.narrative.core.NarrativeException;
import io.narrative.core.RunContext;
import io.narrative.core.StageJob;
import io.narrative.core.Tables;
import io.narrative.core.config.IngestConfig;
import io.narrative.core.io.SerializableHadoopConf;
import io.narrative.core.io.TableStore;
import io.narrative.core.manifest.InputCount;
import io.narrative.core.manifest.RunManifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads the {@code --input} paths, applies the {@link IngestStage} and writes documents and rejects. */
public final class IngestJob implements StageJob {
    /** Input bytes per partition of raw records, so one large file is spread over the cluster. */
    private static final long BYTES_PER_PARTITION = 64L << 20;

    @Override
    public String name() {
        return IngestStage.NAME;
    }

    @Override
    public Map<String, Long> run(RunContext context) {
        if (context.getInputs() == null || context.getInputs().isEmpty()) {
            throw new NarrativeException("ingest: no --input given");
        }
        SparkSession spark = context.getSpark();
        IngestConfig config = context.getConfig().getIngest();
        IngestStage stage = new IngestStage(config);
        InputLister.Listing listing = InputLister.list(context.getInputs(),
                spark.sparkContext().hadoopConfiguration());
        Dataset<RawRecord> raw = read(spark, config, listing, context.partitions());

        IngestStage.Result result = stage.apply(raw);
        try {
            TableStore store = context.getStore();
            store.write(Tables.DOCUMENTS, result.documents());
            store.write(Tables.REJECTS, result.rejects());
            report(context, result, listing);
            return store.rowCounts(Tables.DOCUMENTS, Tables.REJECTS);
        } finally {
            result.release();
        }
    }

    private static Dataset<RawRecord> read(SparkSession spark, IngestConfig config, InputLister.Listing listing,
            int minPartitions) {
        List<InputFile> parquet = new ArrayList<>();
        List<InputFile> other = new ArrayList<>();
        long bytes = 0;
        for (InputFile file : listing.files()) {
            (file.inputFormat() == InputFormat.PARQUET ? parquet : other).add(file);
            bytes += file.getSize();
        }
        int partitions = (int) Math.max(minPartitions, Math.min(10_000, bytes / BYTES_PER_PARTITION));
        List<RawRecord> unreadable = new ArrayList<>(listing.unreadable());
        Dataset<RawRecord> fromFiles = spark.createDataset(other, Encoders.bean(InputFile.class))
                .repartition(Math.max(1, Math.min(other.size(), partitions)))
                .flatMap(new FileRecordReader(config,
                        new SerializableHadoopConf(spark.sparkContext().hadoopConfiguration())),
                        Encoders.bean(RawRecord.class));
        Dataset<RawRecord> fromParquet = new ParquetInputReader(spark, config).read(parquet, unreadable);
        Dataset<RawRecord> failed = spark.createDataset(unreadable, Encoders.bean(RawRecord.class));
        return fromFiles.unionByName(fromParquet).unionByName(failed)
                .repartition(partitions, col("inputPath"), col("position"))
                .as(Encoders.bean(RawRecord.class));
    }

    private static Map<String, Long> countByInput(Dataset<Row> table) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Row row : table.groupBy(Columns.INPUT_ROOT).count().collectAsList()) {
            counts.put(row.getString(0), row.getLong(1));
        }
        return counts;
    }

    private static void report(RunContext context, IngestStage.Result result, InputLister.Listing listing) {
        RunManifest manifest = context.getManifest();
        List<String> inputs = context.getInputs();
        Map<String, Long> documentsPerInput = countByInput(context.getStore().read(Tables.DOCUMENTS));
        Map<String, Long> rejectsPerInput = countByInput(context.getStore().read(Tables.REJECTS));
        Map<String, InputCount> counts = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            InputCount count = counts.computeIfAbsent(inputs.get(i), root -> new InputCount(root, 0, 0, 0));
            count.setRecordsRead(count.getRecordsRead() + result.recordsRead().getOrDefault(i, 0L));
        }
        counts.forEach((root, count) -> {
            count.setDocuments(documentsPerInput.getOrDefault(root, 0L));
            count.setRejects(rejectsPerInput.getOrDefault(root, 0L));
            if (!count.isReconciled()) {
                manifest.warn("--input " + root + ": " + count.getRecordsRead() + " records read but "
                        + count.getDocuments() + " documents + " + count.getRejects() + " rejects written");
            }
        });
        manifest.getInputs().addAll(counts.values());
        listing.warnings().forEach(manifest::warn);
        counts.values().stream().filter(c -> c.getRecordsRead() == 0)
                .forEach(c -> manifest.warn("--input " + c.getInputRoot() + ": no records found"));

        Row totals = result.records().agg(
                sum(col("boilerplate_removed")).as("boilerplate"),
                sum(when(array_contains(col(Columns.FLAGS), DocumentBuilder.FLAG_UNPARSEABLE_DATE), 1).otherwise(0))
                        .as("bad_dates"),
                sum(when(col(Columns.REASON).isNull().and(col("published_raw").isNull()), 1).otherwise(0))
                        .as("no_date")).first();
        manifest.count("input_files", listing.files().size());
        manifest.count("boilerplate_paragraphs_removed", totals.isNullAt(0) ? 0 : totals.getLong(0));
        manifest.count("boilerplate_dictionary_entries", result.boilerplateEntries());
        manifest.count("unparseable_dates", totals.isNullAt(1) ? 0 : totals.getLong(1));
        manifest.count("documents_without_date", totals.isNullAt(2) ? 0 : totals.getLong(2));
        Dataset<Row> documents = context.getStore().read(Tables.DOCUMENTS);
        Row duplicates = documents.agg(
                sum(when(col(Columns.DUPLICATE_OF).isNotNull(), 1).otherwise(0)),
                count(lit(1))).first();
        manifest.count("duplicates", duplicates.isNullAt(0) ? 0 : duplicates.getLong(0));
        for (Row row : context.getStore().read(Tables.REJECTS).groupBy(Columns.REASON).count().collectAsList()) {
            manifest.count("rejects." + row.getString(0), row.getLong(1));
        }
    }
}
