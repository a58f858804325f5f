package io.narrative.stance;

import io.narrative.encoder.AdamW;
import io.narrative.encoder.Adapter;
import io.narrative.encoder.E5Model;
import io.narrative.encoder.HiddenStates;
import io.narrative.encoder.SpanEncoder;
import io.narrative.encoder.SpanPooling;
import io.narrative.encoder.TopBlocks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Fine-tunes the encoder's top blocks for stance: low-rank adapters ({@link Adapter}) on the top
 * {@code layers} blocks, trained with a softmax layer over the same target-aware features the head sees
 * (the pooled sequence, mention and context states; the tapped middle layer's, which lies below the adapted
 * blocks, stay fixed). The states entering the adapted blocks are computed once; each step runs only the
 * top blocks forward and back ({@link TopBlocks}). The epoch with the best macro-F1 on the dev items is
 * kept; the adapter is returned and the head is then fitted by MLlib on the adapted features, as without it.
 *
 * <p>Deterministic for the same items and settings, whatever the number of cores: the order comes from the
 * seed, each batch is cut into a fixed number of shards whose gradients are summed in order.
 */
public final class StanceTuner {
    private static final int SHARDS = 4;
    private static final int CACHE_BATCH_TOKENS = 4096;
    private static final double WARMUP = 0.06;

    /** One labelled target in a sentence: the char spans of its mentions, gold -1/0/1, and its split. */
    public record Item(String text, List<int[]> spans, int gold, boolean dev) {
    }

    /** The tuning settings (stance.encoder.tune_*). */
    public record Settings(int layers, int rank, double alpha, int epochs, double learningRate,
            double headLearningRate, double weightDecay, int batchItems, double classWeightPower, long seed) {
    }

    /** The adapter of the best epoch, which epoch that was (1-based) and every epoch's dev macro-F1. */
    public record Result(Adapter adapter, int bestEpoch, double devMacroF1, List<Double> devByEpoch) {
    }

    /** One encoded sequence: its plan, the states entering the adapted blocks, its samples. */
    private record Cached(SpanEncoder.Sequence plan, float[] states, int[] items, float[][] tapped) {
        int rows() {
            return plan.ids().length + 2;
        }
    }

    private final E5Model model;
    private final int tapLayer;
    private final Settings settings;
    private final SpanEncoder planner;
    private final int dim;
    private final int features;

    public StanceTuner(E5Model model, int contextTokens, int tapLayer, Settings settings) {
        if (settings.layers() < 1 || settings.layers() > model.layers() - tapLayer) {
            throw new IllegalArgumentException("tuning " + settings.layers() + " blocks above the tapped layer "
                    + tapLayer + " of " + model.layers());
        }
        this.model = model;
        this.tapLayer = tapLayer;
        this.settings = settings;
        this.planner = new SpanEncoder(model, contextTokens, CACHE_BATCH_TOKENS, tapLayer, null);
        this.dim = model.dim();
        this.features = (tapLayer > 0 ? 2 : 1) * SpanEncoder.PARTS * dim;
    }

