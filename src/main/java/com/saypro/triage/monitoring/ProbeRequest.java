package com.saypro.triage.monitoring;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.saypro.triage.web.Identifier;
import com.saypro.triage.web.PlainName;

/**
 * A probe to register: {@code POST /api/v1/probes} or the admin page. Defaults: every 60 s,
 * timeout 5000 ms, expected status 200, any body.
 */
record ProbeRequest(@Identifier @Size(max = 100) String name,
        @NotBlank(message = "is required") @Identifier @Size(max = 100) String system,
        @NotBlank(message = "is required") @Size(max = 2000) String url,
        @Min(5) @Max(86_400) Integer intervalSeconds,
        @Min(100) @Max(60_000) Integer timeoutMs,
        @Min(100) @Max(599) Integer expectedStatus,
        @PlainName @Size(max = 500) String expectedBody) {

    int intervalSecondsOrDefault() {
        return intervalSeconds == null ? 60 : intervalSeconds;
    }

    int timeoutMsOrDefault() {
        return timeoutMs == null ? 5000 : timeoutMs;
    }

    int expectedStatusOrDefault() {
        return expectedStatus == null ? 200 : expectedStatus;
    }
}
