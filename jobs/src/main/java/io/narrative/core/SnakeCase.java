package io.narrative.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Turns bean-encoded datasets (camelCase fields in alphabetical order) into tables with snake_case
 * columns, nested fields included, in the order the table's documentation gives.
 */
public final class SnakeCase {
    private SnakeCase() {
    }

    public static String of(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** Renames every column (and nested field) to snake_case and orders the columns as given. */
    public static Dataset<Row> table(Dataset<?> beans, String... columnOrder) {
        List<Column> columns = new ArrayList<>();
        for (StructField field : beans.schema().fields()) {
            columns.add(functions.col(field.name()).cast(rename(field.dataType())).as(of(field.name())));
        }
        Dataset<Row> renamed = beans.select(columns.toArray(new Column[0]));
        if (columnOrder.length == 0) {
            return renamed;
        }
        List<String> missing = new ArrayList<>(Arrays.asList(columnOrder));
        missing.removeAll(Arrays.asList(renamed.columns()));
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no such columns " + missing + " in " + Arrays.toString(renamed.columns()));
        }
        return renamed.select(Arrays.stream(columnOrder).map(functions::col).toArray(Column[]::new));
    }

    static DataType rename(DataType type) {
        if (type instanceof StructType struct) {
            StructField[] fields = Arrays.stream(struct.fields())
                    .map(f -> new StructField(of(f.name()), rename(f.dataType()), f.nullable(), f.metadata()))
                    .toArray(StructField[]::new);
            return new StructType(fields);
        }
        if (type instanceof ArrayType array) {
            return new ArrayType(rename(array.elementType()), array.containsNull());
        }
        if (type instanceof MapType map) {
            return new MapType(rename(map.keyType()), rename(map.valueType()), map.valueContainsNull());
        }
        return type;
    }
}
