package com.saypro.triage.postmortem;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.saypro.triage.diagnosis.Diagnosis;
import com.saypro.triage.incident.TimelineEntry;
import com.saypro.triage.playbook.PlaybookRun;

/**
 * The post-mortem as a Markdown document (CommonMark with GitHub's tables): title, status,
 * summary, impact, timeline, root cause and fix, the rules that fired for each cause, the
 * playbook steps as they were run, what went well and wrong, action items and the reviewers'
 * comments. Text people wrote is escaped so that it reads as written, whatever it holds.
 */
final class PostmortemMarkdown {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private PostmortemMarkdown() {
    }

    static String render(Postmortem p, String incidentTitle) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(inline(p.title())).append("\n\n");
        md.append("- Incident: ").append(p.incidentId())
                .append(incidentTitle == null ? "" : " (" + inline(incidentTitle) + ")").append('\n');
        md.append("- Status: ").append(PostmortemWorkflow.words(p.status())).append('\n');
        md.append("- Drafted by ").append(inline(p.createdBy())).append(", ").append(time(p.createdAt())).append('\n');
        if (p.publishedAt() != null) {
            md.append("- Published by ").append(inline(p.publishedBy())).append(", ").append(time(p.publishedAt()))
                    .append('\n');
        }
        section(md, "Summary", p.summary());

        Postmortem.Impact impact = p.impact();
        md.append("## Impact\n\n");
        md.append("- Started: ").append(time(impact.startedAt())).append('\n');
        md.append("- Ended: ").append(impact.endedAt() == null ? "not recorded" : time(impact.endedAt())).append('\n');
        md.append("- Duration: ").append(PostmortemDraft.duration(impact.durationSeconds())).append('\n');
        md.append("- Systems: ").append(impact.systems().isEmpty() ? "none named"
                : inline(String.join(", ", impact.systems()))).append('\n');
        md.append("- Users affected: ").append(impact.affectedUsers() == null ? "not known"
                : String.valueOf(impact.affectedUsers())).append("\n\n");
        if (!blank(impact.description())) {
            md.append(block(impact.description())).append("\n\n");
        }

        md.append("## Timeline\n\n");
        if (p.timeline().isEmpty()) {
            md.append("Nothing recorded.\n\n");
        } else {
            md.append("| Time (UTC) | Kind | What happened | Who |\n| --- | --- | --- | --- |\n");
            for (TimelineEntry e : p.timeline()) {
                md.append("| ").append(time(e.at())).append(" | ").append(cell(e.kind())).append(" | ")
                        .append(cell(e.summary())).append(" | ").append(cell(e.actor())).append(" |\n");
            }
            md.append('\n');
        }

        md.append("## Root cause\n\n");
        if (p.rootCauseCode() != null) {
            md.append("Cause `").append(p.rootCauseCode().replace("`", "")).append("`\n\n");
        }
        md.append(blank(p.rootCause()) ? "Not written yet." : block(p.rootCause())).append("\n\n");
        section(md, "Fix", blank(p.fix()) ? "Not written yet." : p.fix());

        md.append("## Evidence: the rules that fired\n\n");
        if (p.ruleBaseVersion() != null) {
            md.append("Rule base ").append(inline(p.ruleBaseVersion())).append(".\n\n");
        }
        if (p.evidence().isEmpty()) {
            md.append("No rule pointed at a cause.\n\n");
        }
        for (Postmortem.CauseEvidence c : p.evidence()) {
            md.append("### ").append(c.rank()).append(". ").append(inline(c.title())).append(" (")
                    .append(Math.round(c.confidence() * 100)).append(" %")
                    .append(c.confirmed() ? ", confirmed root cause" : "").append(")\n\n");
            for (Diagnosis.Evidence e : c.evidence()) {
                md.append("- ").append(e.effect()).append(": ").append(inline(e.description())).append(" (rule \"")
                        .append(inline(e.rule())).append("\")\n");
            }
            md.append('\n');
        }

