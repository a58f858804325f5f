package io.narrative.narratives;

import java.io.Serializable;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** A sentence written for conf/narratives.yaml: an example of a narrative, or background news. */
@Data
@NoArgsConstructor
@AllArgsConstructor
public class ExampleSpec implements Serializable {
    private String lang;
    private String text;
}
