package io.narrative.testing;

import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession of the test suite (local[2], UI off, 2 shuffle partitions, bound to
 * 127.0.0.1). Starting Spark takes seconds, so every test shares it; surefire runs the suite in one JVM.
 */
public final class SparkTestSession {
    private static SparkSession spark;

    private SparkTestSession() {
    }

    public static synchronized SparkSession get() {
        if (spark == null) {
            // the default stance scorer is the encoder: its model file, as bin/narrative would name it
            TestModels.encoderModel();
            spark = SparkSession.builder()
                    .master("local[2]")
                    .appName("narrative-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
        }
        return spark;
    }
}
