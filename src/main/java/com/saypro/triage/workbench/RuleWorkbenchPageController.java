package com.saypro.triage.workbench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import com.saypro.triage.rules.CompiledRuleBase;
import com.saypro.triage.rules.RuleBase;
import com.saypro.triage.rules.RuleBaseVersions;
import com.saypro.triage.rules.RuleFiles;
import com.saypro.triage.rules.RuleSource;
import com.saypro.triage.support.Json;
import com.saypro.triage.web.NotFoundException;

/**
 * The rule workbench's pages: the rule files by folder ({@code /rules}), the editor
 * ({@code /rules/edit?path=infra/Disk.drl}), and the history of published versions with their
 * diffs and regression reports ({@code /rules/history}). Everyone signed in reads them; what
 * changes rules (validate, test, try, publish, roll back) is the JSON API of
 * {@link RulesApiController}, called by the pages' script, for engineers.
 */
@Controller
class RuleWorkbenchPageController {

    static final String INDEX = "rules/workbench";
    static final String EDIT = "rules/edit";
    static final String HISTORY = "rules/history";
    static final String PUBLICATION = "rules/publication";

    private static final Pattern PATH = Pattern.compile("(?!.*\\.\\.)[A-Za-z0-9_][A-Za-z0-9_./-]*\\.drl");
    private static final Pattern RULE = Pattern.compile("(?m)^\\s*rule\\s+\"([^\"]*)\"");

    private final RuleBase ruleBase;
    private final RuleBaseVersions versions;
    private final RulePublisher publisher;
    private final RuleSuggestions suggestions;

    RuleWorkbenchPageController(RuleBase ruleBase, RuleBaseVersions versions, RulePublisher publisher,
            RuleSuggestions suggestions) {
        this.ruleBase = ruleBase;
        this.versions = versions;
        this.publisher = publisher;
        this.suggestions = suggestions;
    }

    /** A rule file as the file list shows it. */
    record RuleFile(String path, String name, int rules) {
    }

    /** A publication as the history lists it, with its report read back. */
    record HistoryEntry(RuleBaseVersions.Publication publication, boolean active, RegressionReport report) {
    }

    @GetMapping("/rules")
    String index(Model model) {
        CompiledRuleBase current = ruleBase.current();
        Map<String, List<RuleFile>> folders = new TreeMap<>();
        for (RuleSource source : current.sources()) {
            folders.computeIfAbsent(folder(source.path()), f -> new ArrayList<>()).add(file(source));
        }
        model.addAttribute("folders", folders);
        model.addAttribute("thresholdFiles", thresholdSources().stream().map(RuleWorkbenchPageController::file)
                .toList());
        model.addAttribute("refusal", publisher.lastRefusal().orElse(null));
        model.addAttribute("suggestions", suggestions.suggestions());
        common(model);
        versions.list(current.version()).stream().filter(RuleBaseVersions.Version::active).findFirst()
                .ifPresent(v -> model.addAttribute("activePublication", v));
        return INDEX;
    }

    @GetMapping("/rules/edit")
    String edit(@RequestParam String path, @RequestParam(required = false) Integer line,
            @RequestParam(required = false) String suggestion, Model model) {
        if (!PATH.matcher(path).matches()) {
            throw new NotFoundException("Not a rule file path: " + path + " (a relative path ending in .drl)");
        }
        boolean thresholds = path.startsWith(RuleFiles.STREAM_FOLDER);
        Optional<RuleSource> source = (thresholds ? thresholdSources() : ruleBase.current().sources()).stream()
                .filter(s -> s.path().equals(path)).findFirst();
        if (source.isEmpty() && thresholds) {
            throw new NotFoundException("There is no threshold rule file " + path);
        }
        model.addAttribute("path", path);
        model.addAttribute("exists", source.isPresent());
        model.addAttribute("thresholds", thresholds);
        // A new file opened from a suggestion starts as its draft.
        model.addAttribute("content", source.map(RuleSource::content).orElseGet(() -> suggestion == null ? newFile(path)
                : suggestions.suggestion(suggestion).map(RuleSuggestions.Suggestion::drl).orElseGet(() -> newFile(path))));
        model.addAttribute("line", line == null ? 0 : Math.max(0, line));
        model.addAttribute("ruleNames", source.map(s -> ruleNames(s.content())).orElse(List.of()));
        common(model);
        return EDIT;
    }

    @GetMapping("/rules/history")
    String history(Model model) {
        String active = activePublicationId();
        model.addAttribute("entries", versions.publications().stream()
                .map(p -> new HistoryEntry(p, Long.toString(p.id()).equals(active), report(p))).toList());
        common(model);
        return HISTORY;
    }

    @GetMapping("/rules/history/{id}")
    String publication(@PathVariable long id, Model model) {
        RuleBaseVersions.Publication p = versions.publication(id)
                .orElseThrow(() -> new NotFoundException("There is no rule base publication " + id));
        List<RuleSource> after = versions.sources(p.version()).orElse(null);
        List<RuleSource> before = p.previousVersion() == null ? List.of()
                : versions.sources(p.previousVersion()).orElse(null);
        model.addAttribute("entry", new HistoryEntry(p, Long.toString(id).equals(activePublicationId()), report(p)));
        model.addAttribute("kept", after != null && before != null);
        model.addAttribute("diffs", after == null || before == null ? List.of() : LineDiff.of(before, after));
        common(model);
        return PUBLICATION;
    }

    private void common(Model model) {
        CompiledRuleBase current = ruleBase.current();
        model.addAttribute("ruleBaseVersion", current.version());
        model.addAttribute("ruleCount", current.ruleCount());
        model.addAttribute("origin", current.origin());
        model.addAttribute("writesFiles", publisher.writesFiles());
    }

    private String activePublicationId() {
        return versions.list(ruleBase.current().version()).stream().filter(RuleBaseVersions.Version::active)
                .map(RuleBaseVersions.Version::id).findFirst().orElse(null);
    }

    private List<RuleSource> thresholdSources() {
        return ruleBase.directory() != null ? RuleFiles.streamFromDirectory(ruleBase.directory())
                : RuleFiles.streamFromClasspath();
    }

    private static RegressionReport report(RuleBaseVersions.Publication p) {
        return p.report() == null ? null : Json.MAPPER.readValue(p.report(), RegressionReport.class);
    }

    private static String folder(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static RuleFile file(RuleSource source) {
        String path = source.path();
        return new RuleFile(path, path.substring(path.lastIndexOf('/') + 1), ruleNames(source.content()).size());
    }

    static List<String> ruleNames(String content) {
        List<String> names = new ArrayList<>();
        Matcher m = RULE.matcher(content);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** What a new file starts with: its package, as its folder says, and the usual imports. */
    private static String newFile(String path) {
        String pkg = folder(path).replace('/', '.');
        return (pkg.isEmpty() ? "" : "package " + pkg + ";\n\n") + "import com.saypro.triage.diagnosis.facts.Symptom;\n"
                + "import com.saypro.triage.diagnosis.facts.CandidateCause;\n\n";
    }
}
