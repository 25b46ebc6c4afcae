package com.saypro.triage.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.saypro.triage.incident.IncidentNotFoundException;
import com.saypro.triage.ingest.FieldError;
import com.saypro.triage.ingest.InvalidSignalException;

/** RFC 9457 problem documents for the API. */
@RestControllerAdvice(annotations = RestController.class)
class ApiExceptionHandler {

    static final URI INVALID_BODY = URI.create("urn:saypro:triage:problem:invalid-body");
    static final URI NOT_FOUND = URI.create("urn:saypro:triage:problem:not-found");

    @ExceptionHandler(InvalidSignalException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidSignalException e) {
        List<FieldError> errors = e.getErrors();
        FieldError first = errors.get(0);
        String field = first.field().isEmpty() ? "(body)" : first.field();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                field + ": " + first.message() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "")
                        + "; nothing of this body was stored");
        problem.setType(INVALID_BODY);
        problem.setTitle("Invalid request body");
        problem.setProperty("field", first.field());
        problem.setProperty("errors",
                errors.stream().map(err -> Map.of("field", err.field(), "message", err.message())).toList());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(IncidentNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(IncidentNotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setType(NOT_FOUND);
        problem.setTitle("Not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }
}