    public Result tune(List<Item> items, Consumer<String> log) {
        int first = model.layers() - settings.layers();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(SHARDS,
                Math.max(1, Runtime.getRuntime().availableProcessors())));
        try {
            long t0 = System.nanoTime();
            List<Cached> train = new ArrayList<>();
            List<Cached> dev = new ArrayList<>();
            for (Cached c : cache(items, first, pool)) {
                (items.get(c.items()[0]).dev() ? dev : train).add(c);
            }
            log.accept(String.format(Locale.ROOT, "tuning: %d train and %d dev sequences encoded up to block %d in"
                    + " %.0f s", train.size(), dev.size(), first, (System.nanoTime() - t0) / 1e9));
            if (train.isEmpty() || dev.isEmpty()) {
                throw new IllegalArgumentException("tuning needs train and dev items");
            }
            return train(items, train, dev, new TopBlocks(model, first), pool, log);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Plans every sentence once (its targets together) and keeps the states entering block {@code first}. */
    private List<Cached> cache(List<Item> items, int first, ExecutorService pool) {
        Map<String, List<Integer>> byText = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            byText.computeIfAbsent((item.dev() ? "d" : "t") + item.text(), k -> new ArrayList<>()).add(i);
        }
        List<SpanEncoder.Request> requests = new ArrayList<>();
        List<List<Integer>> requestItems = new ArrayList<>(byText.values());
        for (List<Integer> group : requestItems) {
            List<List<int[]>> spans = new ArrayList<>();
            for (int i : group) {
                spans.add(items.get(i).spans());
            }
            requests.add(new SpanEncoder.Request(items.get(group.get(0)).text(), spans));
        }
        List<List<SpanEncoder.Sequence>> batches = SpanEncoder.batches(planner.plan(requests), CACHE_BATCH_TOKENS);
        List<Future<List<Cached>>> done = new ArrayList<>();
        for (List<SpanEncoder.Sequence> batch : batches) {
            done.add(pool.submit(() -> {
                List<int[]> ids = batch.stream().map(SpanEncoder.Sequence::ids).toList();
                HiddenStates states = model.statesEntering(ids, first, tapLayer);
                List<Cached> out = new ArrayList<>();
                for (int s = 0; s < batch.size(); s++) {
                    SpanEncoder.Sequence plan = batch.get(s);
                    int[] sampleItems = new int[plan.groups().size()];
                    float[][] tapped = new float[sampleItems.length][];
                    for (int k = 0; k < sampleItems.length; k++) {
                        sampleItems[k] = requestItems.get(plan.request()).get(plan.groups().get(k));
                        if (tapLayer > 0) {
                            tapped[k] = planner.pooling(states.start(s), states.end(s), plan, k)
                                    .pool(states.tapped(), dim);
                        }
                    }
                    float[] own = java.util.Arrays.copyOfRange(states.values(), states.start(s) * dim,
                            states.end(s) * dim);
                    out.add(new Cached(plan, own, sampleItems, tapped));
                }
                return out;
            }));
        }
        List<Cached> all = new ArrayList<>();
        for (Future<List<Cached>> f : done) {
            all.addAll(get(f));
        }
        return all;
    }

    /** The softmax layer of the tuning run: weights (3 x features, row-major) and intercepts. */
    private final class Head {
        final float[] weights = new float[3 * features];
        final float[] bias = new float[3];

        double[] probabilities(float[] x) {
            double[] z = new double[3];
            for (int c = 0; c < 3; c++) {
                double sum = bias[c];
                int o = c * features;
                for (int i = 0; i < features; i++) {
                    sum += weights[o + i] * x[i];
                }
                z[c] = sum;
            }
            return HeadClassifier.softmax(z);
        }
    }

    /** One shard's gradients. */
    private record Gradients(Adapter adapter, float[] weights, float[] bias, double loss) {
    }

