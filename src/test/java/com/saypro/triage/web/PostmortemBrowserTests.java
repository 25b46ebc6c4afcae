package com.saypro.triage.web;

import static com.saypro.triage.support.BrowserAvailable.settled;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import com.saypro.triage.security.Role;
import com.saypro.triage.security.UserAccounts;
import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.BrowserAvailable;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TestDatabase;

import tools.jackson.databind.JsonNode;

/**
 * A reviewer opens a resolved critical incident, drafts its post-mortem from the incident
 * page, fills in the impact, adds an action item, submits it and publishes it, in a real
 * headless Chromium. Screenshots of each step go to target/screenshots/postmortem-*.png.
 */
@Tag("browser")
@ExtendWith(BrowserAvailable.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestDatabase.class)
class PostmortemBrowserTests extends IntegrationTestSupport {

    private static final String REVIEWER = "rita";
    private static final String PASSWORD = "rita-password-1";

    @Autowired
    UserAccounts users;

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
    void shouldLetAReviewerDraftAndPublishThePostmortemOfAResolvedIncident() {
        users.create(REVIEWER, "Rita Viewer", PASSWORD, Set.of(Role.REVIEWER));
        long incident = resolvedDiskFullIncident();

        // The resolved critical incident says a post-mortem is required and offers to write it.
        signIn();
        browser.get(url("/incidents/" + incident));
        WebElement offer = wait(10).until(ExpectedConditions.presenceOfElementLocated(By.id("incident-postmortem")));
        assertThat(offer.getText()).contains("A post-mortem is required");
        screenshot("postmortem-1-incident");
        settled(() -> browser.findElement(By.cssSelector("#incident-postmortem button")).click());
        wait(10).until(ExpectedConditions.urlMatches(".*/postmortems/\\d+$"));
        long id = Long.parseLong(browser.getCurrentUrl().replaceAll(".*/postmortems/", ""));
        assertThat(browser.findElement(By.id("pm-status")).getText().toLowerCase()).isEqualTo("draft");
        assertThat(browser.findElement(By.id("evidence")).getText()).contains("Disk or filesystem full",
                "confirmed root cause");
        assertThat(browser.findElement(By.id("playbooks")).getText()).contains("Free disk space on the affected host",
                "df -h: /var at 97 %");
        screenshot("postmortem-2-drafted");
        fullPageScreenshot("postmortem-3-drafted-full");

        // The impact in numbers, and an action item.
        browser.findElement(By.cssSelector("#edit > summary")).click();
        WebElement users = browser.findElement(By.name("affectedUsers"));
        users.clear();
        users.sendKeys("120");
        WebElement wrong = browser.findElement(By.id("edit-wrong"));
        wrong.sendKeys("\n- Nobody watched the growth of /var/log/app.");
        screenshot("postmortem-4-edit-form");
        browser.findElement(By.id("save-edit")).click();
        wait(10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"),
                "Post-mortem saved"));
        assertThat(browser.findElement(By.id("impact")).getText()).contains("120");
        browser.findElement(By.id("action-text")).sendKeys("Rotate and cap application logs on every RMS host");
        browser.findElement(By.id("action-owner")).sendKeys("ops");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('action-due').value = arguments[0];",
                LocalDate.now(ZoneOffset.UTC).plusDays(7).format(DateTimeFormatter.ISO_LOCAL_DATE));
        browser.findElement(By.cssSelector("form.new-action button")).click();
        wait(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("actions"), "Rotate and cap"));

        // Submitted for review, then published.
        browser.findElement(By.id("submit-review")).click();
        wait(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("pm-status"), "IN REVIEW"));
        screenshot("postmortem-5-in-review");
        browser.findElement(By.id("publish")).click();
        wait(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("pm-status"), "PUBLISHED"));
        assertThat(browser.findElements(By.id("edit"))).as("a published post-mortem has no edit form").isEmpty();
        screenshot("postmortem-6-published");

        JsonNode pm = get("/api/v1/postmortems/" + id).json();
        assertThat(pm.get("status").asString()).isEqualTo("published");
        assertThat(pm.get("createdBy").asString()).isEqualTo(REVIEWER);
        assertThat(pm.get("publishedBy").asString()).isEqualTo(REVIEWER);
        assertThat(pm.get("impact").get("affectedUsers").intValue()).isEqualTo(120);
        assertThat(pm.get("wentWrong").asString()).contains("Nobody watched the growth");
        assertThat(pm.get("actions").get(0).get("owner").asString()).isEqualTo("ops");

        // The list shows it published, with its open action item; the incident page links to it.
        browser.get(url("/postmortems"));
        assertThat(browser.findElement(By.id("pm-" + id)).getText()).containsIgnoringCase("published");
        screenshot("postmortem-7-list");
        browser.get(url("/incidents/" + incident));
        assertThat(browser.findElement(By.id("incident-postmortem")).getText()).containsIgnoringCase("published");

        // The knowledge search finds it by a word of what went wrong and of the fix.
        browser.get(url("/kb"));
        WebElement search = browser.findElement(By.name("q"));
        search.sendKeys("growth capped");
        search.submit();
        wait(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".search-results")));
        assertThat(browser.findElements(By.cssSelector(".search-results .hit a")).stream()
                .map(a -> a.getAttribute("href")).toList()).anySatisfy(href -> assertThat(href)
                        .endsWith("/postmortems/" + id));
        assertThat(browser.findElements(By.cssSelector(".search-results mark"))).isNotEmpty();
        screenshot("postmortem-8-found-by-search");
        assertThat(cspViolations()).as("nothing the Content-Security-Policy refused").isEmpty();
    }

    private List<String> cspViolations() {
        return BrowserAvailable.cspViolations(browser);
    }

    private long resolvedDiskFullIncident() {
        post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms());
        long id = get("/api/v1/incidents?status=open").json().get(0).get("id").longValue();
        long run = post("/api/v1/incidents/" + id + "/playbook-runs", "{\"playbook\": \"DISK_CLEANUP\"}").json()
                .get("id").longValue();
        post("/api/v1/playbook-runs/" + run + "/steps/1", "{\"outcome\": \"done\", \"note\": \"df -h: /var at 97 %\"}");
        post("/api/v1/incidents/" + id + "/resolve", "{\"resolution\": \"confirmed\", \"causeCode\": \"DISK_FULL\","
                + " \"fix\": \"rotated /var/log/app and capped it at 5 GB\"}");
        return id;
    }

    private void signIn() {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(REVIEWER);
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

    /** The whole page: the window made as tall as the document for one shot, then back. */
    private void fullPageScreenshot(String name) {
        Dimension size = browser.manage().window().getSize();
        Number height = (Number) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollHeight;");
        browser.manage().window().setSize(new Dimension(size.getWidth(), Math.min(6000, height.intValue() + 150)));
        screenshot(name);
        browser.manage().window().setSize(size);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
