package io.narrative.pipeline;

import io.narrative.core.Progress;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Progress inside a long stage: Spark's tasks done / submitted and the records its tasks have read so far,
 * printed by {@link Progress} at most once per interval and only when something moved, so that a person
 * watching a 40-minute run sees it advance. Counts come from a {@link SparkListener} (task ends carry
 * their metrics); nothing of it reaches the manifest.
 */
final class TaskProgress extends SparkListener implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofSeconds(30);

    private final Progress progress;
    private final AtomicLong tasksSubmitted = new AtomicLong();
    private final AtomicLong tasksDone = new AtomicLong();
    private final AtomicLong recordsRead = new AtomicLong();
    private final AtomicLong lastReported = new AtomicLong(-1);
    private volatile String stage;
    private volatile Instant stageStart = Instant.now();
    private ScheduledExecutorService timer;
    private SparkSession spark;

    TaskProgress(Progress progress) {
        this.progress = progress;
    }

    /**
     * Whether to print progress lines: when standard error is a terminal, or when asked (--progress)
     * even when it is not (a log file, a CI job).
     */
    static boolean wanted(boolean asked, boolean terminal) {
        return asked || terminal;
    }

    /** Listens to {@code session}'s jobs and prints every {@link #INTERVAL} from a daemon thread. */
    TaskProgress start(SparkSession session) {
        this.spark = session;
        session.sparkContext().addSparkListener(this);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "narrative-progress");
            t.setDaemon(true);
            return t;
        });
        long period = INTERVAL.toMillis();
        timer.scheduleAtFixedRate(this::report, period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The stage now running (its counts start from zero). */
    void stage(String name) {
        tasksSubmitted.set(0);
        tasksDone.set(0);
        recordsRead.set(0);
        lastReported.set(-1);
        stageStart = Instant.now();
        stage = name;
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
        tasksSubmitted.addAndGet(submitted.stageInfo().numTasks());
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        tasksDone.incrementAndGet();
        TaskMetrics metrics = end.taskMetrics();
        if (metrics != null) {
            recordsRead.addAndGet(metrics.inputMetrics().recordsRead());
        }
    }

    /** Prints one line for the running stage, unless nothing has finished since the last one. */
    void report() {
        String name = stage;
        long done = tasksDone.get();
        if (name == null || done == lastReported.getAndSet(done)) {
            return;
        }
        long seconds = Duration.between(stageStart, Instant.now()).toSeconds();
        progress.info(String.format(Locale.ROOT, "%s: %,d of %,d tasks done, %,d records read, %d:%02d elapsed",
                name, done, tasksSubmitted.get(), recordsRead.get(), seconds / 60, seconds % 60));
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            spark.sparkContext().removeSparkListener(this);
        }
    }
}
