package uk.gov.education.datasharing.intake;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.education.datasharing.intake.model.CaseReference;
import uk.gov.education.datasharing.intake.model.CaseStatus;
import uk.gov.education.datasharing.intake.model.Outcome;
import uk.gov.education.datasharing.intake.store.AuditLog;

import static org.assertj.core.api.Assertions.assertThat;

/** The workspace over HTTP: sign-in through a real OpenID Connect provider, roles, CSRF, sessions, headers, audit. */
class WorkspaceIT {

    @TempDir
    Path dir;
    WorkspaceFixture ws;
    final Random random = new Random(11);

    /** Whether to run on the local PostgreSQL instead of H2. */
    protected boolean postgres() {
        return false;
    }

    @BeforeEach
    void start() throws Exception {
        ws = new WorkspaceFixture(dir, postgres(), Duration.ofMinutes(30));
    }

    @AfterEach
    void stop() throws Exception {
        if (ws != null) {
            ws.close();
        }
    }

    private String ref() {
        return CaseReference.generate(random).value();
    }

    private WebClient signedIn(String user, List<String> roles) throws Exception {
        WebClient browser = new WebClient(ws.address());
        ws.nextSignIn(user, roles);
        WebClient.Page signIn = browser.get("/sign-in/start");
        assertThat(signIn.status()).isEqualTo(200);
        return browser;
    }

    @Test
    void aStrangerIsSentToSignInAndBackToThePageTheyAskedFor() throws Exception {
        String reference = ws.openCase(ref(), "applicant@university.example", Outcome.ACCEPTED, CaseStatus.OPEN, 1, 2);
        WebClient browser = new WebClient(ws.address());
        var first = browser.raw("/cases/" + reference);
        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(first.headers().firstValue("Location")).contains("/sign-in?return=/cases/" + reference);
        ws.nextSignIn("alex", List.of("team"));
        WebClient.Page page = browser.get("/sign-in/start?return=/cases/" + reference);
        assertThat(page.uri().getPath()).isEqualTo("/cases/" + reference);
        assertThat(page.body()).contains("applicant@university.example").contains("form-0.docx");
        assertThat(browser.cookie(WORKSPACE_SESSION)).isNotNull();
    }

    static final String WORKSPACE_SESSION = "intake_session";

    @Test
    void theQueueListsItsCasesOldestFirstWithEveryQueuesCount() throws Exception {
        String newer = ws.openCase(ref(), "newer@example.org", Outcome.ACCEPTED, CaseStatus.OPEN, 1, 1);
        String older = ws.openCase(ref(), "older@example.org", Outcome.RECEIVED, CaseStatus.OPEN, 9, 1);
        ws.openCase(ref(), "defects@example.org", Outcome.DEFECTS, CaseStatus.OPEN, 3, 1);
        ws.openCase(ref(), "quarantined@example.org", Outcome.QUARANTINED, CaseStatus.QUARANTINED, 2, 1);
        WebClient browser = signedIn("alex", List.of("team"));
        WebClient.Page queue = browser.get("/queues/new");
        assertThat(queue.body()).contains("New and unreviewed (2)").contains("Defects: waiting for the applicant (1)")
                .contains("Quarantined (1)").doesNotContain("defects@example.org");
        assertThat(queue.body().indexOf(older)).isPositive().isLessThan(queue.body().indexOf(newer));
        WebClient.Page filtered = browser.get("/queues/new?older=5");
        assertThat(filtered.body()).contains(older).doesNotContain(newer);
        assertThat(browser.get("/queues/new?older=abc").status()).isEqualTo(400);
        String ilr = ws.openCase(ref(), "ilr@college.example", Outcome.ACCEPTED, CaseStatus.OPEN, 4, 1,
                uk.gov.education.datasharing.intake.model.DocumentKind.DATA_TABLES_ILR);
        WebClient.Page bySource = browser.get("/queues/new?source=DATA_TABLES_ILR");
        assertThat(bySource.body()).contains(ilr).doesNotContain(older).doesNotContain(newer).contains("<option value=\"DATA_TABLES_ILR\" selected>");
        assertThat(browser.get("/queues/new?source=APPLICATION_FORM").body()).contains(ilr).contains(older);
    }

