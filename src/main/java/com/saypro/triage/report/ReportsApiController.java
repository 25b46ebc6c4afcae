package com.saypro.triage.report;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.saypro.triage.support.Json;
import com.saypro.triage.support.Times;
import com.saypro.triage.web.NotFoundException;

import tools.jackson.core.type.TypeReference;

/**
 * The improvement reports as JSON, and each as CSV ({@code .csv}) for a spreadsheet: the
 * same figures with the same names. {@code from} and {@code to} bound the incidents by when
 * they opened ({@link ReportPeriod}).
 */
@RestController
@RequestMapping("/api/v1/reports")
class ReportsApiController {

    private final ImprovementReports reports;

    ReportsApiController(ImprovementReports reports) {
        this.reports = reports;
    }

    /** Per system: {@code incidents}, {@code mtta} and {@code mttr} (seconds), {@code falseAlarms}, {@code fixesNotHeld}. */
    @GetMapping(path = "/summary", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ImprovementReports.SystemFigures> summary(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        ReportPeriod period = ReportPeriod.of(from, to);
        return reports.summary(period.from(), period.to());
    }

    @GetMapping(path = "/monthly", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ImprovementReports.MonthFigures> monthly(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        ReportPeriod period = ReportPeriod.of(from, to);
        return reports.monthly(period.from(), period.to());
    }

    @GetMapping(path = "/false-alarms", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ImprovementReports.AlertFalseAlarms> falseAlarms(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        ReportPeriod period = ReportPeriod.of(from, to);
        return reports.falseAlarmsByAlert(period.from(), period.to());
    }

    @GetMapping(path = "/recurring-causes", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ImprovementReports.RecurringCause> recurringCauses(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        ReportPeriod period = ReportPeriod.of(from, to);
        return reports.recurringCauses(period.from(), period.to());
    }

    @GetMapping(path = "/fixes-not-held", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ImprovementReports.FixNotHeld> fixesNotHeld(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        ReportPeriod period = ReportPeriod.of(from, to);
        return reports.fixesNotHeld(period.from(), period.to());
    }

    @GetMapping(path = "/accuracy", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ImprovementReports.Accuracy> accuracy(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        ReportPeriod period = ReportPeriod.of(from, to);
        return reports.accuracy(period.from(), period.to());
    }

    /** Open post-mortem action items past their due date (whenever the post-mortem was written). */
    @GetMapping(path = "/overdue-actions", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ImprovementReports.OverdueAction> overdueActions() {
        return reports.overdueActions(LocalDate.ofInstant(Times.now(), ZoneOffset.UTC));
    }

    /** Each report above as CSV: {@code /summary.csv}, {@code /monthly.csv}, ..., {@code /overdue-actions.csv}. */
    @GetMapping("/{report}.csv")
    ResponseEntity<String> csv(@PathVariable String report, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        List<?> records = switch (report) {
            case "summary" -> summary(from, to);
            case "monthly" -> monthly(from, to);
            case "false-alarms" -> falseAlarms(from, to);
            case "recurring-causes" -> recurringCauses(from, to);
            case "fixes-not-held" -> fixesNotHeld(from, to);
            case "accuracy" -> accuracy(from, to);
            case "overdue-actions" -> overdueActions();
            default -> throw new NotFoundException("There is no report " + report);
        };
        return csv(report, records);
    }

    /**
     * Records as CSV (RFC 4180): a header of their JSON names, one line per record; lists
     * joined with a space; a cell that a spreadsheet would read as a formula is prefixed with '.
     */
    static ResponseEntity<String> csv(String name, List<?> records) {
        StringBuilder out = new StringBuilder();
        List<Map<String, Object>> rows = records.stream().map(r -> Json.MAPPER.convertValue(r,
                new TypeReference<Map<String, Object>>() {
                })).toList();
        if (!rows.isEmpty()) {
            out.append(String.join(",", rows.get(0).keySet().stream().map(ReportsApiController::cell).toList()))
                    .append("\r\n");
        }
        Function<Object, String> value = v -> v == null ? ""
                : v instanceof List<?> list ? list.stream().map(String::valueOf).collect(Collectors.joining(" "))
                        : String.valueOf(v);
        for (Map<String, Object> row : rows) {
            out.append(String.join(",", row.values().stream().map(value).map(ReportsApiController::cell).toList()))
                    .append("\r\n");
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"triage-" + name + ".csv\"")
                .body(out.toString());
    }

    private static String cell(String text) {
        String safe = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !text.matches("-?\\d+(\\.\\d+)?")
                ? "'" + text : text;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
