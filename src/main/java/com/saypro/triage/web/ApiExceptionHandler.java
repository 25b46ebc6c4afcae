package com.saypro.triage.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.saypro.triage.support.DatabaseUnavailable;
import com.saypro.triage.web.NotFoundException;
import com.saypro.triage.web.FieldError;
import com.saypro.triage.web.InvalidBodyException;

/**
 * RFC 9457 problem documents for the API (controllers annotated {@code @RestController}),
 * also for Spring MVC's errors raised inside them (a malformed path variable, an unreadable
 * body). Errors raised before a controller is chosen (an unknown path, a wrong method) get
 * Spring Boot's error response. Pages keep the HTML error page.
 */
@RestControllerAdvice(annotations = RestController.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    static final URI INVALID_BODY = URI.create("urn:saypro:triage:problem:invalid-body");
    static final URI INVALID_PARAMETER = URI.create("urn:saypro:triage:problem:invalid-parameter");
    static final URI BUSY = URI.create("urn:saypro:triage:problem:busy");
    static final URI NOT_FOUND = URI.create("urn:saypro:triage:problem:not-found");
    static final URI UNSUPPORTED_MEDIA_TYPE = URI.create("urn:saypro:triage:problem:unsupported-media-type");
    static final URI DATABASE_UNAVAILABLE = URI.create("urn:saypro:triage:problem:database-unavailable");
    static final URI UNDER_WAY = URI.create("urn:saypro:triage:problem:under-way");

    @ExceptionHandler(InvalidBodyException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidBodyException e) {
        List<FieldError> errors = e.getErrors();
        FieldError first = errors.get(0);
        String where = first.field().isEmpty() ? "" : first.field() + ": ";
        String message = first.field().isEmpty() ? capitalise(first.message()) : first.message();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                where + message + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "")
                        + "; nothing of this body was stored");
        problem.setType(INVALID_BODY);
        problem.setTitle("Invalid request body");
        problem.setProperty("field", first.field());
        problem.setProperty("errors",
                errors.stream().map(err -> Map.of("field", err.field(), "message", err.message())).toList());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(UnsupportedBodyTypeException.class)
    ResponseEntity<ProblemDetail> unsupportedType(UnsupportedBodyTypeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                e.getMessage() + "; send application/json (UTF-8); nothing of this body was stored");
        problem.setType(UNSUPPORTED_MEDIA_TYPE);
        problem.setTitle("Unsupported media type");
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .header("Accept", "application/json, application/*+json").body(problem);
    }

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<ProblemDetail> badParameter(BadRequestException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                e.getField() + ": " + e.getMessage());
        problem.setType(INVALID_PARAMETER);
        problem.setTitle("Invalid request parameter");
        problem.setProperty("field", e.getField());
        return ResponseEntity.badRequest().body(problem);
    }

    /** Ingestion retried a racing transaction and lost every time: the client should try again. */
    @ExceptionHandler({ org.springframework.dao.PessimisticLockingFailureException.class,
            org.springframework.dao.DuplicateKeyException.class })
    ResponseEntity<ProblemDetail> busy(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Concurrent requests changed the same data; nothing of this request was stored. Try again.");
        problem.setType(BUSY);
        problem.setTitle("Busy");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1").body(problem);
    }

    /** A service the request needs (the Kafka brokers, when scaled out) did not answer in time. */
    @ExceptionHandler(UnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(UnavailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setType(e.getType());
        problem.setTitle(e.getTitle());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", String.valueOf(e.getRetryAfterSeconds())).body(problem);
    }

    static final URI CONFLICT = URI.create("urn:saypro:triage:problem:conflict");
    static final URI UNPROCESSABLE = URI.create("urn:saypro:triage:problem:unprocessable");

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e) {
        HttpStatus status = e.unprocessable() ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.CONFLICT;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setType(e.unprocessable() ? UNPROCESSABLE : CONFLICT);
        problem.setTitle(e.unprocessable() ? "Cannot be carried out" : "Not in this state");
        if (e.getField() != null) {
            problem.setProperty("field", e.getField());
        }
        return ResponseEntity.status(status).body(problem);
    }

    /**
     * The database cannot be reached: 503 within the pool's connection timeout, so a webhook
     * sender hears back before its own timeout and retries. Other database errors stay 500.
     */
    @ExceptionHandler({ DataAccessException.class, TransactionException.class })
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        if (!DatabaseUnavailable.isCause(e)) {
            throw e;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The database is unavailable; nothing of this request was stored. Try again.");
        problem.setType(DATABASE_UNAVAILABLE);
        problem.setTitle("Database unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS)).body(problem);
    }

    /** Not ready yet (a diagnosis being computed): 503, and when to ask again. */
    @ExceptionHandler(UnderWayException.class)
    ResponseEntity<ProblemDetail> underWay(UnderWayException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setType(UNDER_WAY);
        problem.setTitle("Under way");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", String.valueOf(e.retryAfterSeconds())).body(problem);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setType(NOT_FOUND);
        problem.setTitle("Not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
