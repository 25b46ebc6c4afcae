package com.saypro.triage.monitoring;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.saypro.triage.monitoring.stream.Threshold;
import com.saypro.triage.web.PageActions;

/** /admin/probes (administrators) and /thresholds (everyone reads, engineers edit). */
@Controller
class MonitoringPageController {

    static final String PROBES = "monitoring/probes";
    static final String THRESHOLDS = "monitoring/thresholds";

    private final Probes probes;
    private final ProbeScheduler scheduler;
    private final Thresholds thresholds;
    private final ThresholdWatch watch;

    MonitoringPageController(Probes probes, ProbeScheduler scheduler, Thresholds thresholds, ThresholdWatch watch) {
        this.probes = probes;
        this.scheduler = scheduler;
        this.thresholds = thresholds;
        this.watch = watch;
    }

    @GetMapping("/admin/probes")
    String probes(Model model) {
        model.addAttribute("probes", probes.all());
        model.addAttribute("latest", scheduler.latest());
        return PROBES;
    }

    @PostMapping("/admin/probes")
    String createProbe(@RequestParam(required = false) String name, @RequestParam String system,
            @RequestParam String url, @RequestParam(required = false) Integer intervalSeconds,
            @RequestParam(required = false) Integer timeoutMs, @RequestParam(required = false) Integer expectedStatus,
            @RequestParam(required = false) String expectedBody, RedirectAttributes redirect) {
        return PageActions.attempt(redirect, "redirect:/admin/probes", () -> {
            Probe probe = probes.create(new ProbeRequest(blankToNull(name), system, url, intervalSeconds, timeoutMs,
                    expectedStatus, blankToNull(expectedBody)));
            return "Probe " + probe.name() + " of " + probe.system() + " registered.";
        });
    }

    @PostMapping("/admin/probes/{id}/delete")
    String deleteProbe(@PathVariable long id, RedirectAttributes redirect) {
        return PageActions.attempt(redirect, "redirect:/admin/probes",
                () -> "Probe " + probes.delete(id).name() + " removed.");
    }

    @GetMapping("/thresholds")
    String thresholds(Model model) {
        model.addAttribute("thresholds", thresholds.all());
        model.addAttribute("stream", watch.status());
        return THRESHOLDS;
    }

    @PostMapping("/thresholds")
    String putThreshold(@RequestParam String system, @RequestParam String metric, @RequestParam String alert,
            @RequestParam String comparison, @RequestParam Double value, @RequestParam(required = false) Double clear,
            @RequestParam(name = "for", required = false) String forDuration,
            @RequestParam(required = false) String samples, @RequestParam(required = false) String severity,
            RedirectAttributes redirect) {
        return PageActions.attempt(redirect, "redirect:/thresholds", () -> {
            int[] nOfM = ThresholdSetting.samples(samples);
            Threshold t = thresholds.put(new ThresholdSetting(system.strip(), metric.strip(), alert.strip(), comparison,
                    value, clear, ThresholdSetting.seconds(forDuration), nOfM == null ? null : nOfM[0],
                    nOfM == null ? null : nOfM[1], blankToNull(severity)));
            return "Threshold for " + t.getMetric() + " on " + Thresholds.label(t.getSystem()) + " saved: "
                    + t.getAlert() + " " + t.describe() + ".";
        });
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
