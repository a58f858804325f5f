package io.narrative.stance.eval;

import java.io.Serializable;
import lombok.Data;
import lombok.NoArgsConstructor;

/**
 * One labelled (sentence, target) pair: either a span of the text that names the target (NewsMTSC,
 * RuSentNE) or a target id of the targets file (the project's own JSONL format).
 */
@Data
@NoArgsConstructor
public class GoldItem implements Serializable {
    private String id;
    private String lang;
    private String text;
    /** The target's span in the text; -1 when the item names a target id instead. */
    private int spanStart = -1;
    private int spanEnd = -1;
    /** The target id, for items without a span. */
    private String targetId;
    /** The dataset's entity type (RuSentNE: COUNTRY, PERSON ...), or null. */
    private String entityType;
    /** -1 against, 0 neutral, 1 favor. */
    private int gold;
    /** train, dev or test: a fixed split by a hash of the sentence (see {@link GoldReader#split}). */
    private String split;
}
