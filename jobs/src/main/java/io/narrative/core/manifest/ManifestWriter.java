package io.narrative.core.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.narrative.core.SnakeCase;
import io.narrative.core.Tables;
import io.narrative.core.io.TableStore;
import java.text.SimpleDateFormat;
import java.util.List;
import java.util.TimeZone;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Writes the manifest as the one-row {@code run_manifest} table and as {@code run_manifest.json}. */
public final class ManifestWriter {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setDateFormat(utcIso());

    private ManifestWriter() {
    }

    /** Writes this run's row after the rows of {@code previous} runs (null when there are none). */
    public static void write(SparkSession spark, TableStore store, RunManifest manifest, Dataset<Row> previous) {
        Dataset<Row> row = SnakeCase.table(
                spark.createDataset(List.of(manifest), Encoders.bean(RunManifest.class)),
                "run_id", "command", "started_at", "ended_at", "status", "project_version", "spark_version",
                "spark_master", "config_json", "inputs", "stages", "counters", "metrics", "warnings");
        Dataset<Row> table = previous == null ? row : previous.unionByName(row, true);
        store.write(Tables.RUN_MANIFEST, table.coalesce(1));
        store.writeText(Tables.RUN_MANIFEST_JSON, toJson(manifest));
    }

    public static String toJson(RunManifest manifest) {
        try {
            return JSON.writeValueAsString(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the run manifest", e);
        }
    }

    private static SimpleDateFormat utcIso() {
        SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", java.util.Locale.ROOT);
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        return format;
    }
}
