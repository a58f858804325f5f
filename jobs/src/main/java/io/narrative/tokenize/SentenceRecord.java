package io.narrative.tokenize;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;
import lombok.NoArgsConstructor;

/** One sentence with its analysed terms, the unit the tokenize stage works on. */
@Data
@NoArgsConstructor
public class SentenceRecord implements Serializable {
    private String docId;
    private int sentenceId;
    private int paragraphId;
    private String lang;
    private String text;
    private int charStart;
    private int charEnd;
    private List<String> terms = new ArrayList<>();
    /** The surface text each term came from (a phrase's surfaces joined by a space). */
    private List<String> surfaces = new ArrayList<>();
    /** Whether a dropped word stood before each term, so that no phrase is learned across it. */
    private List<Boolean> gaps = new ArrayList<>();
}
