package uk.gov.education.datasharing.intake;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.model.CaseStatus;
import uk.gov.education.datasharing.intake.model.DocumentKind;
import uk.gov.education.datasharing.intake.model.FileCheck;
import uk.gov.education.datasharing.intake.model.Outcome;
import uk.gov.education.datasharing.intake.model.ReceivedFile;
import uk.gov.education.datasharing.intake.store.Cases;
import uk.gov.education.datasharing.intake.store.Database;
import uk.gov.education.datasharing.intake.store.Sealer;
import uk.gov.education.datasharing.intake.store.StateKey;
import uk.gov.education.datasharing.intake.workspace.WorkspaceServer;

/**
 * A workspace on a real database (H2, or a fresh PostgreSQL schema) with a real OpenID Connect provider
 * (mock-oauth2-server), a clock the test moves, and cases opened through the case index's own code.
 */
final class WorkspaceFixture implements AutoCloseable {

    static final String CLIENT_ID = "intake-workspace";
    static final String ISSUER_ID = "dfe";

    final MockOAuth2Server oidc = new MockOAuth2Server();
    final Database db;
    final Sealer sealer = new Sealer(StateKey.fromBase64(StateKey.generate()));
    final MovableClock clock = new MovableClock(Instant.now());
    final WorkspaceServer server;
    private final String pgSchema;

    /** {@code postgres}: on a fresh schema of the local PostgreSQL (skipped, or failed under CI, when none answers). */
    WorkspaceFixture(Path dir, boolean postgres, Duration idle) throws Exception {
        oidc.start();
        if (postgres) {
            Requires.present(Postgres.reachable(), "PostgreSQL at " + Postgres.URL);
            pgSchema = "ws_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
            db = new Database(Postgres.URL, Postgres.USER, null, pgSchema);
        } else {
            pgSchema = null;
            db = new Database("jdbc:h2:file:" + dir.resolve("db/intake").toAbsolutePath(), null, null, null);
        }
        URI issuer = oidc.issuerUrl(ISSUER_ID).uri();
        GatewayConfig.Workspace config = new GatewayConfig.Workspace(true, "127.0.0.1", 0, null, null, null, true,
                new GatewayConfig.Oidc(issuer, CLIENT_ID, "test-secret", "preferred_username", "roles", "team", "ops"), idle);
        server = new WorkspaceServer(config, db, sealer, clock,
                new WorkspaceServer.Gateway(GatewayHarness.MAILBOX, dir.resolve("store"), reference -> 0, (reference, id) -> java.util.Optional.empty(), () -> { }));
        server.start();
    }

    URI address() {
        return server.address();
    }

    /** The next sign-in at the provider is this user with these roles. */
    void nextSignIn(String username, List<String> roles) {
        oidc.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, username, "JWT", List.of(CLIENT_ID),
                Map.of("preferred_username", username, "name", username, "roles", roles), 3600));
    }

    /** Opens a case the way the gateway does, with one version of {@code files} files, received {@code ageDays} ago. */
    String openCase(String reference, String sender, Outcome outcome, CaseStatus status, int ageDays, int files) throws Exception {
        return openCase(reference, sender, outcome, status, ageDays, files, DocumentKind.APPLICATION_FORM);
    }

    /** As above, every file recognised as {@code kind}. */
    String openCase(String reference, String sender, Outcome outcome, CaseStatus status, int ageDays, int files, DocumentKind kind)
            throws Exception {
        Cases cases = new Cases(sealer);
        Instant at = clock.instant().minus(Duration.ofDays(ageDays));
        return db.inTransaction(c -> {
            cases.open(c, reference, sender, status, outcome, List.of(), at);
            List<ReceivedFile> received = new java.util.ArrayList<>();
            for (int i = 0; i < files; i++) {
                received.add(new ReceivedFile(i, "1." + (i + 1), "form " + i + ".docx", "form-" + i + ".docx",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 1000 + i,
                        String.format(Locale.ROOT, "%064x", i + 1), "", new FileCheck("docx", kind, "template",
                        FileCheck.Scan.NOT_SCANNED, FileCheck.Verdict.ACCEPTED)));
            }
            cases.addSubmission(c, reference, UUID.randomUUID().toString().replace("-", "") + "00000000000000000000000000000000",
                    2000, "0".repeat(64), at, received, List.of());
            return reference;
        });
    }

    <T> T sql(Database.Work<T> work) throws Exception {
        return db.inTransaction(work);
    }

    @Override
    public void close() throws Exception {
        server.close();
        db.close();
        oidc.shutdown();
        if (pgSchema != null) {
            try (Connection c = DriverManager.getConnection(Postgres.URL, Postgres.USER, ""); Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + pgSchema + " cascade");
            }
        }
    }
}
