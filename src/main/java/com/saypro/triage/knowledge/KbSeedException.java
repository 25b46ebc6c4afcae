package com.saypro.triage.knowledge;

/** The knowledge-base seed cannot be read or is inconsistent; nothing of it was applied. */
public class KbSeedException extends RuntimeException {

    public KbSeedException(String message) {
        super(message);
    }

    public KbSeedException(String message, Throwable cause) {
        super(message, cause);
    }
}
