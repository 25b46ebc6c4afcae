package com.saypro.triage.notify;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.saypro.triage.web.Identifier;
import com.saypro.triage.web.PlainName;

/**
 * A target to add: {@code POST /api/v1/notification-targets} or the admin page. {@code kind}
 * webhook (address: an http or https URL) or email (address: one or more mail addresses,
 * comma-separated).
 */
record NotificationTargetRequest(@NotBlank(message = "is required") @PlainName @Size(max = 100) String name,
        @NotBlank(message = "is required") @Pattern(regexp = "webhook|email", message = "must be webhook or email") String kind,
        @NotBlank(message = "is required") @Size(max = 2000) String address,
        @Pattern(regexp = "info|warning|critical", message = "must be info, warning or critical") String minSeverity,
        @Identifier @Size(max = 100) String system,
        @Min(1) @Max(1000) Integer maxPerMinute) {
}
