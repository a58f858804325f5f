package io.narrative.stance;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;
import lombok.NoArgsConstructor;

/** One sentence and one target mentioned in it: the rows behind mentions and sentence_stance. */
@Data
@NoArgsConstructor
public class SentenceStanceRow implements Serializable {
    private String docId;
    private int sentenceId;
    private int paragraphId;
    private String lang;
    private String target;
    private double score;
    private String label;
    private int nMentions;
    /** The encoder head's class probabilities; null with the rules. */
    private Double pAgainst;
    private Double pNeutral;
    private Double pFavor;
    private List<EvidenceItem> evidence = new ArrayList<>();
    private List<MentionItem> mentions = new ArrayList<>();
    /** Rule features and window terms, the input of a trained model; not written to the tables. */
    private List<Double> features = new ArrayList<>();
    private List<String> windowTerms = new ArrayList<>();
    /** e5's vector of the sentence (encoder as published), on the first target row of an encoded sentence. */
    private float[] embedding;
}
