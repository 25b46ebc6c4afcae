package com.saypro.triage.web;

import java.util.function.Supplier;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A form's action on a page: does it, says what happened on the page it goes back to (a flash
 * {@code notice} with the action's words, or a {@code problem} with what went wrong), and
 * redirects there.
 */
public final class PageActions {

    private PageActions() {
    }

    /**
     * Runs the action and redirects to {@code to} ("redirect:/admin"). A request the action
     * refuses (an invalid value, a state that does not allow it, something that does not
     * exist) becomes the {@code problem}; anything else fails the request as usual.
     */
    public static String attempt(RedirectAttributes redirect, String to, Supplier<String> action) {
        try {
            redirect.addFlashAttribute("notice", action.get());
        } catch (InvalidBodyException | ConflictException | NotFoundException e) {
            redirect.addFlashAttribute("problem", problem(e));
        }
        return to;
    }

    /** What went wrong, for a page: every field's problem of an invalid request ("field message; field message"). */
    public static String problem(RuntimeException e) {
        return e instanceof InvalidBodyException invalid ? invalid.describe() : e.getMessage();
    }
}
