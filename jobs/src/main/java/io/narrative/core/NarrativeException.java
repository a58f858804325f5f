package io.narrative.core;

/**
 * A problem the user can fix (bad config, missing input, unwritable output). The message is shown as
 * the single line the job prints before it exits non-zero, so it names what is wrong and where.
 */
public class NarrativeException extends RuntimeException {
    public NarrativeException(String message) {
        super(message);
    }

    public NarrativeException(String message, Throwable cause) {
        super(message, cause);
    }
}
