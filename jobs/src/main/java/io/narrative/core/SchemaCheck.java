package io.narrative.core;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns a stage requires, checked before any data is touched, so that a wrong input fails with
 * "stage: column X must be T but got U" instead of deep inside a Spark task.
 */
public final class SchemaCheck {
    private final String stage;
    private final Map<String, DataType> required = new LinkedHashMap<>();

    private SchemaCheck(String stage) {
        this.stage = stage;
    }

    public static SchemaCheck forStage(String stage) {
        return new SchemaCheck(stage);
    }

    public SchemaCheck require(String column, DataType type) {
        required.put(column, type);
        return this;
    }

    public Map<String, DataType> required() {
        return Map.copyOf(required);
    }

    /** Throws a {@link NarrativeException} naming the first missing or mistyped column. */
    public void check(StructType schema) {
        for (Map.Entry<String, DataType> want : required.entrySet()) {
            StructField found = Arrays.stream(schema.fields())
                    .filter(f -> f.name().equals(want.getKey()))
                    .findFirst()
                    .orElseThrow(() -> new NarrativeException(stage + ": input has no column " + want.getKey()
                            + " (columns: " + String.join(", ", schema.fieldNames()) + ")"));
            if (!found.dataType().sameType(want.getValue())) {
                throw new NarrativeException(stage + ": column " + want.getKey() + " must be "
                        + want.getValue().simpleString() + " but got " + found.dataType().simpleString());
            }
        }
    }

    public void check(Dataset<?> data) {
        check(data.schema());
    }
}
