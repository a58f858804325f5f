package io.narrative.topics.gibbs;

import io.narrative.core.Columns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The sampler's per-unit output: unit_id, doc_id, n (the unit's terms) and w (its topic weights). */
public final class UnitWeights {
    public static final String UNIT_ID = "unit_id";
    public static final String DOC_ID = Columns.DOC_ID;
    public static final String TERMS = Columns.TERMS;
    public static final String N = "n";
    public static final String W = "w";
    static final StructType SCHEMA = new StructType()
            .add(UNIT_ID, DataTypes.StringType)
            .add(DOC_ID, DataTypes.StringType)
            .add(N, DataTypes.IntegerType)
            .add(W, DataTypes.createArrayType(DataTypes.DoubleType, false));

    private UnitWeights() {
    }

    static Dataset<Row> of(SparkSession spark, JavaRDD<Shard> shards, double[] alpha) {
        return spark.createDataFrame(shards.flatMap(shard -> rows(shard, alpha).iterator()), SCHEMA);
    }

    static List<Row> rows(Shard shard, double[] alpha) {
        List<Row> rows = new ArrayList<>(shard.units());
        for (int u = 0; u < shard.units(); u++) {
            rows.add(row(shard, u, shard.unitWeights(u, alpha)));
        }
        return rows;
    }

    static Row row(Shard shard, int u, double[] weights) {
        return RowFactory.create(shard.unitId(u), shard.docId(u), shard.unitTerms(u),
                seq(Arrays.stream(weights).boxed().toList()));
    }

    /** Rows made for Spark's encoders carry arrays as Scala sequences, not Java lists. */
    static <T> scala.collection.immutable.Seq<T> seq(List<T> values) {
        return scala.jdk.javaapi.CollectionConverters.asScala(values).toList();
    }
}
