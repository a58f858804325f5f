package io.narrative.stance;

import java.io.Serializable;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** A mention inside a sentence row; offsets are into documents.text. */
@Data
@NoArgsConstructor
@AllArgsConstructor
public class MentionItem implements Serializable {
    private String alias;
    private int charStart;
    private int charEnd;
}
