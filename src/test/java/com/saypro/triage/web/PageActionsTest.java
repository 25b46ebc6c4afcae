package com.saypro.triage.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

/** The pages' forms: a notice, or the problem in one form whichever controller refused. */
class PageActionsTest {

    private final RedirectAttributesModelMap redirect = new RedirectAttributesModelMap();

    private Map<String, Object> flash() {
        return Map.copyOf(redirect.getFlashAttributes());
    }

    @Test
    void shouldFlashTheActionsWordsAndRedirect() {
        assertThat(PageActions.attempt(redirect, "redirect:/admin", () -> "User dana created.")).isEqualTo(
                "redirect:/admin");
        assertThat(flash()).containsEntry("notice", "User dana created.")
                .doesNotContainKey("problem");
    }

    @Test
    void shouldFlashEveryFieldOfAnInvalidRequest() {
        String to = PageActions.attempt(redirect, "redirect:/thresholds", () -> {
            throw new InvalidBodyException(List.of(new FieldError("value", "must be a number"),
                    new FieldError("samples", "must read N of M")));
        });
        assertThat(to).isEqualTo("redirect:/thresholds");
        assertThat(flash()).containsEntry("problem",
                "value must be a number; samples must read N of M").doesNotContainKey("notice");
    }

    @Test
    void shouldFlashAConflictOrSomethingMissingAsItsMessage() {
        PageActions.attempt(redirect, "redirect:/incidents/1", () -> {
            throw new ConflictException("The incident is closed");
        });
        assertThat(flash()).containsEntry("problem", "The incident is closed");
        PageActions.attempt(redirect, "redirect:/admin", () -> {
            throw new NotFoundException("There is no token 9");
        });
        assertThat(flash()).containsEntry("problem", "There is no token 9");
    }

    @Test
    void shouldLetAnythingElseFailTheRequest() {
        assertThatThrownBy(() -> PageActions.attempt(redirect, "redirect:/admin", () -> {
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class);
    }
}
