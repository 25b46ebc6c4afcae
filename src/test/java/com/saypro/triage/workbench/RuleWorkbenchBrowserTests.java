package com.saypro.triage.workbench;

import static com.saypro.triage.support.BrowserAvailable.settled;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import com.saypro.triage.rules.RuleBase;
import com.saypro.triage.security.Role;
import com.saypro.triage.security.UserAccounts;
import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.BrowserAvailable;
import com.saypro.triage.support.TestDatabase;

import tools.jackson.databind.JsonNode;

/**
 * A knowledge engineer changes a rule in the browser workbench, in a real headless Chromium:
 * from an incident's evidence to the rule in the editor, a syntax error marked in place, fixed
 * with new wording, the regression report, try on the incident, publish; the incident's next
 * diagnosis uses the new rule; rolled back from the history, the old wording is back. Then a
 * change that pushes a confirmed cause out of the top 3 is refused with the failing case shown,
 * published over the report with a reason (kept in the audit log), and rolled back. The rules
 * live in a copy ({@link WorkbenchTestSupport}). Screenshots: target/screenshots/workbench-*.png.
 */
@Tag("browser")
@ExtendWith({ TestDatabase.class, BrowserAvailable.class })
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestDatabase.class)
class RuleWorkbenchBrowserTests extends WorkbenchTestSupport {

    private static final String ENGINEER = "erin";
    private static final String PASSWORD = "erin-password-1";
    private static final String DISK = "infra/Disk.drl";
    private static final String RULE = "Full filesystem on a system suggests disk full";
    private static final String OLD_WORDS = "is (nearly) full: ";
    private static final String NEW_WORDS = "is full or nearly, as the workbench now says: ";

    @Autowired
    private UserAccounts users;

    @Autowired
    private RuleBase ruleBase;

    private WebDriver browser;