    private Result train(List<Item> items, List<Cached> train, List<Cached> dev, TopBlocks top, ExecutorService pool,
            Consumer<String> log) {
        double[] classWeight = classWeights(items, train);
        Adapter adapter = Adapter.initial(model, settings.layers(), settings.rank(), (float) settings.alpha(),
                settings.seed());
        Head head = new Head();
        float[][] adapterParams = AdamW.parametersOf(adapter);
        float[][] params = new float[adapterParams.length + 2][];
        System.arraycopy(adapterParams, 0, params, 0, adapterParams.length);
        params[adapterParams.length] = head.weights;
        params[adapterParams.length + 1] = head.bias;
        double[] decay = new double[params.length];
        java.util.Arrays.fill(decay, 0, adapterParams.length, settings.weightDecay());
        AdamW optimiser = new AdamW(params, decay);

        List<List<Cached>> epochBatches = trainBatches(train, items, 0);
        long totalSteps = (long) settings.epochs() * epochBatches.size();
        long step = 0;
        List<Double> devByEpoch = new ArrayList<>();
        Adapter best = adapter.copy();
        int bestEpoch = 0;
        double bestF1 = -1;
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            long t0 = System.nanoTime();
            double loss = 0;
            double weight = 0;
            for (List<Cached> batch : trainBatches(train, items, epoch)) {
                double total = 0;
                for (Cached c : batch) {
                    for (int i : c.items()) {
                        total += classWeight[items.get(i).gold() + 1];
                    }
                }
                Gradients g = gradients(batch, items, classWeight, total, top, adapter, head, pool);
                loss += g.loss;
                weight += total;
                float[][] adapterGrads = AdamW.parametersOf(g.adapter);
                float[][] grads = new float[params.length][];
                System.arraycopy(adapterGrads, 0, grads, 0, adapterGrads.length);
                grads[adapterGrads.length] = g.weights;
                grads[adapterGrads.length + 1] = g.bias;
                double scale = schedule(step++, totalSteps);
                double[] rates = new double[params.length];
                java.util.Arrays.fill(rates, 0, adapterParams.length, settings.learningRate() * scale);
                rates[adapterParams.length] = settings.headLearningRate() * scale;
                rates[adapterParams.length + 1] = settings.headLearningRate() * scale;
                optimiser.step(grads, rates);
            }
            double f1 = evaluate(dev, items, top, adapter, head, pool);
            devByEpoch.add(f1);
            log.accept(String.format(Locale.ROOT, "tuning: epoch %d: train loss %.4f, dev macro-F1 %.4f (%.0f s)",
                    epoch, loss / weight, f1, (System.nanoTime() - t0) / 1e9));
            if (f1 > bestF1) {
                bestF1 = f1;
                bestEpoch = epoch;
                best = adapter.copy();
            }
        }
        return new Result(best, bestEpoch, bestF1, devByEpoch);
    }

    /** Linear warm-up over the first 6% of the steps, then a linear decay to zero. */
    private static double schedule(long step, long total) {
        double warm = Math.max(1, WARMUP * total);
        return step < warm ? (step + 1) / warm : Math.max(0.0, (total - step) / (double) (total - warm));
    }

    /** The train sequences in the order of epoch {@code epoch}'s seed, cut into batches of about batchItems. */
    private List<List<Cached>> trainBatches(List<Cached> train, List<Item> items, int epoch) {
        List<Cached> order = new ArrayList<>(train);
        Collections.shuffle(order, new Random(settings.seed() * 31 + epoch));
        List<List<Cached>> batches = new ArrayList<>();
        List<Cached> batch = new ArrayList<>();
        int n = 0;
        for (Cached c : order) {
            batch.add(c);
            n += c.items().length;
            if (n >= settings.batchItems()) {
                batches.add(batch);
                batch = new ArrayList<>();
                n = 0;
            }
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    /** Class weights: the balancing weights over the train items (n / (3 n_c)) to the configured power. */
    private double[] classWeights(List<Item> items, List<Cached> train) {
        double[] counts = new double[3];
        double n = 0;
        for (Cached c : train) {
            for (int i : c.items()) {
                counts[items.get(i).gold() + 1]++;
                n++;
            }
        }
        double[] w = new double[3];
        for (int k = 0; k < 3; k++) {
            w[k] = counts[k] == 0 ? 0 : Math.pow(n / (3 * counts[k]), settings.classWeightPower());
        }
        return w;
    }

    private Gradients gradients(List<Cached> batch, List<Item> items, double[] classWeight, double total,
            TopBlocks top, Adapter adapter, Head head, ExecutorService pool) {
        List<Future<Gradients>> shards = new ArrayList<>();
        int per = (batch.size() + SHARDS - 1) / SHARDS;
        for (int a = 0; a < batch.size(); a += per) {
            List<Cached> shard = batch.subList(a, Math.min(batch.size(), a + per));
            shards.add(pool.submit(() -> shardGradients(shard, items, classWeight, total, top, adapter, head)));
        }
        Gradients sum = null;
        for (Future<Gradients> f : shards) {
            Gradients g = get(f);
            if (sum == null) {
                sum = g;
            } else {
                sum.adapter.add(g.adapter);
                add(sum.weights, g.weights);
                add(sum.bias, g.bias);
                sum = new Gradients(sum.adapter, sum.weights, sum.bias, sum.loss + g.loss);
            }
        }
        return sum;
    }

    private Gradients shardGradients(List<Cached> shard, List<Item> items, double[] classWeight, double total,
            TopBlocks top, Adapter adapter, Head head) {
        int[] starts = starts(shard);
        float[] input = concat(shard, starts);
        TopBlocks.Pass pass = top.forward(input, starts, adapter);
        float[] output = pass.output();
        float[] dOutput = new float[output.length];
        float[] gWeights = new float[head.weights.length];
        float[] gBias = new float[3];
        double loss = 0;
        int lastParts = SpanEncoder.PARTS * dim;
        for (int s = 0; s < shard.size(); s++) {
            Cached c = shard.get(s);
            for (int k = 0; k < c.items().length; k++) {
                SpanPooling pooling = planner.pooling(starts[s], starts[s + 1], c.plan(), k);
                float[] x = features(pooling.pool(output, dim), c.tapped()[k]);
                double[] p = head.probabilities(x);
                int gold = items.get(c.items()[k]).gold() + 1;
                double w = classWeight[gold] / total;
                loss += -classWeight[gold] * Math.log(Math.max(p[gold], 1e-12));
                float[] dLast = new float[lastParts];
                for (int cls = 0; cls < 3; cls++) {
                    float d = (float) (w * (p[cls] - (cls == gold ? 1 : 0)));
                    gBias[cls] += d;
                    int o = cls * features;
                    for (int i = 0; i < features; i++) {
                        gWeights[o + i] += d * x[i];
                    }
                    for (int i = 0; i < lastParts; i++) {
                        dLast[i] += d * head.weights[o + i];
                    }
                }
                pooling.backward(output, dim, dLast, dOutput);
            }
        }
        Adapter gradient = adapter.zerosLike();
        top.backward(pass, dOutput, adapter, gradient);
        return new Gradients(gradient, gWeights, gBias, loss);
    }

    /** Macro-F1 of the tuning head over {@code dev} with {@code adapter} (null: the frozen encoder). */
    private double evaluate(List<Cached> dev, List<Item> items, TopBlocks top, Adapter adapter, Head head,
            ExecutorService pool) {
        List<Future<int[][]>> parts = new ArrayList<>();
        int per = 32;
        for (int a = 0; a < dev.size(); a += per) {
            List<Cached> part = dev.subList(a, Math.min(dev.size(), a + per));
            parts.add(pool.submit(() -> {
                int[][] confusion = new int[3][3];
                int[] starts = starts(part);
                float[] output = top.infer(concat(part, starts), starts, adapter);
                for (int s = 0; s < part.size(); s++) {
                    Cached c = part.get(s);
                    for (int k = 0; k < c.items().length; k++) {
                        float[] x = features(planner.pooling(starts[s], starts[s + 1], c.plan(), k).pool(output, dim),
                                c.tapped()[k]);
                        confusion[items.get(c.items()[k]).gold() + 1][HeadClassifier.argmax(head.probabilities(x))]++;
                    }
                }
                return confusion;
            }));
        }
        int[][] confusion = new int[3][3];
        for (Future<int[][]> f : parts) {
            int[][] c = get(f);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    confusion[i][j] += c[i][j];
                }
            }
        }
        return HeadClassifier.macroF1(confusion);
    }

    private float[] features(float[] last, float[] tapped) {
        if (tapped == null) {
            return last;
        }
        float[] x = java.util.Arrays.copyOf(last, features);
        System.arraycopy(tapped, 0, x, last.length, tapped.length);
        return x;
    }

    private static int[] starts(List<Cached> part) {
        int[] starts = new int[part.size() + 1];
        for (int s = 0; s < part.size(); s++) {
            starts[s + 1] = starts[s] + part.get(s).rows();
        }
        return starts;
    }

    private float[] concat(List<Cached> part, int[] starts) {
        float[] x = new float[starts[part.size()] * dim];
        for (int s = 0; s < part.size(); s++) {
            System.arraycopy(part.get(s).states(), 0, x, starts[s] * dim, part.get(s).states().length);
        }
        return x;
    }

    private static void add(float[] into, float[] values) {
        for (int i = 0; i < into.length; i++) {
            into[i] += values[i];
        }
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("tuning interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
