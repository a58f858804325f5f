package io.narrative.pipeline;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The job's SparkSession. Under spark-submit the master and resources come from spark-submit; started
 * directly (bin/narrative) it runs an embedded local Spark on every core, without the web UI.
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    public static SparkSession create(String logLevel) {
        SparkConf conf = new SparkConf();
        SparkSession.Builder builder = SparkSession.builder().appName("narrative");
        if (!conf.contains("spark.master")) {
            int cores = Runtime.getRuntime().availableProcessors();
            builder.master("local[*]")
                    .config("spark.ui.enabled", conf.get("spark.ui.enabled", "false"))
                    .config("spark.sql.shuffle.partitions", conf.get("spark.sql.shuffle.partitions",
                            String.valueOf(Math.max(4, 4 * cores))));
        }
        SparkSession spark = builder.getOrCreate();
        spark.sparkContext().setLogLevel(logLevel);
        return spark;
    }
}
