package io.narrative.core.config;

import java.util.List;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Per-language topic models: CountVectorizer + MLlib LDA. */
@Data
@NoArgsConstructor
public class TopicsConfig implements ConfigSection {
    /** gibbs: the initial document-topic prior per topic when doc_concentration is -1 (MALLET's: alpha sum = k). */
    public static final double GIBBS_ALPHA = 1.0;
    /** gibbs: the initial topic-word prior when topic_concentration is -1 (MALLET's). */
    public static final double GIBBS_BETA = 0.01;

    /** What one LDA "document" is: a whole document, or one paragraph (for long, many-subject texts). */
    private String unit = "document";
    /** Languages with fewer units (non-duplicate, with at least min_unit_terms terms) get no model. */
    private int minUnits = 50;
    /** Units with fewer terms than this are left out of the model. */
    private int minUnitTerms = 5;
    /** Number of topics, or candidates from which the best mean NPMI coherence wins. */
    private List<Integer> k = List.of(20);
    private int vocabSize = 20_000;
    /** Minimum document frequency: a count when >= 1, a share of units when below 1. */
    private double minDf = 5;
    /** Maximum document frequency: a count when >= 1, a share of units when below 1. */
    private double maxDf = 0.5;
    /**
     * gibbs (the job's collapsed Gibbs sampler, io.narrative.topics.gibbs: the most coherent, exactly
     * reproducible), online (MLlib's variational LDA; exactly reproducible), em (MLlib's EM; weights
     * reproducible to about 1e-6 only, likely GraphX summing in arrival order), or auto: em for a language
     * with at most em_max_units units, online above.
     */
    private String optimizer = "gibbs";
    /** With optimizer auto, the largest unit count modelled with em. */
    private long emMaxUnits = 20_000;
    /** online and em: iterations (em: full passes; online: mini-batches of subsampling_rate). */
    private int maxIter = 100;
    /** gibbs: sweeps over the corpus. */
    private int iterations = 200;
    /** gibbs: the priors are learned from the counts every this many sweeps (0: never)... */
    private int optimizeInterval = 10;
    /** ...after this many sweeps. */
    private int optimizeBurnIn = 100;
    /** Share of the corpus per online iteration; max_iter x subsampling_rate passes over the corpus. */
    private double subsamplingRate = 0.05;
    /**
     * Online step size (learning_offset + t)^-learning_decay at iteration t (Hoffman, Blei and Bach 2010:
     * tau0 and kappa). MLlib's default offset, 1024, suits a stream of millions of documents: over a
     * hundred mini-batches its steps stay near 0.03 and the topics stay close to their random start
     * (Reuters: mean NPMI -0.05 over three seeds). Offset 1 (gensim's default) gave 0.199 over four seeds;
     * docs/benchmarks.md has the sweep.
     */
    private double learningOffset = 1;
    private double learningDecay = 0.51;
    /** Dirichlet priors; -1 lets MLlib choose (online: 1/k). */
    private double docConcentration = -1;
    private double topicConcentration = -1;
    private long seed = 42L;
    /** Words that describe a topic (label uses the first three) and that its coherence is measured on. */
    private int topTerms = 10;
    /** Words per topic in the topic_terms table. */
    private int topicTermsRank = 30;
    /** Fixed partitioning of the units: with the same seed and input, the same topics. */
    private int partitions = 4;

    /** The optimizer for a language with {@code units} units: optimizer, with auto resolved by em_max_units. */
    public String optimizerFor(long units) {
        return "auto".equals(optimizer) ? (units <= emMaxUnits ? "em" : "online") : optimizer;
    }

    @Override
    public void validate(String prefix, ConfigErrors errors) {
        errors.oneOf(prefix + ".unit", unit, List.of("document", "paragraph"));
        errors.atLeast(prefix + ".min_units", minUnits, 2);
        errors.atLeast(prefix + ".min_unit_terms", minUnitTerms, 1);
        errors.nonEmpty(prefix + ".k", k);
        for (int i = 0; k != null && i < k.size(); i++) {
            errors.atLeast(prefix + ".k[" + i + "]", k.get(i), 2);
        }
        errors.atLeast(prefix + ".vocab_size", vocabSize, 10);
        errors.atLeast(prefix + ".min_df", minDf, 0.0);
        errors.atLeast(prefix + ".max_df", maxDf, 0.0);
        errors.oneOf(prefix + ".optimizer", optimizer, List.of("gibbs", "online", "em", "auto"));
        errors.atLeast(prefix + ".iterations", iterations, 1);
        errors.atLeast(prefix + ".optimize_interval", optimizeInterval, 0);
        errors.atLeast(prefix + ".optimize_burn_in", optimizeBurnIn, 0);
        errors.atLeast(prefix + ".em_max_units", emMaxUnits, 1);
        errors.atLeast(prefix + ".max_iter", maxIter, 1);
        errors.between(prefix + ".subsampling_rate", subsamplingRate, 0.0001, 1.0);
        errors.atLeast(prefix + ".learning_offset", learningOffset, 1.0);
        // Above 0.5 and at most 1: the Robbins-Monro conditions under which online LDA converges.
        if (!(learningDecay > 0.5 && learningDecay <= 1.0)) {
            errors.add(prefix + ".learning_decay", learningDecay, "a number above 0.5 and at most 1");
        }
        if (("online".equals(optimizer) || "auto".equals(optimizer)) && maxIter * subsamplingRate < 1.0) {
            // MLlib's own example (maxIter 10, rate 0.05) never shows the model the whole corpus once.
            errors.add(prefix + ".max_iter x " + prefix + ".subsampling_rate", maxIter * subsamplingRate,
                    "at least 1 (a full pass over the corpus)");
        }
        errors.atLeast(prefix + ".top_terms", topTerms, 3);
        errors.atLeast(prefix + ".topic_terms_rank", topicTermsRank, topTerms);
        errors.atLeast(prefix + ".partitions", partitions, 1);
    }
}
