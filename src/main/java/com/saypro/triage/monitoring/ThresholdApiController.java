package com.saypro.triage.monitoring;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.saypro.triage.monitoring.stream.Threshold;
import com.saypro.triage.web.JsonBodies;
import com.saypro.triage.web.NotFoundException;

/**
 * Thresholds: everyone reads them ({@code GET /api/v1/thresholds}), engineers set them
 * ({@code PUT /api/v1/thresholds/{system}/{metric}}, system {@code *} for every system).
 */
@RestController
@RequestMapping(path = "/api/v1/thresholds", produces = MediaType.APPLICATION_JSON_VALUE)
class ThresholdApiController {

    private final Thresholds thresholds;
    private final JsonBodies bodies;

    ThresholdApiController(Thresholds thresholds, JsonBodies bodies) {
        this.thresholds = thresholds;
        this.bodies = bodies;
    }

    /** A threshold's new values; absent: clear = value, forSeconds 0, samples 1 of 1, severity warning. */
    record ThresholdBody(@NotNull(message = "is required") String alert,
            @NotNull(message = "is required") String comparison,
            @NotNull(message = "is required") Double value,
            Double clear,
            @Min(0) @Max(ThresholdSetting.MAX_FOR_SECONDS) Long forSeconds,
            @Min(1) @Max(ThresholdSetting.MAX_SAMPLES) Integer samplesNeeded,
            @Min(1) @Max(ThresholdSetting.MAX_SAMPLES) Integer samplesOf,
            String severity) {
    }

    @GetMapping
    List<Threshold> list() {
        return thresholds.all();
    }

    @GetMapping("/{system}/{metric}")
    Threshold one(@PathVariable String system, @PathVariable String metric) {
        return thresholds.find(system, metric).orElseThrow(() -> new NotFoundException(
                "There is no threshold for " + metric + " on " + Thresholds.label(system)));
    }

    @PutMapping("/{system}/{metric}")
    Threshold put(@PathVariable String system, @PathVariable String metric, HttpServletRequest request) {
        ThresholdBody b = bodies.object(request, ThresholdBody.class);
        return thresholds.put(new ThresholdSetting(system, metric, b.alert(), b.comparison(), b.value(), b.clear(),
                b.forSeconds(), b.samplesNeeded(), b.samplesOf(), b.severity()));
    }
}
