package io.narrative.tokenize;

import java.io.Serializable;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** A count of a term ({@code second} empty) or of a pair of adjacent terms, in one language. */
@Data
@NoArgsConstructor
@AllArgsConstructor
public class PairCount implements Serializable {
    private String lang;
    private String first;
    private String second;
    private long count;
}
