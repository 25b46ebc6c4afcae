package com.saypro.triage.web;

/** What is wrong with one field of a signal body; {@code field} is a path like {@code alerts[2].startsAt}. */
public record FieldError(String field, String message) {
}
