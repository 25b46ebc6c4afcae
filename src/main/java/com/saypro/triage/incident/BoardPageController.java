package com.saypro.triage.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import com.saypro.triage.diagnosis.DiagnosisService;
import com.saypro.triage.rules.RuleBase;
import com.saypro.triage.support.Times;
import com.saypro.triage.web.Ages;
import com.saypro.triage.web.BadRequestException;

/**
 * The triage board: incidents filtered by the query string (a plain GET form), most recent
 * activity first. The page updates itself over {@code GET /api/v1/stream}: on each
 * {@code incident} event htmx fetches the same URL with {@code HX-Request}, which answers
 * only the rows.
 */
@Controller
class BoardPageController {

    static final String BOARD = "incidents/board";
    static final String BOARD_ROWS = "incidents/board :: rows";
    static final List<String> SEVERITIES = List.of("critical", "warning", "info");
    private static final int ROWS = 500;

    private final IncidentRepository incidents;
    private final DiagnosisService diagnoses;
    private final RuleBase ruleBase;
    private final Duration quietAfter;
    private final List<IncidentPagePart> parts;

    BoardPageController(IncidentRepository incidents, DiagnosisService diagnoses, RuleBase ruleBase,
            @Value("${triage.board.quiet-after:15m}") Duration quietAfter,
            ObjectProvider<IncidentPagePart> parts) {
        this.parts = parts.orderedStream().toList();
        this.incidents = incidents;
        this.diagnoses = diagnoses;
        this.ruleBase = ruleBase;
        this.quietAfter = quietAfter;
    }

    /** A line of the board; {@code offerResolve}: its alerts all resolved and stayed quiet. */
    record BoardRow(IncidentSummary incident, String age, String lastActivity, boolean offerResolve) {
    }

    /** The whole board, or only its rows for the live refresh (a request with the HX-Request header). */
    @GetMapping("/")
    String board(@RequestHeader(name = "HX-Request", required = false) String partial,
            @RequestParam(required = false) String system, @RequestParam(required = false) String severity,
            @RequestParam(required = false) String status, @RequestParam(required = false) String assignee,
            Model model) {
        BoardFilter filter = new BoardFilter(system, severity, status, assignee);
        try {
            filter.statuses();
        } catch (BadRequestException e) {
            model.addAttribute("problem", "Status " + e.getMessage() + "; showing open and acknowledged incidents.");
            filter = new BoardFilter(system, severity, null, assignee);
        }
        Instant now = Times.now();
        List<IncidentRepository.BoardLine> lines = incidents.board(filter, now.minus(quietAfter), ROWS);
        // Top causes as of now: the rows' incidents not diagnosed with their current facts are diagnosed now.
        if (diagnoses.bringUpToDate(lines.stream().map(line -> line.incident().id()).toList())) {
            lines = incidents.board(filter, now.minus(quietAfter), ROWS);
        }
        List<BoardRow> rows = lines.stream()
                .map(line -> {
                    IncidentSummary i = line.incident();
                    Instant last = i.lastActivityAt() == null ? i.updatedAt() : i.lastActivityAt();
                    return new BoardRow(i, Ages.since(i.openedAt(), now), Ages.since(last, now), line.alertsQuiet());
                }).toList();
        model.addAttribute("rows", rows);
        Map<Long, String> notes = new HashMap<>();
        List<Long> ids = rows.stream().map(r -> r.incident().id()).toList();
        parts.forEach(p -> notes.putAll(p.boardNotes(ids)));
        model.addAttribute("boardNotes", notes);
        model.addAttribute("filter", filter);
        if (partial != null) {
            return BOARD_ROWS;
        }
        model.addAttribute("choices", incidents.boardChoices());
        model.addAttribute("severities", SEVERITIES);
        model.addAttribute("ruleBaseVersion", ruleBase.current().version());
        return BOARD;
    }
}
