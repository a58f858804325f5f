package io.narrative.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/** Compares the tables of two runs row by row, whatever their partitioning or file system. */
public final class TableRows {
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+(E-?\\d+)?");

    private TableRows() {
    }

    /** Fails unless {@code table} has the same rows under both outputs, ignoring the columns named. */
    public static void assertSameRows(String expectedOutput, String actualOutput, String table, String when,
            String... ignoredColumns) {
        List<String> want = rowsOf(expectedOutput, table, ignoredColumns);
        List<String> got = rowsOf(actualOutput, table, ignoredColumns);
        assertEquals(want.size(), got.size(), () -> table + " " + when + ": row count");
        assertEquals(want, got, () -> table + " " + when + ": rows differ from the reference run's");
    }

    /**
     * A table's rows as sorted JSON strings (maps and arrays included), independent of partitioning. Decimals
     * are compared to 10 significant digits: a run in another JVM sums the same numbers in another order
     * (tree aggregation over its own shuffle partitions), which moves the last bit or two of a double.
     */
    public static List<String> rowsOf(String output, String table, String... ignoredColumns) {
        Set<String> ignored = Set.of(ignoredColumns);
        Dataset<Row> rows = SparkTestSession.get().read().parquet(output.replaceAll("/+$", "") + "/" + table);
        String[] kept = Arrays.stream(rows.columns()).filter(c -> !ignored.contains(c)).toArray(String[]::new);
        return rows.select(functions.to_json(functions.struct(Arrays.stream(kept).map(functions::col)
                        .toArray(org.apache.spark.sql.Column[]::new))))
                .as(Encoders.STRING()).collectAsList().stream().map(TableRows::roundDecimals).sorted().toList();
    }

    private static String roundDecimals(String json) {
        return DECIMAL.matcher(json).replaceAll(m -> String.format(Locale.ROOT, "%.10g", Double.parseDouble(m.group())));
    }
}
