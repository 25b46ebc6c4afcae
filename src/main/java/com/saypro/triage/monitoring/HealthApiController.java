package com.saypro.triage.monitoring;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.saypro.triage.support.Times;
import com.saypro.triage.web.BadRequestException;

/**
 * The health dashboard's series: {@code GET /api/v1/systems/{code}/health?window=1h|1d|1w}
 * (or {@code ?around=<instant>}: an hour either side of it), and every system at once with
 * {@code GET /api/v1/health?window=...}.
 */
@RestController
class HealthApiController {

    private final HealthDashboard dashboard;

    HealthApiController(HealthDashboard dashboard) {
        this.dashboard = dashboard;
    }

    @GetMapping(path = "/api/v1/systems/{code}/health", produces = MediaType.APPLICATION_JSON_VALUE)
    SystemHealth system(@PathVariable String code, @RequestParam(required = false) String window,
            @RequestParam(required = false) String around) {
        return dashboard.of(code, window(window, around));
    }

    @GetMapping(path = "/api/v1/health", produces = MediaType.APPLICATION_JSON_VALUE)
    List<SystemHealth> all(@RequestParam(required = false) String window) {
        return dashboard.all(HealthWindow.last(window, Times.now()));
    }

    private static HealthWindow window(String window, String around) {
        if (around == null) {
            return HealthWindow.last(window, Times.now());
        }
        if (window != null) {
            throw new BadRequestException("window", "give either window or around, not both");
        }
        return HealthWindow.around(around);
    }
}