        md.append("## Playbook steps as they were run\n\n");
        if (p.playbookRuns().isEmpty()) {
            md.append("No playbook was run.\n\n");
        }
        for (PlaybookRun run : p.playbookRuns()) {
            md.append("### ").append(inline(run.title())).append("\n\nStarted by ").append(inline(run.startedBy()))
                    .append(", ").append(time(run.startedAt())).append(".\n\n");
            md.append("| # | Kind | Step | Outcome | By | When | Note |\n")
                    .append("| --- | --- | --- | --- | --- | --- | --- |\n");
            for (PlaybookRun.Step s : run.steps()) {
                md.append("| ").append(s.position()).append(" | ").append(s.kind()).append(" | ").append(cell(s.text()))
                        .append(" | ").append(s.outcome() == null ? "not recorded" : s.outcome()).append(" | ")
                        .append(cell(s.by())).append(" | ").append(s.at() == null ? "" : time(s.at())).append(" | ")
                        .append(cell(note(s))).append(" |\n");
            }
            md.append('\n');
        }

        section(md, "What went well", blank(p.wentWell()) ? "Not written yet." : p.wentWell());
        section(md, "What went wrong", blank(p.wentWrong()) ? "Not written yet." : p.wentWrong());

        md.append("## Action items\n\n");
        if (p.actions().isEmpty()) {
            md.append("None.\n\n");
        } else {
            md.append("| # | Action | Owner | Due | Status |\n| --- | --- | --- | --- | --- |\n");
            for (Postmortem.Action a : p.actions()) {
                md.append("| ").append(a.position()).append(" | ").append(cell(a.text())).append(" | ")
                        .append(cell(a.owner())).append(" | ").append(a.dueDate() == null ? "" : a.dueDate())
                        .append(" | ").append(a.status()).append(a.overdue() ? " (overdue)" : "").append(" |\n");
            }
            md.append('\n');
        }

        md.append("## Reviewers' comments\n\n");
        if (p.comments().isEmpty()) {
            md.append("None.\n");
        }
        for (Postmortem.Comment c : p.comments()) {
            md.append("- **").append(inline(c.author())).append("**, ").append(time(c.at()))
                    .append(c.kind().equals("sent-back") ? " (sent back to draft)" : "").append(": ")
                    .append(inline(c.text())).append('\n');
        }
        return md.toString();
    }

    private static String note(PlaybookRun.Step s) {
        String finding = s.finding() == null ? "" : "finding: " + s.finding().question() + " "
                + s.finding().answer();
        if (s.note() == null) {
            return finding;
        }
        return finding.isEmpty() ? s.note() : s.note() + "; " + finding;
    }

    private static void section(StringBuilder md, String heading, String text) {
        md.append("## ").append(heading).append("\n\n").append(blank(text) ? "Not written yet." : block(text))
                .append("\n\n");
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String time(java.time.Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    /**
     * A text people wrote, kept as Markdown (lists, emphasis, code as they wrote them), with
     * angle brackets escaped so that no HTML passes through.
     */
    private static String block(String text) {
        return text.strip().replace("<", "&lt;").replace(">", "&gt;");
    }

    /** One line of text, shown as written: Markdown's characters escaped, line breaks as spaces. */
    private static String inline(String text) {
        return text == null ? "" : escape(text.strip()).replaceAll("\\s*\r?\n\\s*", " ");
    }

    /** A table cell: one line, pipes escaped with the rest. */
    private static String cell(String text) {
        return inline(text);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\`*[]|~".indexOf(c) >= 0 || c == '_' && !inWord(text, i)) {
                out.append('\\').append(c);
            } else if (c == '<') {
                out.append("&lt;");
            } else if (c == '>') {
                out.append("&gt;");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** An underscore between two letters or digits never starts emphasis (SLOW_DATABASE_QUERY). */
    private static boolean inWord(String text, int i) {
        return i > 0 && i < text.length() - 1 && Character.isLetterOrDigit(text.charAt(i - 1))
                && Character.isLetterOrDigit(text.charAt(i + 1));
    }
}
