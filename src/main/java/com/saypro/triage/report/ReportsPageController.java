package com.saypro.triage.report;

import java.time.LocalDate;
import java.time.ZoneOffset;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.saypro.triage.support.Times;

/**
 * {@code /reports}: the improvement reports for everyone, over a window of incidents (by when
 * they opened): MTTA and MTTR per system (and per month, as a chart), false alarms per alert
 * name, the causes confirmed again and again, the fixes that did not hold, the diagnosis'
 * accuracy per month, and the post-mortem action items past their due date.
 */
@Controller
class ReportsPageController {

    private final ImprovementReports reports;

    ReportsPageController(ImprovementReports reports) {
        this.reports = reports;
    }

    @GetMapping("/reports")
    String reports(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            Model model) {
        ReportPeriod period = ReportPeriod.of(from, to);
        model.addAttribute("from", period.fromDate());
        model.addAttribute("to", period.toDate());
        model.addAttribute("systems", reports.summary(period.from(), period.to()));
        model.addAttribute("total", reports.total(period.from(), period.to()));
        model.addAttribute("falseAlarms", reports.falseAlarmsByAlert(period.from(), period.to()).stream().limit(25)
                .toList());
        model.addAttribute("causes", reports.recurringCauses(period.from(), period.to()));
        model.addAttribute("fixes", reports.fixesNotHeld(period.from(), period.to()));
        model.addAttribute("accuracy", reports.accuracy(period.from(), period.to()));
        model.addAttribute("overdue", reports.overdueActions(LocalDate.ofInstant(Times.now(), ZoneOffset.UTC)));
        return "reports/index";
    }
}
