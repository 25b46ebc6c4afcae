package com.saypro.triage.web;

/**
 * What was asked for is being worked out and was not ready in time (a first diagnosis): 503
 * with {@code Retry-After}, so the caller asks again shortly.
 */
public class UnderWayException extends RuntimeException {

    private final int retryAfterSeconds;

    public UnderWayException(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
