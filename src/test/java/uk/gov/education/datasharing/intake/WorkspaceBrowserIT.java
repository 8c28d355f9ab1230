package uk.gov.education.datasharing.intake;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import uk.gov.education.datasharing.intake.model.CaseReference;
import uk.gov.education.datasharing.intake.model.CaseStatus;
import uk.gov.education.datasharing.intake.model.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workspace in a real headless Chromium: signing in through the OpenID Connect provider, a refused form, a timed-out
 * session, case work by keyboard alone, an ops user refused case details, and axe-core on each page. The team's whole walk
 * against the real gateway is {@link WorkspaceGatewayBrowserIT}.
 */
class WorkspaceBrowserIT {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    Path dir;
    WorkspaceFixture ws;
    WebDriver browser;
    final List<String> violations = new ArrayList<>();
    final Random random = new Random(5);

    @BeforeEach
    void start() throws Exception {
        browser = Chromium.start(dir.resolve("profile"));
        ws = new WorkspaceFixture(dir, false, Duration.ofMinutes(30));
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (ws != null) {
            ws.close();
        }
    }

    private String open(String path) {
        browser.get(ws.address().resolve(path).toString());
        return browser.getCurrentUrl();
    }

    private void checkAccessibility(String page) {
        for (String v : Chromium.violations(browser)) {
            violations.add(page + ": " + v);
        }
    }

    private void signIn(String user, List<String> roles) {
        open("/");
        checkAccessibility("sign-in");
        ws.nextSignIn(user, roles);
        Chromium.toNextPage(browser, () -> browser.findElement(By.linkText("Sign in")).click());
    }

    @Test
    void axeReportsAViolationOnAPageThatHasOneSoItsSilenceMeansSomething() {
        browser.get("data:text/html,<!DOCTYPE html><html><head><title>t</title></head><body><main><img src='x.png'>"
                + "<input type='text'></main></body></html>");
        assertThat(Chromium.violations(browser)).anySatisfy(v -> assertThat(v).startsWith("image-alt"))
                .anySatisfy(v -> assertThat(v).startsWith("label"));
    }

    @Test
    void aFormWithoutItsTokenIsRefusedAndAnIdleSessionReturnsToSignIn() throws Exception {
        String reference = ws.openCase(CaseReference.generate(random).value(), "researcher@university.example", Outcome.ACCEPTED,
                CaseStatus.OPEN, 3, 3);
        signIn("alex.team", List.of("team"));
        open("/cases/" + reference);
        checkAccessibility("case");
        ((JavascriptExecutor) browser).executeScript(
                "document.querySelectorAll('input[name=csrf]').forEach(function (e) { e.remove(); });");
        browser.findElement(By.id("note")).sendKeys("Should not be kept");
        Chromium.toNextPage(browser, () -> browser.findElement(By.id("add-note")).click());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("This form has expired or did not come from this workspace");
        checkAccessibility("refused form");
        open("/cases/" + reference);
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("Should not be kept");

        open("/cases/DSI-0000-0000");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Page not found");
        checkAccessibility("not found");

        ws.clock.advance(Duration.ofMinutes(31));
        open("/queues/new");
        assertThat(browser.getCurrentUrl()).contains("/sign-in");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("You were signed out because you did nothing for 30 minutes");
        checkAccessibility("timed out");
        assertThat(violations).isEmpty();
    }

    @Test
    void theWholeCaseWorkCanBeDoneByKeyboard() throws Exception {
        String reference = ws.openCase(CaseReference.generate(random).value(), "keys@university.example", Outcome.ACCEPTED,
                CaseStatus.OPEN, 1, 1);
        signIn("kim", List.of("team"));
        Actions keys = new Actions(browser);
        keys.sendKeys(Keys.TAB).perform();
        assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Skip to main content");
        keys.sendKeys(Keys.ENTER).perform();
        WebElement link = tabTo(keys, e -> reference.equals(e.getText()), 60);
        assertThat(link).isNotNull();
        Chromium.toNextPage(browser, () -> keys.sendKeys(Keys.ENTER).perform());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(reference);

        tabTo(keys, e -> "note".equals(e.getAttribute("id")), 60);
        keys.sendKeys("Typed without a mouse.").perform();
        tabTo(keys, e -> "add-note".equals(e.getAttribute("id")), 5);
        Chromium.toNextPage(browser, () -> keys.sendKeys(Keys.ENTER).perform());
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Note added").contains("Typed without a mouse.");

        tabTo(keys, e -> "status-in-review".equals(e.getAttribute("id")) || "status".equals(e.getAttribute("id")), 80);
        // radios move with the arrow keys; space selects
        while (!"status-in-review".equals(browser.switchTo().activeElement().getAttribute("id"))) {
            keys.sendKeys(Keys.ARROW_DOWN).perform();
        }
        tabTo(keys, e -> "set-status".equals(e.getAttribute("id")), 10);
        Chromium.toNextPage(browser, () -> keys.sendKeys(Keys.ENTER).perform());
        assertThat(browser.findElement(By.id("review-status")).getText()).isEqualTo("In review");
    }

    private WebElement tabTo(Actions keys, java.util.function.Predicate<WebElement> wanted, int limit) {
        for (int i = 0; i < limit; i++) {
            keys.sendKeys(Keys.TAB).perform();
            WebElement active = browser.switchTo().activeElement();
            if (wanted.test(active)) {
                return active;
            }
        }
        throw new AssertionError("could not reach the element by Tab within " + limit + " presses");
    }

    @Test
    void anOpsUserIsRefusedCaseDetailsInTheBrowserToo() throws Exception {
        String reference = ws.openCase(CaseReference.generate(random).value(), "private@university.example", Outcome.ACCEPTED,
                CaseStatus.OPEN, 1, 1);
        signIn("olu.ops", List.of("ops"));
        assertThat(browser.getCurrentUrl()).endsWith("/operations");
        checkAccessibility("operations (ops)");
        open("/cases/" + reference);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("You cannot see cases");
        assertThat(browser.getPageSource()).doesNotContain("private@university.example");
        checkAccessibility("forbidden");
        Chromium.toNextPage(browser, () -> browser.findElement(By.xpath("//button[starts-with(normalize-space(.), 'Sign out')]")).click());
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("You have signed out.");
        checkAccessibility("signed out");

        ws.nextSignIn("visitor", List.of("finance"));
        Chromium.toNextPage(browser, () -> browser.findElement(By.linkText("Sign in")).click());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("You do not have access to this workspace");
        checkAccessibility("no role");
        assertThat(violations).isEmpty();
    }
}
