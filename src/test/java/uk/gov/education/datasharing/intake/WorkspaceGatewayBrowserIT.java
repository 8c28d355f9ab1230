package uk.gov.education.datasharing.intake;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

import uk.gov.education.datasharing.intake.model.CaseQueue;
import uk.gov.education.datasharing.intake.model.CaseSummary;
import uk.gov.education.datasharing.intake.model.Outcome;
import uk.gov.education.datasharing.intake.store.AuditLog;
import uk.gov.education.datasharing.intake.validate.Forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The team's whole walk in a real Chromium against the real gateway: an application arrives by SMTP, the team finds it in
 * the queue, assigns it, notes it, asks the applicant for more (the email reaches the applicant's mailbox in the case's
 * thread, and the applicant's answer joins the case as its next version), sends it to panel and closes it. axe-core checks
 * every page on the way; the README's screenshots are taken here.
 */
class WorkspaceGatewayBrowserIT extends GatewayITSupport {

    final MockOAuth2Server oidc = new MockOAuth2Server();
    WebDriver browser;
    final List<String> violations = new ArrayList<>();

    @BeforeEach
    void startAll() throws Exception {
        browser = Chromium.start(dir.resolve("profile"));
        oidc.start();
        harness.set("intake.workspace.enabled", "true").set("intake.workspace.port", "0").set("intake.workspace.allow-plaintext", "true")
                .set("intake.workspace.oidc.issuer", oidc.issuerUrl("dfe").toString())
                .set("intake.workspace.oidc.client-id", "intake-workspace").set("intake.workspace.oidc.client-secret", "s3cret");
    }

    @AfterEach
    void stopAll() {
        if (browser != null) {
            browser.quit();
        }
        oidc.shutdown();
    }

    private void open(String path) {
        browser.get(harness.gateway().workspaceAddress().orElseThrow().resolve(path).toString());
    }

    private void axe(String page) {
        Chromium.violations(browser).forEach(v -> violations.add(page + ": " + v));
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(WorkspaceBrowserIT.SCREENSHOTS);
        Files.write(WorkspaceBrowserIT.SCREENSHOTS.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private String main() {
        return browser.findElement(By.tagName("main")).getText();
    }

    @Test
    void queueToCaseToAskingTheApplicantToPanelToClosed() throws Exception {
        harness.deliver(Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "Application for NPD data", "Attached",
                "application-form.docx", Documents.form(ValidationIT.application()),
                "security-questionnaire.docx", Documents.form(Forms.questionnaire())));
        harness.start();
        harness.awaitReplies(GatewayHarness.APPLICANT, 1);
        CaseSummary summary = cases().get(0);
        String reference = summary.reference();
        CaseQueue queue = summary.outcome() == Outcome.DEFECTS ? CaseQueue.DEFECTS : CaseQueue.NEW;

        open("/");
        axe("sign-in");
        oidc.enqueueCallback(new DefaultOAuth2TokenCallback("dfe", "sam", "JWT", List.of("intake-workspace"),
                Map.of("preferred_username", "sam.team", "name", "Sam Team", "roles", List.of("team")), 3600));
        Chromium.toNextPage(browser, () -> browser.findElement(By.linkText("Sign in")).click());
        open("/queues/" + queue.slug());
        assertThat(main()).contains(reference).contains(GatewayHarness.APPLICANT);
        axe("queue");
        screenshot("workspace-queue.png");

        Chromium.toNextPage(browser, () -> browser.findElement(By.linkText(reference)).click());
        assertThat(main()).contains("application-form.docx").contains("Application form").contains("Email received: version 1")
                .contains("Email to the applicant:");
        axe("case");

        Chromium.toNextPage(browser, () -> browser.findElement(By.id("assign-me")).click());
        assertThat(browser.findElement(By.id("assigned-to")).getText()).isEqualTo("sam.team");
        browser.findElement(By.id("note")).sendKeys("Form complete; the questionnaire's storage answer is thin.");
        Chromium.toNextPage(browser, () -> browser.findElement(By.id("add-note")).click());
        assertThat(main()).contains("Note added").contains("the questionnaire's storage answer is thin");

        new Select(browser.findElement(By.id("ask-template"))).selectByVisibleText("More about how you will keep the data secure");
        Chromium.toNextPage(browser, () -> browser.findElement(By.id("use-template")).click());
        assertThat(browser.findElement(By.id("ask-text")).getAttribute("value")).contains("[name the questions");
        Chromium.toNextPage(browser, () -> browser.findElement(By.id("send-request")).click());
        assertThat(browser.findElement(By.className("govuk-error-summary")).getText()).contains("square brackets");
        axe("case with an error");
        browser.findElement(By.id("ask-text")).clear();
        browser.findElement(By.id("ask-text")).sendKeys("Please tell us where the data will be stored.\n\nAnd who can reach it.");
        Chromium.toNextPage(browser, () -> browser.findElement(By.id("send-request")).click());
        assertThat(main()).contains("queued to send to the applicant").contains("Asked the applicant for more");

        harness.awaitReplies(GatewayHarness.APPLICANT, 2);
        MimeMessage request = harness.repliesTo(GatewayHarness.APPLICANT).get(1);
        assertThat(request.getSubject()).isEqualTo("We need more from you: reference " + reference);
        assertThat(ValidationIT.text(request)).contains("Please tell us where the data will be stored.").contains("And who can reach it.");

        open("/cases/" + reference);
        Chromium.toNextPage(browser, () -> browser.findElement(By.partialLinkText("Email to the applicant: Request")).click());
        assertThat(main()).contains("Subject: We need more from you: reference " + reference)
                .contains("Please tell us where the data will be stored.");
        axe("email as the applicant saw it");
        open("/cases/" + reference);
        Chromium.toNextPage(browser, () -> browser.findElement(By.partialLinkText("Email to the applicant: Defects")).click());
        assertThat(main()).contains("Subject: Your application needs changes: reference " + reference);

        harness.deliver("In-Reply-To: " + request.getMessageID() + "\r\n" + Mails.withAttachments(GatewayHarness.APPLICANT,
                GatewayHarness.MAILBOX, "Re: " + request.getSubject(), "Stored on our secure server; two named researchers.",
                "security-questionnaire.docx", Documents.form(Forms.questionnaire())));
        await().atMost(Duration.ofSeconds(30)).until(() -> cases().get(0).versions() == 2);
        assertThat(cases()).hasSize(1);
        open("/cases/" + reference);
        assertThat(main()).contains("Email received: version 2");

        browser.findElement(By.id("status-at-panel")).click();
        browser.findElement(By.id("panel-date-day")).sendKeys("27");
        browser.findElement(By.id("panel-date-month")).sendKeys("3");
        browser.findElement(By.id("panel-date-year")).sendKeys("2027");
        Chromium.toNextPage(browser, () -> browser.findElement(By.id("set-status")).click());
        assertThat(browser.findElement(By.id("review-status")).getText()).isEqualTo("Sent to the Data Sharing Approval Panel (panel on 27 March 2027)");
        axe("case after actions");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 2600));
        screenshot("workspace-case.png");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1400));
        open("/queues/at-panel");
        assertThat(main()).contains(reference);

        open("/cases/" + reference);
        browser.findElement(By.id("status-closed")).click();
        Chromium.toNextPage(browser, () -> browser.findElement(By.id("set-status")).click());
        open("/queues/closed");
        assertThat(main()).contains(reference);
        axe("closed queue");

        harness.deliver(Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "One more thing: " + reference,
                "A late question.", "note.pdf", Documents.pdf("A late question")));
        await().atMost(Duration.ofSeconds(30)).until(() -> cases().get(0).versions() == 3);
        open("/cases/" + reference);
        assertThat(browser.findElement(By.id("review-status")).getText()).isEqualTo("Not reviewed");
        assertThat(main()).contains("Back in the queue: a new email arrived after it was closed");
        open("/operations");
        axe("operations");

        assertThat(violations).isEmpty();
        AuditLog.Verdict audit = harness.gateway().database().inTransaction(new AuditLog()::verify);
        assertThat(audit.intact()).isTrue();
        List<AuditLog.Entry> rows = harness.gateway().database().inTransaction(c -> new AuditLog().forCase(c, reference, 100));
        assertThat(rows).extracting(AuditLog.Entry::action).contains("VIEW_CASE", "ASSIGN", "NOTE", "ASK", "STATUS");
        assertThat(rows).allSatisfy(r -> assertThat(r.actor()).isEqualTo("sam.team"));
    }

    @Test
    void filesDecryptedInTheBrowserAreTheBytesThatWereSentAndTheBundleHoldsOnlyCiphertext() throws Exception {
        byte[] form = Documents.form(ValidationIT.application());
        byte[] questionnaire = Documents.form(Forms.questionnaire());
        harness.deliver(Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "Application", "Attached",
                "application-form.docx", form, "security-questionnaire.docx", questionnaire));
        harness.start();
        harness.awaitReplies(GatewayHarness.APPLICANT, 1);
        String reference = cases().get(0).reference();
        oidc.enqueueCallback(new DefaultOAuth2TokenCallback("dfe", "sam", "JWT", List.of("intake-workspace"),
                Map.of("preferred_username", "sam.team", "roles", List.of("team")), 3600));
        open("/sign-in/start");
        open("/cases/" + reference);
        Chromium.toNextPage(browser, () -> browser.findElement(By.id("files-link")).click());
        axe("files");

        java.nio.file.Path key = TestKeys.writeSecretKey(Files.createDirectories(dir.resolve("team")));
        browser.findElement(By.id("secret-key")).sendKeys(key.toAbsolutePath().toString());
        browser.findElement(By.id("decrypt")).click();
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.findElement(By.id("decrypt-status")).getText().startsWith("Decrypted and checked"));
        assertThat(browser.findElement(By.id("decrypt-status")).getText()).isEqualTo("Decrypted and checked 4 files. Nothing was sent to the server.");
        axe("files decrypted");

        java.nio.file.Path downloads = dir.resolve("profile").resolve("downloads");
        browser.findElement(By.xpath("//tr[@data-name='application-form.docx']//a")).click();
        browser.findElement(By.xpath("//tr[@data-name='security-questionnaire.docx']//a")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(downloads.resolve("application-form.docx"))
                && Files.exists(downloads.resolve("security-questionnaire.docx")));
        assertThat(Files.readAllBytes(downloads.resolve("application-form.docx"))).isEqualTo(form);
        assertThat(Files.readAllBytes(downloads.resolve("security-questionnaire.docx"))).isEqualTo(questionnaire);

        browser.findElement(By.id("bundle")).click();
        java.nio.file.Path zip = downloads.resolve(reference + "-encrypted.zip");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(zip) && Files.size(zip) > 0
                && !Files.exists(downloads.resolve(reference + "-encrypted.zip.crdownload")));
        Map<String, byte[]> entries = new java.util.TreeMap<>();
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        assertThat(entries).containsKeys(reference + "/README.txt", reference + "/SHA256SUMS", reference + "/v1/manifest.json.pgp",
                reference + "/v1/message.eml.pgp", reference + "/v1/files/application-form.docx.pgp");
        byte[] encrypted = entries.get(reference + "/v1/files/application-form.docx.pgp");
        assertThat(new String(encrypted, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("word/document.xml");
        assertThat(TestKeys.decryptBytes(encrypted)).isEqualTo(form);
        assertThat(new String(entries.get(reference + "/SHA256SUMS"), java.nio.charset.StandardCharsets.UTF_8))
                .contains(IntakeEndToEndIT.sha256(form) + "  v1/files/application-form.docx");
        List<AuditLog.Entry> rows = harness.gateway().database().inTransaction(c -> new AuditLog().forCase(c, reference, 100));
        assertThat(rows).extracting(AuditLog.Entry::action).contains("VIEW_FILES", "DOWNLOAD_OBJECT", "DOWNLOAD_BUNDLE");
        assertThat(violations).isEmpty();
    }
}
