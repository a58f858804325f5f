package io.narrative.testing;

import io.narrative.core.config.EncoderConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the job in a JVM of its own, as a user's run would be (so that a test can kill it): this JVM's
 * module flags, the encoder's model, the test classpath and {@code io.narrative.Main}, output to a log.
 */
public final class ChildJobs {
    private ChildJobs() {
    }

    /** {@code systemProperties} as "key=value" (spark.* ones reach the job's SparkConf); {@code args} for Main. */
    public static Process start(List<String> systemProperties, List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("--add-opens") || argument.startsWith("--add-exports")
                    || argument.startsWith("--add-modules") || argument.startsWith("-XX:")) {
                command.add(argument);
            }
        }
        command.add("-D" + EncoderConfig.MODEL_PROPERTY + "=" + TestModels.encoderModel());
        systemProperties.forEach(property -> command.add("-D" + property));
        command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"), "io.narrative.Main"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return builder.start();
    }
}
