package com.saypro.triage.web;

import java.net.URI;

/**
 * Something this request needs is not available now, and the same request may succeed later:
 * 503 with {@code Retry-After} and a problem document of the given type.
 */
public class UnavailableException extends RuntimeException {

    private final URI type;
    private final String title;
    private final int retryAfterSeconds;

    public UnavailableException(URI type, String title, String detail, int retryAfterSeconds, Throwable cause) {
        super(detail, cause);
        this.type = type;
        this.title = title;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public URI getType() {
        return type;
    }

    public String getTitle() {
        return title;
    }

    public int getRetryAfterSeconds() {
        return retryAfterSeconds;
    }
}
