package com.saypro.triage.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import com.saypro.triage.incident.IncidentLifecycle;
import com.saypro.triage.security.Role;
import com.saypro.triage.security.UserAccounts;
import com.saypro.triage.support.BrowserAvailable;
import static com.saypro.triage.support.BrowserAvailable.settled;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.Json;
import com.saypro.triage.support.TestDatabase;

import tools.jackson.databind.JsonNode;

/**
 * An analyst takes the LMS course-registration incident from its alert to closed, in a real
 * headless Chromium, with nothing but the pages: acknowledges it, answers the best question
 * and sees the ranking change without a reload, runs the recommended playbook and records a
 * finding, confirms the root cause and resolves; a recurrence inside the watch window reopens
 * it; resolved again, it closes when the window passes (the clock moved on by the test).
 * Screenshots of each step go to target/screenshots/workflow-*.png.
 */
@Tag("browser")
@ExtendWith(BrowserAvailable.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestDatabase.class)
class IncidentWorkflowBrowserTests extends IntegrationTestSupport {

    private static final String ANALYST = "ana";
    private static final String PASSWORD = "ana-password-1";

    @Autowired
    UserAccounts users;

    @Autowired
    IncidentLifecycle lifecycle;

    private WebDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = BrowserAvailable.start();
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void shouldLetAnAnalystTakeTheCourseRegistrationIncidentFromAlertToClosed() throws IOException {
        users.create(ANALYST, "Ana Lyst", PASSWORD, Set.of(Role.ANALYST));
        postScenario(Json.MAPPER.readTree(Path.of("src/test/resources/scenarios/lms-registration-db-connection.json")
                .toFile()));
        long id = get("/api/v1/incidents?status=open").json().get(0).get("id").longValue();

        // The board shows the incident; the analyst opens it.
        signIn();
        browser.get(url("/"));
        wait(20).until(ExpectedConditions.presenceOfElementLocated(By.id("row-title-" + id)));
        screenshot("workflow-1-board");
        settled(() -> browser.findElement(By.id("row-title-" + id)).click());
        wait(10).until(ExpectedConditions.urlContains("/incidents/" + id));
        screenshot("workflow-2-incident");

        // Acknowledge: the analyst takes it.
        settled(() -> browser.findElement(By.cssSelector("#incident-workflow form.acknowledge button")).click());
        wait(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("incident-meta"), "assigned to ana"));
        assertThat(status()).isEqualTo("acknowledged");
        screenshot("workflow-3-acknowledged");

        // The best question, answered: the ranking changes in place, without loading the page again.
        waitForStream();
        String before = ranking();
        String question = (String) ((JavascriptExecutor) browser).executeScript(
                "return document.querySelector('.questions form.question input[name=question]').value;");
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
        long clicked = System.nanoTime();
        settled(() -> browser.findElement(By.cssSelector(".questions form.question button[value='no']")).click());
        wait(20).until(d -> !ranking().equals(before));
        long answerToRankingMs = (System.nanoTime() - clicked) / 1_000_000;
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"))
                .as("the page was not loaded again").isEqualTo(true);
        System.out.println("[workflow] answer " + question + "=no to the updated ranking on the page: "
                + answerToRankingMs + " ms (" + before + " -> " + ranking() + ")");
        screenshot("workflow-4-answered");

