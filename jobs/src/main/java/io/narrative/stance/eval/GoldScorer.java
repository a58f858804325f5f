package io.narrative.stance.eval;

import io.narrative.core.config.StanceConfig;
import io.narrative.stance.GoldEncoding;
import io.narrative.stance.MentionSpan;
import io.narrative.stance.SentenceScorer;
import io.narrative.stance.StanceFeatures;
import io.narrative.stance.StanceLabels;
import io.narrative.stance.TargetStance;
import io.narrative.stance.lexicon.StanceResources;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * Scores labelled items with the same scorers the stage uses. A span item is scored at its span (the data
 * names the target); its gold target is the targets-file target whose alias the span's text is on its own,
 * and "found" says whether the stage finds that mention in context. With the encoder on, items are encoded
 * in chunks and the head (when given) scores them; the encoder features are kept for training.
 */
final class GoldScorer implements MapPartitionsFunction<GoldItem, ScoredItem> {
    static final String OTHER = "other";
    private static final int CHUNK = 256;

    private final Broadcast<StanceResources> resources;
    private final StanceConfig config;
    private final GoldEncoding encoding;

    /** {@code encoding} null: the rules alone. */
    GoldScorer(Broadcast<StanceResources> resources, StanceConfig config, GoldEncoding encoding) {
        this.resources = resources;
        this.config = config;
        this.encoding = encoding;
    }

    @Override
    public Iterator<ScoredItem> call(Iterator<GoldItem> items) {
        SentenceScorer scorer = new SentenceScorer(resources.value(), config);
        GoldEncoding.Session session = encoding == null ? null : encoding.open();
        List<ScoredItem> out = new ArrayList<>();
        List<ScoredItem> chunk = new ArrayList<>();
        List<TargetStance> stances = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        while (items.hasNext()) {
            GoldItem item = items.next();
            TargetStance stance = scoreRules(scorer, item, chunk);
            stances.add(stance);
            texts.add(item.getText());
            if (chunk.size() == CHUNK || !items.hasNext()) {
                if (session != null) {
                    session.apply(texts, stances, chunk);
                }
                out.addAll(chunk);
                chunk.clear();
                stances.clear();
                texts.clear();
            }
        }
        return out.iterator();
    }

    private TargetStance scoreRules(SentenceScorer scorer, GoldItem item, List<ScoredItem> chunk) {
        ScoredItem scored = new ScoredItem();
        scored.setId(item.getId());
        scored.setLang(item.getLang());
        scored.setSplit(item.getSplit());
        scored.setEntityType(item.getEntityType());
        scored.setGold(item.getGold());
        List<TargetStance> found = scorer.score(item.getLang(), item.getText());
        TargetStance stance;
        if (item.getSpanStart() >= 0) {
            String spanText = item.getText().substring(item.getSpanStart(), Math.min(item.getSpanEnd(),
                    item.getText().length()));
            String target = scorer.score(item.getLang(), spanText).stream().map(TargetStance::target)
                    .findFirst().orElse(OTHER);
            scored.setGoldTarget(target);
            scored.setMentionFound(found.stream().filter(s -> s.target().equals(target))
                    .flatMap(s -> s.mentions().stream()).anyMatch(m -> overlaps(m, item)) ? 1 : 0);
        } else {
            scored.setGoldTarget(item.getTargetId());
            scored.setMentionFound(found.stream().anyMatch(s -> s.target().equals(item.getTargetId())) ? 1 : 0);
        }
        stance = targetStance(scorer, item, found);
        scored.setScore(stance == null ? 0.0 : stance.score());
        scored.setLabel(StanceLabels.label(scored.getScore(), config));
        if (stance != null) {
            for (double f : stance.features()) {
                scored.getFeatures().add(f);
            }
            scored.setWindowTerms(new ArrayList<>(stance.windowTerms()));
        } else {
            for (int i = 0; i < StanceFeatures.SIZE; i++) {
                scored.getFeatures().add(0.0);
            }
            scored.getWindowTerms().add("_lang_" + item.getLang());
        }
        chunk.add(scored);
        return stance;
    }

    /**
     * The rules' stance toward the item's target: at its span for a span item, else the stance toward its
     * target id among {@code found} (the sentence's stances), null when the sentence does not mention it.
     */
    public static TargetStance targetStance(SentenceScorer scorer, GoldItem item, List<TargetStance> found) {
        if (item.getSpanStart() >= 0) {
            return scorer.scoreSpan(item.getLang(), item.getText(), item.getSpanStart(), item.getSpanEnd());
        }
        return found.stream().filter(s -> s.target().equals(item.getTargetId())).findFirst().orElse(null);
    }

    private static boolean overlaps(MentionSpan m, GoldItem item) {
        return m.charStart() < item.getSpanEnd() && item.getSpanStart() < m.charEnd();
    }
}
