package io.narrative.core.config;

/** A part of the pipeline config that checks its own values when the config is loaded. */
public interface ConfigSection extends java.io.Serializable {
    /** Adds a message to {@code errors} for each invalid value; {@code prefix} is this section's key path. */
    void validate(String prefix, ConfigErrors errors);
}