    @Test
    void anOpsUserSeesCountsButIsRefusedCaseDetails() throws Exception {
        String reference = ws.openCase(ref(), "someone@school.example", Outcome.ACCEPTED, CaseStatus.OPEN, 1, 1);
        WebClient browser = signedIn("olu", List.of("ops"));
        WebClient.Page home = browser.get("/");
        assertThat(home.uri().getPath()).isEqualTo("/operations");
        assertThat(home.body()).contains("New and unreviewed").doesNotContain("someone@school.example").doesNotContain(reference);
        assertThat(browser.get("/cases/" + reference).status()).isEqualTo(403);
        WebClient.Page queue = browser.get("/queues/new");
        assertThat(queue.status()).isEqualTo(403);
        assertThat(queue.body()).doesNotContain("someone@school.example");
    }

    @Test
    void someoneWithNeitherRoleIsNotSignedIn() throws Exception {
        WebClient browser = new WebClient(ws.address());
        ws.nextSignIn("visitor", List.of("finance"));
        WebClient.Page page = browser.get("/sign-in/start");
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).contains("You do not have access");
        assertThat(browser.cookie(WORKSPACE_SESSION)).isNull();
    }

    @Test
    void aPostWithoutTheSessionsCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        String reference = ws.openCase(ref(), "a@b.example", Outcome.ACCEPTED, CaseStatus.OPEN, 1, 1);
        WebClient browser = signedIn("alex", List.of("team"));
        WebClient.Page casePage = browser.get("/cases/" + reference);
        WebClient.Page refused = browser.post("/cases/" + reference + "/notes", Map.of("note", "forged"));
        assertThat(refused.status()).isEqualTo(403);
        WebClient.Page wrong = browser.post("/cases/" + reference + "/notes", Map.of("note", "forged", "csrf", "x" + casePage.csrf()));
        assertThat(wrong.status()).isEqualTo(403);
        WebClient.Page done = browser.post("/cases/" + reference + "/notes", Map.of("note", "Checked the DPIA.", "csrf", casePage.csrf()));
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).contains("Note added").contains("Checked the DPIA.").doesNotContain("forged");
    }

    @Test
    void anIdleSessionEndsAndTheNextPageIsSignInSayingWhy() throws Exception {
        WebClient browser = signedIn("alex", List.of("team"));
        assertThat(browser.get("/queues/new").status()).isEqualTo(200);
        ws.clock.advance(Duration.ofMinutes(29));
        assertThat(browser.get("/queues/new").uri().getPath()).isEqualTo("/queues/new");
        ws.clock.advance(Duration.ofMinutes(31));
        WebClient.Page page = browser.get("/queues/new");
        assertThat(page.uri().getPath()).isEqualTo("/sign-in");
        assertThat(page.body()).contains("You were signed out because you did nothing for 30 minutes");
    }

    @Test
    void aCallbackWithAnotherBrowsersStateOrUsedTwiceSignsNobodyIn() throws Exception {
        WebClient browser = new WebClient(ws.address());
        ws.nextSignIn("alex", List.of("team"));
        var toProvider = browser.raw("/sign-in/start");
        String providerUrl = toProvider.headers().firstValue("Location").orElseThrow();
        var provider = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(providerUrl)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        // the mock provider answers the authorisation request with a redirect back to us carrying code and state
        String back = provider.headers().firstValue("Location").orElse(provider.uri().toString());
        String callback = java.net.URI.create(back).getRawQuery();
        WebClient other = new WebClient(ws.address());
        assertThat(other.get("/sign-in/callback?" + callback).status()).isEqualTo(400);
        WebClient.Page once = browser.get("/sign-in/callback?" + callback);
        assertThat(once.status()).isEqualTo(200);
        assertThat(browser.get("/sign-in/callback?" + callback).status()).isEqualTo(400);
    }

    @Test
    void everyPageIsUncachedWithAStrictPolicyAndCookiesAreHttpOnlySecureSameSite() throws Exception {
        String reference = ws.openCase(ref(), "a@b.example", Outcome.ACCEPTED, CaseStatus.OPEN, 1, 1);
        WebClient browser = new WebClient(ws.address());
        ws.nextSignIn("alex", List.of("team"));
        var start = browser.raw("/sign-in/start");
        assertThat(start.headers().allValues("Set-Cookie")).isNotEmpty()
                .allMatch(c -> c.contains("HttpOnly") && c.contains("Secure") && c.contains("SameSite=Lax"));
        WebClient signed = signedIn("alex", List.of("team"));
        WebClient.Page page = signed.get("/cases/" + reference);
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("onclick=").doesNotContain("style=\"");
        WebClient.Page missing = signed.get("/cases/DSI-0000-0000");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("Page not found").doesNotContain("Exception").doesNotContain("at uk.gov");
    }

    @Test
    void theFlowIsAuditedInAChainThatVerifiesAndNamesATamperedRow() throws Exception {
        String reference = ws.openCase(ref(), "a@b.example", Outcome.ACCEPTED, CaseStatus.OPEN, 1, 1);
        WebClient browser = signedIn("alex", List.of("team"));
        WebClient.Page page = browser.get("/cases/" + reference);
        browser.post("/cases/" + reference + "/assign", Map.of("me", "yes", "csrf", page.csrf()));
        browser.post("/cases/" + reference + "/status", Map.of("status", "AT_PANEL", "panel-day", "27", "panel-month", "3",
                "panel-year", "2027", "csrf", page.csrf()));
        WebClient.Page after = browser.get("/cases/" + reference);
        assertThat(after.body()).contains("Sent to the Data Sharing Approval Panel (panel on 27 March 2027)").contains("id=\"assigned-to\">alex<");
        assertThat(after.body()).contains("View case").contains("Assign: to alex").contains("Status: AT_PANEL 2027-03-27");
        AuditLog audit = new AuditLog();
        AuditLog.Verdict verdict = ws.sql(audit::verify);
        assertThat(verdict.intact()).isTrue();
        assertThat(verdict.checked()).isGreaterThanOrEqualTo(6);
        ws.sql(c -> c.createStatement().executeUpdate("update audit_event set remote = '10.9.9.9' where id = 3"));
        assertThat(ws.sql(audit::verify).firstBroken()).contains(3L);
    }

    @Test
    void aFormWithMistakesComesBackWithTheGovukErrorSummary() throws Exception {
        String reference = ws.openCase(ref(), "a@b.example", Outcome.ACCEPTED, CaseStatus.OPEN, 1, 1);
        WebClient browser = signedIn("alex", List.of("team"));
        WebClient.Page page = browser.get("/cases/" + reference);
        WebClient.Page empty = browser.post("/cases/" + reference + "/notes", Map.of("note", "  ", "csrf", page.csrf()));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("govuk-error-summary").contains("<a href=\"#note\">Enter a note</a>").startsWith("<!DOCTYPE html>");
        assertThat(empty.body()).contains("<title>Error: ");
        WebClient.Page badDate = browser.post("/cases/" + reference + "/status", Map.of("status", "AT_PANEL", "panel-day", "31",
                "panel-month", "2", "panel-year", "2027", "csrf", page.csrf()));
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.body()).contains("Enter the panel date as a real date").contains("value=\"31\"");
    }

    @Test
    void writersAppendingAtOnceStillFormOneUnbrokenChain() throws Exception {
        AuditLog audit = new AuditLog();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<?>> writers = new java.util.ArrayList<>();
        for (int w = 0; w < 4; w++) {
            String actor = "writer" + w;
            writers.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    ws.sql(c -> audit.append(c, ws.clock.instant(), actor, "VIEW_CASE", "DSI-0000-0000", "", "127.0.0.1"));
                }
                return null;
            }));
        }
        for (var f : writers) {
            f.get();
        }
        pool.shutdown();
        AuditLog.Verdict verdict = ws.sql(audit::verify);
        assertThat(verdict.intact()).as(verdict.problem()).isTrue();
        assertThat(verdict.checked()).isEqualTo(100);
    }

    @Test
    void aFailureInsideGivesTheServiceErrorPageWithNothingOfTheFailureInIt() throws Exception {
        WebClient browser = signedIn("alex", List.of("team"));
        ws.db.close();
        WebClient.Page page = browser.get("/queues/new");
        assertThat(page.status()).isEqualTo(500);
        assertThat(page.body()).contains("Sorry, there is a problem with the service").doesNotContain("Exception").doesNotContain("Hikari")
                .doesNotContain("at uk.gov");
    }
}
