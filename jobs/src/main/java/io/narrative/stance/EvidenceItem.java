package io.narrative.stance;

import java.io.Serializable;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** A word or phrase that moved a sentence's score toward one target, the target's role, its contribution. */
@Data
@NoArgsConstructor
@AllArgsConstructor
public class EvidenceItem implements Serializable {
    /** The cue as written in the sentence, prefixed with its negator when negated ("not support"). */
    private String cue;
    /** agent, patient or unknown: the target's role next to the cue. */
    private String role;
    private double weight;
}
