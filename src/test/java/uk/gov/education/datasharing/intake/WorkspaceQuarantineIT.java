package uk.gov.education.datasharing.intake;

import java.net.URI;
import java.util.List;
import java.util.Map;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import uk.gov.education.datasharing.intake.model.CaseStatus;
import uk.gov.education.datasharing.intake.model.CaseSummary;

import static org.assertj.core.api.Assertions.assertThat;

/** The team's quarantine actions in the workspace, against the real gateway and mailbox: process again, confirm, release. */
class WorkspaceQuarantineIT extends GatewayITSupport {

    final MockOAuth2Server oidc = new MockOAuth2Server();

    @BeforeEach
    void startOidc() {
        oidc.start();
        harness.set("intake.workspace.enabled", "true").set("intake.workspace.port", "0").set("intake.workspace.allow-plaintext", "true")
                .set("intake.workspace.oidc.issuer", oidc.issuerUrl("dfe").toString())
                .set("intake.workspace.oidc.client-id", "intake-workspace").set("intake.workspace.oidc.client-secret", "s3cret");
    }

    @AfterEach
    void stopOidc() {
        oidc.shutdown();
    }

    private WebClient signIn() throws Exception {
        WebClient browser = new WebClient(URI.create(harness.gateway().workspaceAddress().orElseThrow().toString()));
        oidc.enqueueCallback(new DefaultOAuth2TokenCallback("dfe", "q", "JWT", List.of("intake-workspace"),
                Map.of("preferred_username", "quinn", "roles", List.of("team")), 3600));
        assertThat(browser.get("/sign-in/start").status()).isEqualTo(200);
        return browser;
    }

    private CaseSummary quarantined() throws Exception {
        return cases().stream().filter(c -> c.status() == CaseStatus.QUARANTINED).findFirst().orElseThrow();
    }

    @Test
    void aMessageThatKeptFailingIsProcessedAgainFromTheCasePage() throws Exception {
        String poison = IntakeReliabilityIT.application("poison@sender.test", "Broken");
        PoisonTrigger.install(harness, IntakeEndToEndIT.sha256(Mails.bytes(Mails.parse(poison))));
        harness.deliver(poison);
        harness.set("intake.limits.max-attempts", "2").start();
        harness.awaitFolder("Quarantine", 1);
        String reference = quarantined().reference();
        harness.gateway().database().inTransaction(c -> c.createStatement().execute("drop trigger poison"));

        WebClient browser = signIn();
        WebClient.Page page = browser.get("/cases/" + reference);
        assertThat(page.body()).contains("Process the message again");
        WebClient.Page after = browser.post("/cases/" + reference + "/reprocess", Map.of("csrf", page.csrf()));
        assertThat(after.body()).contains("1 message was moved back to the inbox to be processed again")
                .contains("Message sent to be processed again");
        harness.awaitFolder("Processed", 1);
        assertThat(harness.count("Quarantine")).isZero();

        WebClient.Page again = browser.post("/cases/" + reference + "/reprocess", Map.of("csrf", page.csrf()));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body()).contains("This case has no quarantined message to process again");
    }

    @Test
    void anUnsafeFileIsConfirmedAndClosedOrReleasedBackToTheQueues() throws Exception {
        harness.deliver(Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "Macro", "Attached",
                "form.docm", Documents.docm()));
        harness.deliver(Mails.withAttachments("second@university.test", GatewayHarness.MAILBOX, "Macro too", "Attached",
                "tables.docm", Documents.docm()));
        harness.start();
        harness.awaitFolder("Quarantine", 2);
        List<CaseSummary> held = cases();
        String first = held.get(0).reference();
        String second = held.get(1).reference();

        WebClient browser = signIn();
        assertThat(browser.get("/queues/quarantined").body()).contains(first).contains(second);
        WebClient.Page page = browser.get("/cases/" + first);
        WebClient.Page missing = browser.post("/cases/" + first + "/confirm", Map.of("reason", " ", "csrf", page.csrf()));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("<a href=\"#confirm-reason\">Enter what the team found</a>");
        WebClient.Page confirmed = browser.post("/cases/" + first + "/confirm", Map.of("reason", "VBA auto-open macro", "csrf", page.csrf()));
        assertThat(confirmed.body()).contains("Quarantine confirmed: the case is closed").contains("VBA auto-open macro");
        assertThat(browser.get("/queues/closed").body()).contains(first);
        assertThat(browser.get("/queues/quarantined").body()).doesNotContain(first).contains(second);

        WebClient.Page released = browser.post("/cases/" + second + "/release", Map.of("reason", "Checked: a harmless template", "csrf", page.csrf()));
        assertThat(released.body()).contains("Case released from quarantine").contains("Checked: a harmless template");
        assertThat(browser.get("/queues/quarantined").body()).doesNotContain(second);
        assertThat(cases().stream().filter(c -> c.reference().equals(second)).findFirst().orElseThrow().status()).isEqualTo(CaseStatus.OPEN);
    }
}
