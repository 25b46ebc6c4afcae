package com.saypro.triage.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import com.saypro.triage.security.Role;
import com.saypro.triage.security.UserAccounts;
import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.BrowserAvailable;
import static com.saypro.triage.support.BrowserAvailable.settled;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TestDatabase;

/**
 * The pages in a real headless Chromium: signing in and out, a page refused to a role, the live
 * board and answering on the incident page.
 */
@Tag("browser")
@ExtendWith(BrowserAvailable.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestDatabase.class)
class TriagePagesBrowserTests extends IntegrationTestSupport {

    private WebDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = BrowserAvailable.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Autowired
    UserAccounts users;

    @Test
    void shouldSignInRefuseAPageToTheRoleAndSignOut() {
        users.create("browser-analyst", "Ana Lyst", "analyst-password", Set.of(Role.ANALYST));
        browser.get(url("/"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");

        signInWithBrowser("browser-analyst", "wrong-password");
        assertThat(browser.getCurrentUrl()).endsWith("/login?error");
        assertThat(browser.findElement(By.cssSelector("p.problem")).getText()).contains("Wrong username or password");

        signInWithBrowser("browser-analyst", "analyst-password");
        assertThat(browser.findElement(By.cssSelector(".topbar .who")).getText()).isEqualTo("browser-analyst");
        assertThat(browser.findElements(By.linkText("Admin"))).isEmpty();

        browser.get(url("/admin"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("403 Forbidden");

        browser.get(url("/"));
        browser.findElement(By.cssSelector("form.signout button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/login?logout"));
        browser.get(url("/"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
    }

    @Test
    void shouldShowANewIncidentOnTheOpenBoardWithoutReloadingOrPolling() throws InterruptedException {
        signInWithBrowser("admin", ADMIN_PASSWORD);
        browser.get(url("/"));
        assertThat(settled(() -> browser.findElement(By.id("board-rows")).getText())).contains("No open incidents");
        long requestsAtLoad = requestsSoFar();

        // Quiet: the page asks the server for nothing (the old board fetched its rows every 5 s).
        Thread.sleep(6_000);
        assertThat(requestsSoFar()).as("requests while nothing changed").isEqualTo(requestsAtLoad);

        post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms());

        new WebDriverWait(browser, Duration.ofSeconds(20)).until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("board-rows"), "NodeFilesystemAlmostOutOfSpace"));
        assertThat(settled(() -> browser.findElement(By.id("live-state")).getText())).isEqualTo("live");
        assertThat(cspViolations()).isEmpty();
        settled(() -> browser.findElement(By.linkText("Disk or filesystem full: NodeFilesystemAlmostOutOfSpace")).click());
        // Read in one go: the page may swap in a fresher part at any moment.
        assertThat(text(".cause h3")).isEqualTo("Disk or filesystem full");
        assertThat(text(".cause .category")).isEqualTo("STORAGE");
        assertThat(cspViolations()).isEmpty();
    }

    private String text(String css) {
        return (String) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : null;", css);
    }

    @Test
    void shouldFilterTheBoardBySystemAndKeepTheFilteredBoardLive() {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
        post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms());
        post("/api/v1/alerts", AlertMother.genericAlert("HighErrorRate", "lms"));
        signInWithBrowser("admin", ADMIN_PASSWORD);
        browser.get(url("/"));
        assertThat(settled(() -> browser.findElement(By.id("board-rows")).getText())).contains("HighErrorRate")
                .contains("NodeFilesystemAlmostOutOfSpace");

        settled(() -> new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("f-system"))).selectByValue("lms"));
        settled(() -> browser.findElement(By.cssSelector("form.board-filter button[type=submit]")).click());

        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("system=lms"));
        assertThat(settled(() -> browser.findElement(By.id("board-rows")).getText())).contains("HighErrorRate")
                .doesNotContain("NodeFilesystemAlmostOutOfSpace");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("live-state"), "live"));

        post("/api/v1/alerts", AlertMother.genericAlert("SlowResponses", "lms"));
        post("/api/v1/alerts", AlertMother.genericAlert("CpuHigh", "rms"));

        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(
                By.cssSelector("#board-rows tr:first-child td:nth-child(8)"), "2"));
        assertThat(settled(() -> browser.findElement(By.id("board-rows")).getText())).doesNotContain("NodeFilesystemAlmostOutOfSpace");
        assertThat(browser.findElements(By.cssSelector("#board-rows tr"))).hasSize(1);
        screenshot("board-filtered-by-system");
    }

    @Test
    void shouldRefreshTheIncidentPageWhenItChangesKeepingAnOpenResolveForm() {
        post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms());
        long id = get("/api/v1/incidents?status=open").json().get(0).get("id").longValue();
        signInWithBrowser("admin", ADMIN_PASSWORD);
        browser.get(url("/incidents/" + id));
        settled(() -> browser.findElement(By.cssSelector("details.resolve summary")).click());
        settled(() -> browser.findElement(By.id("fix")).sendKeys("half-typed fix"));
        String question = get("/api/v1/incidents/" + id + "/diagnosis").json().get("questions").get(0).get("code")
                .asString();
        sleepUntilStreamConnected();

        post("/api/v1/incidents/" + id + "/answers", "{\"question\": \"" + question + "\", \"answer\": \"no\"}");

        new WebDriverWait(browser, Duration.ofSeconds(20)).until(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector(".answered button.chosen")));
        assertThat(settled(() -> browser.findElement(By.id("fix")).getAttribute("value"))).isEqualTo("half-typed fix");
        assertThat(settled(() -> browser.findElement(By.id("resolve")).getAttribute("open"))).isNotNull();
        assertThat(cspViolations()).isEmpty();
        screenshot("incident-refreshed-live");
    }

    private void sleepUntilStreamConnected() {
        // The page connects its stream once loaded; give it a moment before changing the incident.
        try {
            Thread.sleep(1_500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void screenshot(String name) {
        BrowserAvailable.screenshot(browser, name);
    }

    /** Requests the page made, the event stream aside. */
    private long requestsSoFar() {
        return (Long) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').filter(e => !e.name.includes('/api/v1/stream')).length");
    }

    private List<String> cspViolations() {
        return BrowserAvailable.cspViolations(browser);
    }

    @Test
    void shouldRecordAnAnswerClickedOnTheIncidentPageAndShowTheNewRanking() {
        post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms());
        long id = get("/api/v1/incidents?status=open").json().get(0).get("id").longValue();
        signInWithBrowser("admin", ADMIN_PASSWORD);
        browser.get(url("/incidents/" + id));
        assertThat(settled(() -> browser.findElement(By.cssSelector(".cause .confidence")).getText())).isEqualTo("70%");

        settled(() -> browser.findElement(By.cssSelector(".questions form.question button[value='no']")).click());

        // The answer goes without loading the page again; the parts it changed are swapped in.
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".answered button.chosen"), "no"));
        assertThat(settled(() -> browser.findElement(By.cssSelector(".cause .confidence")).getText())).isEqualTo("85%");
        assertThat(browser.getCurrentUrl()).endsWith("/incidents/" + id);
    }

    @Test
    void shouldDrawTheHealthChartsWithTheirThresholdsUnderTheContentSecurityPolicy() {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
        java.time.Instant now = java.time.Instant.now();
        postHourOfMetrics("rms", now.minus(Duration.ofMinutes(60)), now, true);
        postHourOfMetrics("lms", now.minus(Duration.ofMinutes(60)), now, false);
        users.create("browser-reviewer", "Rev Iewer", "reviewer-password", Set.of(Role.REVIEWER));
        signInWithBrowser("browser-reviewer", "reviewer-password");

        browser.findElement(By.linkText("Health")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(
                ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#system-rms canvas"), 5));

        assertThat(browser.getCurrentUrl()).endsWith("/health");
        assertThat(browser.findElement(By.cssSelector("#system-rms .state")).getText()).isEqualToIgnoringCase("degraded");
        assertThat(browser.findElement(By.cssSelector("#system-rms .reasons")).getText())
                .contains("Response time p95").contains("above its threshold of 5.0 s");
        assertThat(browser.findElement(By.cssSelector("#system-rms figure[data-metric=response_time_p95_ms] .threshold"))
                .getText()).isEqualTo("threshold above 5.0 s");
        assertThat(browser.findElement(By.cssSelector("#system-lms .state")).getText()).isEqualToIgnoringCase("ok");
        assertThat(cspViolations()).isEmpty();
        screenshot("health-dashboard");

        browser.findElement(By.linkText("Last day")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("window=1d"));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(
                ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#system-rms canvas"), 5));
        assertThat(browser.findElement(By.cssSelector(".windows a.active")).getText()).isEqualTo("Last day");
        assertThat(cspViolations()).isEmpty();
    }

    @Test
    void shouldShowTheChartsOfTheIncidentsSystemAroundItsStart() {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
        post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms());
        var incident = get("/api/v1/incidents?status=open").json().get(0);
        java.time.Instant opened = java.time.Instant.parse(incident.get("openedAt").asString());
        java.time.Instant until = opened.plus(Duration.ofMinutes(60));
        postHourOfMetrics("rms", opened.minus(Duration.ofMinutes(60)),
                until.isAfter(java.time.Instant.now()) ? java.time.Instant.now() : until, true);
        signInWithBrowser("admin", ADMIN_PASSWORD);

        browser.get(url("/incidents/" + incident.get("id").longValue()));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(
                ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector(".incident-health canvas"), 5));

        assertThat(browser.findElement(By.cssSelector(".incident-health h2")).getText())
                .isEqualTo("Health of rms around the start");
        assertThat(cspViolations()).isEmpty();
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.querySelector('.incident-health').scrollIntoView()");
        screenshot("incident-health-charts");
    }

    /**
     * A sample of each watched metric every 30 s; with {@code slowing}, response times climb over
     * the 5 s threshold in the last quarter of the span and errors rise with them.
     */
    private void postHourOfMetrics(String system, java.time.Instant from, java.time.Instant to, boolean slowing) {
        java.util.List<String> samples = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(system.hashCode());
        long steps = Duration.between(from, to).toSeconds() / 30;
        for (long i = 0; i <= steps; i++) {
            java.time.Instant at = from.plusSeconds(30 * i);
            boolean slow = slowing && i > steps * 3 / 4;
            double p95 = slow ? 5600 + random.nextDouble() * 1400 : 900 + random.nextDouble() * 500;
            samples.add(sampleJson(system, "response_time_p95_ms", p95, at));
            samples.add(sampleJson(system, "error_rate", slow ? 0.02 + random.nextDouble() * 0.02
                    : random.nextDouble() * 0.006, at));
            samples.add(sampleJson(system, "availability", slowing && i == steps / 3 ? 0 : 1, at));
            samples.add(sampleJson(system, "cpu_utilization", (slow ? 0.7 : 0.35) + random.nextDouble() * 0.1, at));
            samples.add(sampleJson(system, "memory_utilization", 0.62 + random.nextDouble() * 0.04, at));
            samples.add(sampleJson(system, "disk_utilization", 0.71 + i * 0.0002, at));
        }
        assertThat(post("/api/v1/metrics", "[" + String.join(",", samples) + "]").status()).isEqualTo(200);
    }

    private static String sampleJson(String system, String metric, double value, java.time.Instant at) {
        return com.saypro.triage.support.Json.write(java.util.Map.of("system", system, "component", system + "-app-01",
                "metric", metric, "value", value, "timestamp", at.toString()));
    }

    private void signInWithBrowser(String username, String password) {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form.signin button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.not(ExpectedConditions.urlToBe(url("/login"))));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
