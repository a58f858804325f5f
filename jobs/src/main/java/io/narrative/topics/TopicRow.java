package io.narrative.topics;

import java.io.Serializable;
import java.util.List;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** One row of the topics table. */
@Data
@NoArgsConstructor
@AllArgsConstructor
public class TopicRow implements Serializable {
    private String lang;
    private int topicId;
    private String label;
    private List<String> topTerms;
    private double coherenceNpmi;
    private double prevalence;
    private long nDocsDominant;
}
