package com.saypro.triage.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** The HTML error page, with a message people can act on, for the pages. */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageExceptionHandler {

    static final String ERROR = "error";

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(NotFoundException e) {
        ModelAndView page = new ModelAndView(ERROR, HttpStatus.NOT_FOUND);
        page.addObject("status", HttpStatus.NOT_FOUND.value());
        page.addObject("error", HttpStatus.NOT_FOUND.getReasonPhrase());
        page.addObject("message", e.getMessage());
        return page;
    }
}
