package io.narrative.topics;

import java.io.Serializable;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** One row of the topic_terms table: a word of a topic, by rank. */
@Data
@NoArgsConstructor
@AllArgsConstructor
public class TopicTermRow implements Serializable {
    private String lang;
    private int topicId;
    private int rank;
    private String term;
    private String display;
    private double weight;
}
