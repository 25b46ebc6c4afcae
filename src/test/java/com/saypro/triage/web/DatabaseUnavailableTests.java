package com.saypro.triage.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Controller;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.saypro.triage.support.DatabaseUnavailable;

class DatabaseUnavailableTests {

    private static final CannotGetJdbcConnectionException NO_CONNECTION = new CannotGetJdbcConnectionException(
            "Failed to obtain JDBC Connection", new SQLTransientConnectionException("request timed out after 3000ms",
                    new SQLNonTransientConnectionException("Connection refused", "08000")));

    @RestController
    static class FailingApi {

        @GetMapping("/api/v1/down")
        String down() {
            throw NO_CONNECTION;
        }

        @GetMapping("/api/v1/under-way")
        String underWay() {
            throw new UnderWayException("The diagnosis of incident 7 is under way; try again in a moment", 2);
        }

        @GetMapping("/api/v1/broken-query")
        String brokenQuery() {
            throw new BadSqlGrammarException("list", "SELECT nonsense", new java.sql.SQLSyntaxErrorException("bad"));
        }
    }

    @Controller
    static class FailingPage {

        @GetMapping("/down")
        String down() {
            throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction", NO_CONNECTION);
        }

        @GetMapping("/under-way")
        String underWay() {
            throw new UnderWayException("The diagnosis of incident 7 is under way; try again in a moment", 2);
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new FailingApi(), new FailingPage())
            .setControllerAdvice(new ApiExceptionHandler(), new PageExceptionHandler()).build();

    @Test
    void shouldAnswerTheApiWith503RetryAfterAndAProblemWhenTheDatabaseIsUnreachable() throws Exception {
        MvcResult result = mvc.perform(get("/api/v1/down")).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(503);
        assertThat(result.getResponse().getHeader("Retry-After"))
                .isEqualTo(String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS));
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(result.getResponse().getContentAsString()).contains("database-unavailable")
                .contains("nothing of this request was stored").doesNotContain("Connection refused");
    }

    @Test
    void shouldShowTheDatabaseUnavailablePageWith503() throws Exception {
        MvcResult result = mvc.perform(get("/down")).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(503);
        assertThat(result.getResponse().getHeader("Retry-After")).isNotBlank();
        assertThat(result.getModelAndView().getViewName()).isEqualTo(PageExceptionHandler.ERROR);
        assertThat(result.getModelAndView().getModel()).containsEntry("error", "Database unavailable");
    }

    @Test
    void shouldAnswer503RetryAfterAndAProblemWhileWhatWasAskedForIsUnderWay() throws Exception {
        MvcResult api = mvc.perform(get("/api/v1/under-way")).andReturn();
        MvcResult page = mvc.perform(get("/under-way")).andReturn();

        assertThat(api.getResponse().getStatus()).isEqualTo(503);
        assertThat(api.getResponse().getHeader("Retry-After")).isEqualTo("2");
        assertThat(api.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(api.getResponse().getContentAsString()).contains("urn:saypro:triage:problem:under-way")
                .contains("The diagnosis of incident 7 is under way");
        assertThat(page.getResponse().getStatus()).isEqualTo(503);
        assertThat(page.getResponse().getHeader("Retry-After")).isEqualTo("2");
        assertThat(page.getModelAndView().getModel()).containsEntry("error", "Under way");
    }

    @Test
    void shouldLeaveAFaultyQueryA500NotA503() {
        assertThatThrownBy(() -> mvc.perform(get("/api/v1/broken-query")))
                .hasRootCauseInstanceOf(java.sql.SQLSyntaxErrorException.class);
    }

    @Test
    void shouldTellConnectionFailuresFromQueryFaults() {
        assertThat(DatabaseUnavailable.isCause(NO_CONNECTION)).isTrue();
        assertThat(DatabaseUnavailable.isCause(new RuntimeException(new java.sql.SQLException("gone", "08S01"))))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(new IllegalStateException("no"))).isFalse();
        assertThat(DatabaseUnavailable.isCause(new TransactionSystemException("JDBC rollback failed",
                new java.sql.SQLException("Connection is closed")))).isTrue();
    }
}
