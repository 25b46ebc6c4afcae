package com.saypro.triage.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Browser tests run the system's headless Chromium (Debian packages chromium and
 * chromium-driver, or TRIAGE_CHROMIUM / TRIAGE_CHROMEDRIVER). Without them the tests are
 * skipped with a message, except when CI=true: there they are required.
 */
public final class BrowserAvailable implements ExecutionCondition {

    static Path chromium() {
        return Path.of(env("TRIAGE_CHROMIUM", "/usr/bin/chromium"));
    }

    static Path chromeDriver() {
        return Path.of(env("TRIAGE_CHROMEDRIVER", "/usr/bin/chromedriver"));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Files.isExecutable(chromium()) && Files.isExecutable(chromeDriver())) {
            return ConditionEvaluationResult.enabled("Chromium at " + chromium());
        }
        String problem = "no Chromium at " + chromium() + " or no ChromeDriver at " + chromeDriver();
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true and the browser tests are required, but there is " + problem);
        }
        return ConditionEvaluationResult.disabled("Skipping the browser tests: there is " + problem
                + ". Install the Debian packages chromium and chromium-driver to run them.");
    }

    /** A headless Chromium that talks to nothing but this machine. */
    public static ChromeDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1000");
        // The console, so that tests can see what the page's Content-Security-Policy refused.
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromeDriver().toFile())
                .build();
        return new ChromeDriver(service, options);
    }

    /** A wait on the page that tries again when the live page swapped an element out from under it. */
    public static WebDriverWait waitFor(WebDriver browser, int seconds) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(seconds));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** The window as it is now, in target/screenshots/{name}.png. */
    public static void screenshot(WebDriver browser, String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the page's Content-Security-Policy refused, from the browser's console. */
    public static List<String> cspViolations(WebDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(e -> e.getMessage())
                .filter(m -> m.contains("Content Security Policy")).toList();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * Runs a read or an action again when the live page swapped the element out from under it
     * (the board and the incident page replace their parts as changes arrive).
     */
    public static <T> T settled(java.util.function.Supplier<T> step) {
        for (int attempt = 1;; attempt++) {
            try {
                return step.get();
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    public static void settled(Runnable step) {
        settled(() -> {
            step.run();
            return null;
        });
    }
}
