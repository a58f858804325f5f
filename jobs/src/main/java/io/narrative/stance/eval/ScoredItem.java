package io.narrative.stance.eval;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;
import lombok.NoArgsConstructor;

/** A {@link GoldItem} with what the stage made of it. */
@Data
@NoArgsConstructor
public class ScoredItem implements Serializable {
    private String id;
    private String lang;
    private String split;
    private String entityType;
    private int gold;
    /** The targets-file target the gold mention names (matched on its own), or "other". */
    private String goldTarget;
    /** 1 when the stage found that target's mention at the gold span in context, else 0. */
    private int mentionFound;
    private double score;
    private String label;
    private List<Double> features = new ArrayList<>();
    private List<String> windowTerms = new ArrayList<>();
    /** The encoder's features of the target (empty with the rules); the head's input with {@link #features}. */
    private List<Double> encoded = new ArrayList<>();
    /** The encoder head's class probabilities; null with the rules. */
    private Double pAgainst;
    private Double pNeutral;
    private Double pFavor;
}
