package uk.gov.education.datasharing.intake;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The mailbox over OAuth 2.0: a real Dovecot that accepts only bearer tokens (XOAUTH2), checking each against the token
 * introspection endpoint of a real authorisation server (mock-oauth2-server) from which the gateway takes tokens with
 * the client-credentials grant. Tokens live 3 seconds here: after the first has expired the server is restarted, which
 * cuts every connection, and the gateway must log in again with a new token. (mock-oauth2-server's introspection still
 * calls a token active for its verifier's 60 seconds of clock skew, so that the gateway takes a new token is checked on
 * the token endpoint's own record of requests.)
 */
class XOAuth2IT extends GatewayITSupport {

    static final int TOKEN_SECONDS = 3;
    MockOAuth2Server oauth;
    Dovecot dovecot;

    private void start(String tokenPath) throws Exception {
        start(tokenPath, "intake.oauth.client-secret", "client-secret-value", false);
    }

    /**
     * The servers, and the gateway's settings with the app's credential in {@code credentialKey}; with {@code submission},
     * replies go through Dovecot's SMTP submission service (logins checked as for IMAP), which relays them to GreenMail.
     */
    private void start(String tokenPath, String credentialKey, String credential, boolean submission) throws Exception {
        DefaultOAuth2TokenCallback mailbox = new DefaultOAuth2TokenCallback("entra", GatewayHarness.MAILBOX, "JWT",
                List.of("https://outlook.office365.com"), Map.of("roles", List.of("IMAP.AccessAsApp"), "token_type", "Bearer", "username", GatewayHarness.MAILBOX), TOKEN_SECONDS);
        oauth = new MockOAuth2Server(new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(), Set.of(mailbox)));
        oauth.start();
        URI issuer = oauth.issuerUrl("entra").uri();
        dovecot = submission
                ? Dovecot.withSubmission(dir.resolve("dovecot"), URI.create(issuer + "/introspect"), "dovecot", "introspection-secret",
                        harness.mail.getSmtp().getPort())
                : new Dovecot(dir.resolve("dovecot"), URI.create(issuer + "/introspect"), "dovecot", "introspection-secret");
        if (submission) {
            harness.set("intake.smtp.port", String.valueOf(dovecot.submissionPort)).set("intake.smtp.username", GatewayHarness.MAILBOX);
        }
        harness.set("intake.imap.host", "127.0.0.1").set("intake.imap.port", String.valueOf(dovecot.port))
                .set("intake.imap.password", "unused")
                .set("intake.mail.auth", "oauth2").set("intake.oauth.token-url", issuer + tokenPath)
                .set("intake.oauth.client-id", "intake-gateway").set(credentialKey, credential)
                .set("intake.imap.poll-delay-ms", "500").set("intake.imap.consumers", "2"); // the default, on a real server
    }

    @AfterEach
    void stopServers() throws Exception {
        if (dovecot != null) {
            dovecot.close();
        }
        if (oauth != null) {
            oauth.shutdown();
        }
    }

    @Test
    void theMailboxIsReadWithBearerTokensAndANewTokenIsTakenWhenTheOldOneHasExpired() throws Exception {
        start("/token");
        dovecot.deliver(GatewayHarness.MAILBOX, IntakeReliabilityIT.application(GatewayHarness.APPLICANT, "First"));
        harness.start();
        harness.awaitReplies(GatewayHarness.APPLICANT, 1);
        assertThat(dovecot.log()).contains("Login: user=<" + GatewayHarness.MAILBOX + ">").contains("method=XOAUTH2");

        // let the first token expire, then cut every connection so the gateway must log in again
        await().pollDelay(Duration.ofSeconds(TOKEN_SECONDS + 1)).atMost(Duration.ofSeconds(TOKEN_SECONDS + 5)).until(() -> true);
        dovecot.stop();
        dovecot.start();
        dovecot.deliver(GatewayHarness.MAILBOX, IntakeReliabilityIT.application("second@college.test", "Second"));
        harness.awaitReplies("second@college.test", 1);
        long logins = dovecot.log().lines().filter(l -> l.contains("Login: user=<" + GatewayHarness.MAILBOX + ">")).count();
        assertThat(logins).isGreaterThanOrEqualTo(2);
        assertThat(tokenRequests()).as("a first token, and a new one after it expired").hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(body -> assertThat(body).contains("grant_type=client_credentials").contains("client_id=intake-gateway")
                        .contains("scope=https%3A%2F%2Foutlook.office365.com%2F.default"));
        assertThat(dovecot.log()).doesNotContain("client-secret-value");
        assertThat(scrape()).contains("intake_mail_token_failures_total 0.0");
    }

    @Test
    void theMailboxIsReadWithTokensTakenWithACertificateCredential() throws Exception {
        var app = uk.gov.education.datasharing.intake.mailbox.AppCertificates.make(java.time.Instant.now().minusSeconds(60), Duration.ofDays(30));
        var pem = uk.gov.education.datasharing.intake.mailbox.AppCertificates.write(dir, "app.pem",
                uk.gov.education.datasharing.intake.mailbox.AppCertificates.pem(app.certificate(), app.keys(), false));
        start("/token", "intake.oauth.client-certificate", pem.toString(), false);
        dovecot.deliver(GatewayHarness.MAILBOX, IntakeReliabilityIT.application(GatewayHarness.APPLICANT, "Certificate"));
        harness.start();
        harness.awaitReplies(GatewayHarness.APPLICANT, 1);
        assertThat(dovecot.log()).contains("Login: user=<" + GatewayHarness.MAILBOX + ">").contains("method=XOAUTH2");
        List<String> tokenRequests = tokenRequests();
        assertThat(tokenRequests).isNotEmpty().allSatisfy(body -> {
            assertThat(body).contains("grant_type=client_credentials").doesNotContain("client_secret")
                    .contains("client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer");
            String assertion = java.net.URLDecoder.decode(body.replaceAll(".*client_assertion=([^&]*).*", "$1"), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(com.nimbusds.jwt.SignedJWT.parse(assertion).verify(
                    new com.nimbusds.jose.crypto.RSASSAVerifier((java.security.interfaces.RSAPublicKey) app.certificate().getPublicKey())))
                    .as("signed with the certificate's key").isTrue();
        });
        assertThat(scrape()).contains("intake_mail_token_failures_total 0.0");
    }

    @Test
    void repliesAreSentThroughASubmissionServerThatChecksTheSameBearerTokens() throws Exception {
        start("/token", "intake.oauth.client-secret", "client-secret-value", true);
        dovecot.deliver(GatewayHarness.MAILBOX, IntakeReliabilityIT.application(GatewayHarness.APPLICANT, "Submitted"));
        harness.start();
        harness.awaitReplies(GatewayHarness.APPLICANT, 1);
        String log = dovecot.log();
        assertThat(log.lines().filter(l -> l.contains("submission-login:") && l.contains("Login: user=<" + GatewayHarness.MAILBOX + ">")))
                .as("the reply went through submission, logged in with a token").isNotEmpty()
                .allSatisfy(l -> assertThat(l).contains("method=XOAUTH2"));
        assertThat(log).doesNotContain("client-secret-value");
    }

    @Test
    void aTokenTheSubmissionServerRefusesEndsTheExchangeAndSaysSo() throws Exception {
        start("/token", "intake.oauth.client-secret", "client-secret-value", true);
        var smtp = new uk.gov.education.datasharing.intake.reply.SmtpTransport("127.0.0.1", dovecot.submissionPort,
                uk.gov.education.datasharing.intake.reply.SmtpTransport.Security.PLAIN, GatewayHarness.MAILBOX, () -> "x".repeat(1500),
                uk.gov.education.datasharing.intake.reply.SmtpTransport.Login.XOAUTH2, new java.util.Properties());
        org.assertj.core.api.Assertions.assertThatThrownBy(smtp::check).isInstanceOf(jakarta.mail.AuthenticationFailedException.class)
                .hasMessageContaining("refused the access token").message().doesNotContain("xxxx");
        // the server logs the session once its login process has ended it, a moment later
        await().atMost(Duration.ofSeconds(10)).until(() -> dovecot.log().lines()
                .anyMatch(l -> l.contains("submission-login:") && l.contains("auth failed") && l.contains("method=XOAUTH2")));
    }

    /** The bodies of the token requests the authorisation server received so far. */
    private List<String> tokenRequests() {
        List<String> bodies = new java.util.ArrayList<>();
        while (true) {
            okhttp3.mockwebserver.RecordedRequest r;
            try {
                r = oauth.takeRequest(500, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (RuntimeException noneLeft) {
                return bodies;
            }
            if (r.getPath() != null && r.getPath().endsWith("/token")) {
                bodies.add(r.getBody().readUtf8());
            }
        }
    }

    @Test
    void aTokenThatCannotBeHadIsReportedAndTheMessageWaitsInTheMailbox() throws Exception {
        start("/no-such-token-endpoint");
        dovecot.deliver(GatewayHarness.MAILBOX, IntakeReliabilityIT.application(GatewayHarness.APPLICANT, "Waits"));
        harness.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> scrape().matches("(?s).*intake_mail_token_failures_total [1-9].*"));
        String ready = health();
        assertThat(ready).contains("\"mail-token\"").contains("intake.oauth");
        assertThat(dovecot.log()).doesNotContain("Login: user=<" + GatewayHarness.MAILBOX + ">");
        assertThat(harness.allReplies()).isEmpty();
        try (var files = Files.list(dovecot.dir.resolve("mail").resolve(GatewayHarness.MAILBOX).resolve("new"))) {
            assertThat(files.count()).as("the message is still in the inbox").isEqualTo(1);
        }
    }

    private String scrape() throws Exception {
        return get("/metrics");
    }

    private String health() throws Exception {
        return get("/health/ready");
    }

    private String get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + harness.gateway().managementPort() + path))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