    @BeforeEach
    void openBrowser() {
        users.create(ENGINEER, "Erin Engineer", PASSWORD, Set.of(Role.ENGINEER, Role.ANALYST));
        browser = BrowserAvailable.start();
        browser.manage().window().setSize(new Dimension(1400, 1000));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void shouldEditTestPublishAndRollBackARuleFromAnIncidentsEvidence() {
        String original = ruleFile(DISK);
        String originalVersion = ruleBase.current().version();
        long confirmed = confirmedDiskIncident("rms");
        long open = openDiskIncident("lms");
        assertThat(evidence(open)).contains(OLD_WORDS);

        // From the evidence on the incident page to the rule in the workbench.
        signIn();
        browser.get(url("/incidents/" + open));
        settled(() -> browser.findElement(By.linkText(RULE)).click());
        wait(10).until(ExpectedConditions.urlContains("/rules/source"));
        browser.findElement(By.linkText("Open in the workbench")).click();
        wait(10).until(ExpectedConditions.urlContains("/rules/edit"));
        waitForEditor();
        int ruleLine = lineOf("rule \"" + RULE + "\"") + 1;
        assertThat(cursorLine()).isEqualTo(ruleLine);
        wait(30).withMessage(this::problems).until(d -> lintState().equals("no problems"));
        screenshot("workbench-1-editor");

        // Search (the add-on's dialog) finds a rule further down.
        String further = "Critical filesystem space alert suggests disk full more strongly";
        browser.findElement(By.cssSelector(".CodeMirror textarea")).sendKeys(Keys.chord(Keys.CONTROL, "f"));
        wait(5).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".CodeMirror-dialog input")));
        browser.findElement(By.cssSelector(".CodeMirror-dialog input")).sendKeys(further, Keys.ENTER);
        wait(5).until(d -> cursorLine() == lineOf(further) + 1);
        assertThat(cspViolations()).isEmpty();

        // A syntax error, marked in place at its line.
        int broken = lineOf("$s : Symptom( code == \"DISK_FULL\", $sys : system )", ruleLine);
        replaceInLine(broken, "$sys : system )", "$sys : system ");
        wait(30).withMessage(this::problems).until(d -> lintState().matches("\\d+ problems?"));
        List<Long> marked = markedLines();
        assertThat(marked).as(problems()).isNotEmpty();
        assertThat(marked.get(0)).isBetween((long) broken + 1, (long) broken + 2);
        assertThat(browser.findElement(By.cssSelector(".CodeMirror-lint-marker-error")).isDisplayed()).isTrue();
        screenshot("workbench-2-syntax-error");

        // Fixed, with new words for the evidence: no problems, and the regression report.
        replaceInLine(broken, "$sys : system ", "$sys : system )");
        int reason = lineOf(OLD_WORDS, ruleLine);
        replaceInLine(reason, OLD_WORDS, NEW_WORDS);
        wait(30).withMessage(this::problems).until(d -> lintState().equals("no problems"));
        assertThat(markedLines()).isEmpty();
        browser.findElement(By.id("test-button")).click();
        wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("report-body"),
                "Regression report passed"));
        assertThat(browser.findElement(By.id("report-body")).getText()).contains("#" + confirmed)
                .contains("DISK_FULL");
        screenshot("workbench-3-report");

        // Try on the open incident: the draft's ranking beside the live one.
        browser.findElement(By.id("try-incident")).sendKeys(Long.toString(open));
        browser.findElement(By.id("try-button")).click();
        wait(20).until(d -> !d.findElements(By.cssSelector("#try-draft li")).isEmpty());
        assertThat(browser.findElement(By.id("try-live")).getText()).contains("DISK_FULL");
        assertThat(browser.findElement(By.id("try-draft")).getText()).contains("DISK_FULL");

        // Publish: the new version is in use, written to the rule directory, and the next diagnosis uses it.
        browser.findElement(By.id("publish-note")).sendKeys("clearer wording for a full filesystem");
        browser.findElement(By.id("publish-button")).click();
        wait(30).until(ExpectedConditions.presenceOfElementLocated(By.id("published")));
        screenshot("workbench-4-published");
        String published = ruleBase.current().version();
        assertThat(published).isNotEqualTo(originalVersion);
        assertThat(browser.findElement(By.id("rule-base-version")).getText()).isEqualTo(published);
        assertThat(ruleFile(DISK)).contains(NEW_WORDS).doesNotContain(OLD_WORDS);
        JsonNode diagnosis = get("/api/v1/incidents/" + open + "/diagnosis").json();
        assertThat(diagnosis.get("ruleBaseVersion").asString()).isEqualTo(published);
        assertThat(evidence(open)).contains(NEW_WORDS);

        // The history shows it with its diff; roll back to the version before, from its page.
        browser.findElement(By.linkText("Its changes and report")).click();
        wait(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("pre.diff")));
        assertThat(browser.findElement(By.cssSelector("pre.diff .dl.add")).getText()).contains(NEW_WORDS);
        assertThat(browser.findElement(By.cssSelector("pre.diff .dl.del")).getText()).contains(OLD_WORDS);
        screenshot("workbench-5-published-diff");
        browser.get(url("/rules/history"));
        screenshot("workbench-5-history");
        rollBackTo(originalVersion, "workbench-6-rolled-back");
        assertThat(ruleBase.current().version()).isEqualTo(originalVersion);
        assertThat(ruleFile(DISK)).isEqualTo(original);
        assertThat(evidence(open)).contains(OLD_WORDS).doesNotContain(NEW_WORDS);
        assertThat(get("/api/v1/incidents/" + open + "/diagnosis").json().get("ruleBaseVersion").asString())
                .isEqualTo(originalVersion);
        assertThat(cspViolations()).isEmpty();
    }

    @Test
    void shouldRefuseAChangeThatLosesAConfirmedCauseUntilAnEngineerGivesAReason() {
        String original = ruleFile(DISK);
        String originalVersion = ruleBase.current().version();
        long confirmed = confirmedDiskIncident("rms");

        signIn();
        browser.get(url("/rules/edit?path=" + DISK));
        waitForEditor();
        wait(30).withMessage(this::problems).until(d -> lintState().equals("no problems"));
        int ruleLine = lineOf("rule \"" + RULE + "\"") + 1;
        int vote = lineOf("new CandidateCause(\"DISK_FULL\", 0.5,", ruleLine);
        replaceInLine(vote, "new CandidateCause(\"DISK_FULL\", 0.5,", "new CandidateCause(\"DISK_FULL\", -0.95,");
        wait(30).withMessage(this::problems).until(d -> lintState().equals("no problems"));

        // Refused: the failing case is shown and a reason is asked for.
        browser.findElement(By.id("publish-note")).sendKeys("full filesystems are expected on these hosts");
        browser.findElement(By.id("publish-button")).click();
        wait(30).until(ExpectedConditions.presenceOfElementLocated(By.id("refused")));
        assertThat(browser.findElement(By.cssSelector("#report-body tr.failing")).getText()).contains("#" + confirmed)
                .contains("DISK_FULL").contains("gone");
        assertThat(browser.findElement(By.id("override")).isDisplayed()).isTrue();
        assertThat(ruleBase.current().version()).isEqualTo(originalVersion);
        assertThat(ruleFile(DISK)).isEqualTo(original);
        screenshot("workbench-7-refused");

        // Published over the report with a reason; the audit log keeps it.
        browser.findElement(By.id("override-reason")).sendKeys("the disks of these hosts are resized automatically");
        browser.findElement(By.id("publish-button")).click();
        wait(30).until(ExpectedConditions.presenceOfElementLocated(By.id("published")));
        assertThat(ruleBase.current().version()).isNotEqualTo(originalVersion);
        screenshot("workbench-8-published-over-report");
        JsonNode audit = get("/api/v1/audit?kind=rules").json();
        assertThat(audit.toString()).contains("rules.published", "the disks of these hosts are resized automatically");

        // The files page and the history say what happened; then back to the rules before.
        browser.get(url("/rules/history"));
        assertThat(browser.findElement(By.cssSelector("table.history tr.active")).getText())
                .contains("Published over a failing report", "the disks of these hosts are resized automatically");
        rollBackTo(originalVersion, "workbench-9-rolled-back-again");
        assertThat(ruleFile(DISK)).isEqualTo(original);
        browser.get(url("/rules"));
        screenshot("workbench-10-files");
        assertThat(cspViolations()).isEmpty();
    }

    /** From the history, opens the latest publication of a version and rolls back to it. */
    private void rollBackTo(String version, String screenshot) {
        browser.get(url("/rules/history"));
        settled(() -> browser.findElements(By.cssSelector("table.history tbody tr")).stream()
                .filter(r -> r.getText().contains(version)).findFirst().orElseThrow()
                .findElement(By.cssSelector("td a")).click());
        wait(10).until(ExpectedConditions.presenceOfElementLocated(By.id("rollback-button")));
        browser.findElement(By.id("rollback-button")).click();
        // One click asks first: a rollback replaces the rules in use.
        wait(5).until(ExpectedConditions.alertIsPresent()).accept();
        wait(30).until(ExpectedConditions.presenceOfElementLocated(By.id("published")));
        assertThat(browser.findElement(By.id("rollback-button")).isDisplayed()).isFalse();
        screenshot(screenshot);
    }

    private long confirmedDiskIncident(String system) {
        long id = openDiskIncident(system);
        Response resolved = post("/api/v1/incidents/" + id + "/resolve",
                "{\"resolution\": \"confirmed\", \"causeCode\": \"DISK_FULL\", \"fix\": \"cleared old logs\"}");
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        return id;
    }

    private long openDiskIncident(String system) {
        Response sent = post("/api/v1/alerts", AlertMother.genericAlert("NodeFilesystemAlmostOutOfSpace", system));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        for (JsonNode incident : get("/api/v1/incidents?status=open").json()) {
            if (incident.get("system").asString().equals(system)) {
                long id = incident.get("id").longValue();
                JsonNode top = get("/api/v1/incidents/" + id + "/diagnosis").json().get("candidates").get(0);
                assertThat(top.get("causeCode").asString()).isEqualTo("DISK_FULL");
                return id;
            }
        }
        throw new AssertionError("no open incident of " + system);
    }

    /** The evidence descriptions of the incident's diagnosis, as the API gives them now. */
    private String evidence(long incident) {
        StringBuilder all = new StringBuilder();
        get("/api/v1/incidents/" + incident + "/diagnosis").json().get("candidates")
                .forEach(c -> c.get("evidence").forEach(e -> all.append(e.get("description").asString()).append('\n')));
        return all.toString();
    }

    private void waitForEditor() {
        wait(10).until(d -> js("return !!(window.ruleEditor && document.querySelector('.CodeMirror'));"));
    }

    /** The 0-based line of the first occurrence of a text, from a line on. */
    private int lineOf(String text, int from) {
        return ((Long) js("const ed = window.ruleEditor; for (let i = arguments[1]; i < ed.lineCount(); i++) {"
                + " if (ed.getLine(i).includes(arguments[0])) return i; } return -1;", text, from)).intValue();
    }

    private int lineOf(String text) {
        return lineOf(text, 0);
    }

    /** An edit as typing would make it: a piece of one line replaced, through the editor. */
    private void replaceInLine(int line, String from, String to) {
        js("const ed = window.ruleEditor; const text = ed.getLine(arguments[0]); const at = text.indexOf(arguments[1]);"
                + " if (at < 0) throw new Error('not on the line: ' + arguments[1]);"
                + " ed.focus(); ed.replaceRange(arguments[2], {line: arguments[0], ch: at},"
                + " {line: arguments[0], ch: at + arguments[1].length}, '+input');", line, from, to);
    }

    /** The 1-based lines with a problem marker in the gutter. */
    @SuppressWarnings("unchecked")
    private List<Long> markedLines() {
        return (List<Long>) js("const ed = window.ruleEditor; const lines = [];"
                + " for (let i = 0; i < ed.lineCount(); i++) { const m = ed.lineInfo(i).gutterMarkers;"
                + " if (m && m['CodeMirror-lint-markers']) lines.push(i + 1); } return lines;");
    }

    private int cursorLine() {
        return ((Long) js("return window.ruleEditor.getCursor().line + 1;")).intValue();
    }

    private String problems() {
        return lintState() + ": " + js("return document.getElementById('problem-list').textContent;");
    }

    private String lintState() {
        return browser.findElement(By.id("lint-state")).getText();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private List<String> cspViolations() {
        return BrowserAvailable.cspViolations(browser);
    }

    private void signIn() {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(ENGINEER);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form.signin button")).click();
        wait(10).until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    private WebDriverWait wait(int seconds) {
        return BrowserAvailable.waitFor(browser, seconds);
    }

    private void screenshot(String name) {
        BrowserAvailable.screenshot(browser, name);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
