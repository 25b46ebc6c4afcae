package com.saypro.triage.incident;

import java.util.EnumSet;
import java.util.Set;

/**
 * What the board shows, as its query string says: {@code system}, {@code severity},
 * {@code status} (open, acknowledged, verifying, closed, comma-separated, or {@code resolved}
 * for verifying and closed, {@code all} for every status; none: open and acknowledged) and
 * {@code assignee} ({@value #UNASSIGNED} for nobody). Blank values do not filter.
 */
public record BoardFilter(String system, String severity, String status, String assignee) {

    /** The assignee value that selects incidents nobody took yet (no username looks like it). */
    public static final String UNASSIGNED = "-";

    public BoardFilter {
        system = blankToNull(system);
        severity = blankToNull(severity);
        status = blankToNull(status);
        assignee = blankToNull(assignee);
    }

    /** The statuses to show; the API's parsing, so the board and {@code GET /api/v1/incidents} agree. */
    public Set<IncidentStatus> statuses() {
        if (status == null) {
            return EnumSet.of(IncidentStatus.OPEN, IncidentStatus.ACKNOWLEDGED);
        }
        if (status.equalsIgnoreCase("all")) {
            return EnumSet.allOf(IncidentStatus.class);
        }
        return IncidentApiController.statuses(status);
    }

    /** Only the default: open and acknowledged incidents of every system, severity and assignee. */
    public boolean isDefault() {
        return system == null && severity == null && status == null && assignee == null;
    }

    /** The board's path with this filter as its query string. */
    public String query() {
        return org.springframework.web.util.UriComponentsBuilder.fromPath("/")
                .queryParamIfPresent("system", java.util.Optional.ofNullable(system))
                .queryParamIfPresent("severity", java.util.Optional.ofNullable(severity))
                .queryParamIfPresent("status", java.util.Optional.ofNullable(status))
                .queryParamIfPresent("assignee", java.util.Optional.ofNullable(assignee))
                .encode().build().toUriString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
