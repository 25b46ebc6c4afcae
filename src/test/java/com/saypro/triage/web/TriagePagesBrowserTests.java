package com.saypro.triage.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
    void shouldShowANewIncidentOnTheOpenBoardWithoutReloading() {
        signInWithBrowser("admin", ADMIN_PASSWORD);
        browser.get(url("/"));
        assertThat(browser.findElement(By.id("board-rows")).getText()).contains("No open incidents");

        post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms());

        new WebDriverWait(browser, Duration.ofSeconds(20)).until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("board-rows"), "NodeFilesystemAlmostOutOfSpace"));
        browser.findElement(By.linkText("Disk or filesystem full: NodeFilesystemAlmostOutOfSpace")).click();
        assertThat(browser.findElement(By.cssSelector(".cause h3")).getText()).isEqualTo("Disk or filesystem full");
        assertThat(browser.findElement(By.cssSelector(".cause .category")).getText()).isEqualTo("STORAGE");
    }

    @Test
    void shouldRecordAnAnswerClickedOnTheIncidentPageAndShowTheNewRanking() {
        post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms());
        long id = get("/api/v1/incidents?status=open").json().get(0).get("id").longValue();
        signInWithBrowser("admin", ADMIN_PASSWORD);
        browser.get(url("/incidents/" + id));
        assertThat(browser.findElement(By.cssSelector(".cause .confidence")).getText()).isEqualTo("70%");

        browser.findElement(By.cssSelector(".questions form.question button[value='no']")).click();

        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.notice")));
        assertThat(browser.findElement(By.cssSelector(".answered button.chosen")).getText()).isEqualTo("no");
        assertThat(browser.findElement(By.cssSelector(".cause .confidence")).getText()).isEqualTo("85%");
        assertThat(browser.getCurrentUrl()).endsWith("/incidents/" + id);
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
