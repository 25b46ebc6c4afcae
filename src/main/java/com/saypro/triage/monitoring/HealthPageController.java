package com.saypro.triage.monitoring;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.saypro.triage.support.Times;

/**
 * /health: every system's state now and its charts over the last hour, day or week (the
 * window in the URL). The page draws and refreshes its charts from GET /api/v1/health.
 */
@Controller
class HealthPageController {

    static final String HEALTH = "monitoring/health";

    private final HealthDashboard dashboard;

    HealthPageController(HealthDashboard dashboard) {
        this.dashboard = dashboard;
    }

    @GetMapping("/health")
    String health(@RequestParam(required = false) String window, Model model) {
        String chosen = HealthWindow.pageChoice(window);
        model.addAttribute("window", chosen);
        model.addAttribute("systems", dashboard.all(HealthWindow.last(chosen, Times.now())));
        return HEALTH;
    }
}
