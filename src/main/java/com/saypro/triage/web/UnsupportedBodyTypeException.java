package com.saypro.triage.web;

/** A request body that is not JSON ({@code Content-Type} other than {@code application/json}); nothing of it is stored. */
public class UnsupportedBodyTypeException extends RuntimeException {

    public UnsupportedBodyTypeException(String contentType) {
        super(contentType == null || contentType.isBlank() ? "The request has no Content-Type"
                : "Content-Type '" + (contentType.length() > 100 ? contentType.substring(0, 100) + "…" : contentType)
                        + "' is not accepted");
    }
}
