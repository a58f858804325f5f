package io.narrative.ingest;

import io.narrative.core.config.FieldMapping;
import io.narrative.core.config.IngestConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Parquet inputs, read by Spark itself (columnar and splittable). Each file's footer is checked on the
 * driver first, so a corrupt file becomes one reject instead of failing the job. Positions are the row
 * index within the file (Spark's {@code _metadata.row_index}), 1-based.
 */
final class ParquetInputReader {
    private static final String[] ATTRIBUTES = {"id", "text", "title", "published", "source", "url", "lang"};

    private final SparkSession spark;
    private final IngestConfig config;

    ParquetInputReader(SparkSession spark, IngestConfig config) {
        this.spark = spark;
        this.config = config;
    }

    /** Records of the readable files plus one reject per unreadable file. */
    Dataset<RawRecord> read(List<InputFile> files, List<RawRecord> rejectsOut) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<InputFile> good = new ArrayList<>();
        for (InputFile file : files) {
            String problem = footerProblem(file, conf);
            if (problem == null) {
                good.add(file);
            } else {
                rejectsOut.add(RawRecord.of(file, 1).reject(RejectReason.UNREADABLE_PARQUET, problem, null, 0));
            }
        }
        if (good.isEmpty()) {
            return spark.emptyDataset(Encoders.bean(RawRecord.class));
        }
        Dataset<Row> rows = spark.read().option("mergeSchema", "true")
                .parquet(good.stream().map(InputFile::getPath).toArray(String[]::new));
        List<Column> columns = new ArrayList<>();
        columns.add(functions.col("_metadata.file_path").as("_file"));
        columns.add(functions.col("_metadata.row_index").plus(1).as("_position"));
        for (String attribute : ATTRIBUTES) {
            columns.add(pick(rows, config.getFields(), attribute).as(attribute));
        }
        Map<String, InputFile> byPath = new HashMap<>();
        good.forEach(f -> byPath.put(plainPath(f.getPath()), f));
        return rows.select(columns.toArray(new Column[0]))
                .map(new ToRawRecord(byPath, config.getFields().getText().toString(), config.getExcerptChars()),
                        Encoders.bean(RawRecord.class));
    }

    private static String footerProblem(InputFile file, Configuration conf) {
        if (file.isGzip()) {
            return "a gzip-compressed Parquet file cannot be read; Parquet compresses its own pages";
        }
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file.getPath()),
                conf))) {
            reader.getFooter();
            return null;
        } catch (IOException | RuntimeException e) {
            return e.getMessage();
        }
    }

    /** The first candidate column present in the data, as a string; a null literal when none is. */
    private static Column pick(Dataset<Row> rows, FieldMapping mapping, String attribute) {
        for (String name : mapping.candidates(attribute)) {
            DataType type = typeAt(rows.schema(), name);
            if (type == null) {
                continue;
            }
            Column column = functions.col(name);
            return type instanceof ArrayType ? functions.concat_ws("\n\n", column) : column.cast(DataTypes.StringType);
        }
        return functions.lit(null).cast(DataTypes.StringType);
    }

    /** The type of a (dotted) field, or null when the schema has no such field. */
    static DataType typeAt(StructType schema, String dottedName) {
        DataType type = schema;
        for (String part : dottedName.split("\\.")) {
            if (!(type instanceof StructType struct) || !java.util.Arrays.asList(struct.fieldNames()).contains(part)) {
                return null;
            }
            type = struct.apply(part).dataType();
        }
        return type;
    }

    static String plainPath(String uriOrPath) {
        try {
            return new Path(new URI(uriOrPath)).toUri().getPath();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return new Path(uriOrPath).toUri().getPath();
        }
    }

    private static final class ToRawRecord implements MapFunction<Row, RawRecord> {
        private static final long serialVersionUID = 1L;
        private final Map<String, InputFile> byPath;
        private final String textFields;
        private final int excerptChars;

        ToRawRecord(Map<String, InputFile> byPath, String textFields, int excerptChars) {
            this.byPath = byPath;
            this.textFields = textFields;
            this.excerptChars = excerptChars;
        }

        @Override
        public RawRecord call(Row row) {
            InputFile file = byPath.get(plainPath(row.getString(0)));
            RawRecord record = RawRecord.of(file, row.getLong(1));
            record.setId(row.getString(2));
            record.setTitle(row.getString(4));
            record.setPublished(row.getString(5));
            record.setSource(row.getString(6));
            record.setUrl(row.getString(7));
            record.setLang(row.getString(8));
            String text = row.getString(3);
            if (text == null) {
                return record.reject(RejectReason.MISSING_TEXT, "no value in " + textFields,
                        record.getTitle(), excerptChars);
            }
            record.setText(text);
            return record;
        }
    }
}
