package io.narrative.tokenize;

import java.io.Serializable;
import java.util.List;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** One doc_terms row: the terms of one document in one language. */
@Data
@NoArgsConstructor
@AllArgsConstructor
public class DocTermsRow implements Serializable {
    private String docId;
    private String lang;
    private List<String> terms;
    private int nTokens;
}
