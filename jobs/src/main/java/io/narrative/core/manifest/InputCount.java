package io.narrative.core.manifest;

import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Records read from one {@code --input} and where they went: records_read = documents + rejects. */
@Data
@NoArgsConstructor
@AllArgsConstructor
public class InputCount {
    private String inputRoot;
    private long recordsRead;
    private long documents;
    private long rejects;

    public boolean isReconciled() {
        return recordsRead == documents + rejects;
    }

    public void setReconciled(boolean ignored) {
        // derived; the setter exists so that bean encoders and JSON readers accept the field
    }
}
