package uk.gov.education.datasharing.intake.store;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditLogTest {

    private Database db;
    private final AuditLog audit = new AuditLog();
    private final Instant t0 = Instant.parse("2026-12-01T10:00:00.123456Z");

    @BeforeEach
    void open() {
        db = new Database("jdbc:h2:mem:audit" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null, null);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void append(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            int k = i;
            db.inTransaction(c -> audit.append(c, t0.plusSeconds(k), "alex", "VIEW_CASE", "DSI-ABCD-EFGH", "", "127.0.0.1"));
        }
    }

    @Test
    void anUntouchedChainVerifiesAndEachRowCarriesTheHashOfTheOneBefore() throws Exception {
        append(5);
        AuditLog.Verdict verdict = db.inTransaction(audit::verify);
        assertThat(verdict.intact()).isTrue();
        assertThat(verdict.checked()).isEqualTo(5);
        var rows = db.inTransaction(c -> audit.forCase(c, "DSI-ABCD-EFGH", 10));
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0).prevHash()).isEqualTo(rows.get(1).hash());
        assertThat(rows.get(4).prevHash()).isEqualTo(AuditLog.GENESIS);
    }

    @Test
    void aChangedFieldIsNamedAsTheFirstBrokenLink() throws Exception {
        append(6);
        db.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement("update audit_event set actor = 'mallory' where id = 4")) {
                return update.executeUpdate();
            }
        });
        AuditLog.Verdict verdict = db.inTransaction(audit::verify);
        assertThat(verdict.intact()).isFalse();
        assertThat(verdict.firstBroken()).contains(4L);
        assertThat(verdict.checked()).isEqualTo(3);
    }

    @Test
    void aRowRewrittenWithARecomputedHashBreaksTheNextLink() throws Exception {
        append(5);
        db.inTransaction(c -> {
            AuditLog.Entry e = audit.forCase(c, "DSI-ABCD-EFGH", 10).stream().filter(r -> r.id() == 2).findFirst().orElseThrow();
            AuditLog.Entry forged = new AuditLog.Entry(e.id(), e.at(), "mallory", e.action(), e.caseReference(), e.detail(), e.remote(), e.prevHash(), "");
            try (PreparedStatement update = c.prepareStatement("update audit_event set actor = 'mallory', hash = ? where id = 2")) {
                update.setString(1, AuditLog.hash(forged));
                return update.executeUpdate();
            }
        });
        AuditLog.Verdict verdict = db.inTransaction(audit::verify);
        assertThat(verdict.firstBroken()).contains(3L);
    }

    @Test
    void aDeletedRowInTheMiddleOrAtTheEndIsNamed() throws Exception {
        append(5);
        db.inTransaction(c -> c.createStatement().executeUpdate("delete from audit_event where id = 3"));
        assertThat(db.inTransaction(audit::verify).firstBroken()).contains(3L);
        db.inTransaction(c -> c.createStatement().executeUpdate("delete from audit_event where id >= 3"));
        AuditLog.Verdict end = db.inTransaction(audit::verify);
        assertThat(end.firstBroken()).contains(3L);
        assertThat(end.problem()).contains("removed from the end");
    }

    @Test
    void timesKeepMillisecondsSoTheHashSurvivesTheDatabaseRoundTrip() throws Exception {
        AuditLog.Entry written = db.inTransaction(c -> audit.append(c, t0, "alex", "NOTE", "DSI-ABCD-EFGH", "note added", "::1"));
        assertThat(written.at()).isEqualTo(Instant.parse("2026-12-01T10:00:00.123Z"));
        assertThat(db.inTransaction(audit::verify).intact()).isTrue();
    }
}