        // The recommended playbook: started, a check step done with its finding.
        settled(() -> browser.findElement(By.cssSelector("form.start-run input[value='DB_CONNECTIVITY_RESTORE']"))
                .findElement(By.xpath("..")).findElement(By.cssSelector("button")).click());
        wait(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".run")));
        String runId = (String) ((JavascriptExecutor) browser).executeScript("return document.querySelector('.run').id;");
        screenshot("workflow-5-playbook-started");
        waitForStream();
        settled(() -> {
            WebElement step = browser.findElement(By.id(runId + "-step-2"));
            WebElement note = step.findElement(By.cssSelector("input[name=note]"));
            note.clear();
            note.sendKeys("nc -vz lms-db 3306: connection refused");
            new Select(step.findElement(By.cssSelector("select[name=finding]"))).selectByValue("no");
            step.findElement(By.cssSelector("button[value=done]")).click();
        });
        wait(20).until(ExpectedConditions.textToBePresentInElementLocated(By.id(runId + "-step-2"), "found:"));
        assertThat(((JavascriptExecutor) browser).executeScript("const run = document.getElementById(arguments[0]);"
                + " return run.querySelector('.run-progress').textContent.trim() + '/'"
                + " + run.querySelectorAll('.run-step').length;", runId)).isEqualTo("1 of 6 steps/6");
        screenshot("workflow-6-playbook-step");

        // Resolve with the confirmed root cause.
        assertThat(topCause()).isEqualTo("Application cannot connect to the database (credentials, network, refused)");
        resolve("DB_CONNECTION_FAILURE", "restored the lms-db firewall rule for the app subnet");
        screenshot("workflow-7-verifying");

        // A recurrence within the watch window reopens it: the page shows it by itself.
        waitForStream();
        post("/api/v1/alerts", "{\"name\": \"CourseRegistrationErrors\", \"system\": \"lms\", \"severity\": \"critical\","
                + " \"labels\": {\"workflow\": \"course_registration\"}, \"startsAt\": \"" + Instant.now().minusSeconds(30)
                + "\"}");
        wait(20).until(d -> d.findElement(By.id("incident-meta")).getText().toLowerCase(java.util.Locale.ROOT)
                .contains("reopened"));
        assertThat(status()).isEqualTo("open");
        screenshot("workflow-8-reopened");

        // Fixed for good this time; when the window has passed, it closes.
        browser.navigate().refresh();
        resolve("DB_CONNECTION_FAILURE", "the firewall rule is now managed in the infrastructure repository");
        JsonNode verifying = get("/api/v1/incidents/" + id).json();
        lifecycle.closeQuietOnes(Instant.parse(verifying.get("verifyUntil").asString()).plusSeconds(1));
        browser.navigate().refresh();
        assertThat(status()).isEqualTo("closed");
        assertThat(((String) ((JavascriptExecutor) browser).executeScript(
                "return document.getElementById('incident-resolution').textContent;")).replaceAll("\\s+", " "))
                .contains("Root cause: Application cannot connect to the database").contains("the fix held");
        screenshot("workflow-9-closed");

        JsonNode incident = get("/api/v1/incidents/" + id).json();
        assertThat(incident.get("reopened").booleanValue()).isTrue();
        assertThat(incident.get("fixHeld").booleanValue()).isTrue();
        List<String> byAna = timelineBy(id, ANALYST);
        assertThat(byAna).anyMatch(s -> s.startsWith("acknowledged; assigned to ana"))
                .anyMatch(s -> s.contains(question.equals("DB_REACHABLE") ? "no" : ""))
                .anyMatch(s -> s.toLowerCase().contains("playbook"))
                .anyMatch(s -> s.startsWith("resolved: root cause Application cannot connect to the database"));
    }

    private void resolve(String cause, String fix) {
        settled(() -> browser.findElement(By.cssSelector("details.resolve summary")).click());
        browser.findElement(By.cssSelector("input[name=resolution][value=confirmed]")).click();
        new Select(browser.findElement(By.cssSelector("select[name=causeCode]"))).selectByValue(cause);
        browser.findElement(By.id("fix")).sendKeys(fix);
        browser.findElement(By.cssSelector("input[name=confirm]")).click();
        browser.findElement(By.cssSelector(".resolve-form button[type=submit]")).click();
        wait(10).until(d -> status().equals("verifying"));
    }

    private String status() {
        return ((String) ((JavascriptExecutor) browser).executeScript(
                "return document.querySelector('#incident-meta .status').textContent.trim();")).toLowerCase(java.util.Locale.ROOT);
    }

    private String topCause() {
        return ((String) ((JavascriptExecutor) browser).executeScript(
                "return document.querySelector('.cause h3').textContent;")).trim();
    }

    /** The causes as the page ranks them, with their confidences. */
    private String ranking() {
        return (String) ((JavascriptExecutor) browser).executeScript("return Array.from(document.querySelectorAll('.cause'))"
                + ".map(c => c.querySelector('h3').textContent.trim() + ' ' + c.querySelector('.confidence').textContent.trim())"
                + ".join(' | ');");
    }

    private List<String> timelineBy(long id, String actor) {
        List<String> entries = new java.util.ArrayList<>();
        get("/api/v1/incidents/" + id + "/timeline").json().forEach(e -> {
            if (e.get("actor").asString().equals(actor)) {
                entries.add(e.get("summary").asString());
            }
        });
        return entries;
    }

    private void signIn() {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(ANALYST);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form.signin button")).click();
        wait(10).until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    /** The page opens its event stream once loaded; changes made before that would go unseen. */
    private static void waitForStream() {
        try {
            Thread.sleep(1_500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
