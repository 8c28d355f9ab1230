package uk.gov.education.datasharing.intake;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its chromedriver (both installed by .ci/run), and axe-core's WCAG 2.2 AA
 * checks on the page it shows. Without them the test is skipped locally and fails under CI=true.
 */
final class Chromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    private Chromium() {
    }

    /** A browser whose downloads go to {@code profile/downloads} without asking. */
    static WebDriver start(Path profile) throws Exception {
        Requires.present(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER), "chromium and chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1400", "--user-data-dir=" + Files.createDirectories(profile));
        options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory",
                Files.createDirectories(profile.resolve("downloads")).toAbsolutePath().toString(), "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER.toString())).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /**
     * Does what leads to another page (a click on a link or a form's button, Enter on one) and waits until that page has
     * replaced this one and loaded. A click returns before a form's POST and its redirect have finished, so reading the
     * page straight after could read, or half-read, the old one (StaleElementReferenceException).
     */
    static void toNextPage(WebDriver driver, Runnable action) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("window.intakeTestOldPage = true;"); // a mark only this document carries
        action.run();
        new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(WebDriverException.class)
                .until(d -> js.executeScript("return !window.intakeTestOldPage && document.readyState === 'complete'").equals(Boolean.TRUE));
    }

    /** axe-core's WCAG 2.x A and AA violations on the current page, described one per line (empty when none). */
    static List<String> violations(WebDriver driver) {
        Results results = new AxeBuilder().withTags(WCAG).analyze(driver);
        return results.getViolations().stream().map(Chromium::describe).toList();
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList();
    }
}
