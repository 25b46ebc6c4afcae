package com.saypro.triage.web;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

import com.saypro.triage.support.DatabaseUnavailable;

/** The HTML error page, with a message people can act on, for the pages. */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageExceptionHandler {

    static final String ERROR = "error";

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(NotFoundException e) {
        return errorPage(HttpStatus.NOT_FOUND, HttpStatus.NOT_FOUND.getReasonPhrase(), e.getMessage());
    }

    /** A query parameter the page cannot use (such as {@code days=0}): 400, naming it. */
    @ExceptionHandler(BadRequestException.class)
    ModelAndView badRequest(BadRequestException e) {
        return errorPage(HttpStatus.BAD_REQUEST, HttpStatus.BAD_REQUEST.getReasonPhrase(),
                e.getField() + " " + e.getMessage());
    }

    /** The database cannot be reached: say so, rather than a bare 500, and when to look again. */
    @ExceptionHandler({ DataAccessException.class, TransactionException.class })
    ModelAndView databaseUnavailable(RuntimeException e, HttpServletResponse response) {
        if (!DatabaseUnavailable.isCause(e)) {
            throw e;
        }
        response.setHeader("Retry-After", String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS));
        return errorPage(HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable", "Triage cannot reach its"
                + " database right now and reconnects by itself when it is back. Reload this page in a few seconds.");
    }

    /** Not ready yet (an incident's first diagnosis): say so, and when to look again. */
    @ExceptionHandler(UnderWayException.class)
    ModelAndView underWay(UnderWayException e, HttpServletResponse response) {
        response.setHeader("Retry-After", String.valueOf(e.retryAfterSeconds()));
        return errorPage(HttpStatus.SERVICE_UNAVAILABLE, "Under way", e.getMessage());
    }

    private static ModelAndView errorPage(HttpStatus status, String error, String message) {
        ModelAndView page = new ModelAndView(ERROR, status);
        page.addObject("status", status.value());
        page.addObject("error", error);
        page.addObject("message", message);
        return page;
    }
}
