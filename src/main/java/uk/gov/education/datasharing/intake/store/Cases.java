package uk.gov.education.datasharing.intake.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import uk.gov.education.datasharing.intake.model.CaseStatus;
import uk.gov.education.datasharing.intake.model.CaseSummary;
import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.Outcome;
import uk.gov.education.datasharing.intake.model.ReceivedFile;
import uk.gov.education.datasharing.intake.model.SubmissionRecord;

/**
 * Cases and their submission versions in the case index. Callers own the transaction. What senders wrote
 * (the sender's address, file names and findings) is sealed by the {@link Sealer} on the way in and opened on
 * the way out.
 */
public final class Cases {

    private final Sealer sealer;
    private final SubmissionRows rows;

    public Cases(Sealer sealer) {
        this.sealer = sealer;
        this.rows = new SubmissionRows(sealer);
    }

    private static final String SUMMARY = """
            select c.reference, c.status, c.outcome, c.flags, c.sender, c.created_at, c.updated_at,
                   (select count(*) from submission s where s.case_reference = c.reference),
                   (select count(*) from submission_file f join submission s on f.submission_id = s.id where s.case_reference = c.reference)
            from intake_case c""";

    public boolean exists(Connection c, String reference) throws SQLException {
        return senderOf(c, reference).isPresent();
    }

    public Optional<String> senderOf(Connection c, String reference) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select sender from intake_case where reference = ?")) {
            select.setString(1, reference);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(sealer.open(rs.getString(1), senderPlace(reference))) : Optional.empty();
            }
        }
    }

    /** Where a case's sender address is sealed (row and column), for everything that reads it. */
    static String senderPlace(String reference) {
        return "case:" + reference + ":sender";
    }

    public void open(Connection c, String reference, String sender, CaseStatus status, Outcome outcome, List<String> flags,
                     Instant now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "insert into intake_case (reference, sender, status, outcome, flags, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, reference);
            insert.setString(2, sealer.seal(sender, senderPlace(reference)));
            insert.setString(3, status.name());
            insert.setString(4, outcome.name());
            insert.setString(5, String.join(",", flags));
            insert.setObject(6, Database.utc(now));
            insert.setObject(7, Database.utc(now));
            insert.executeUpdate();
        }
    }

    public void setState(Connection c, String reference, CaseStatus status, Outcome outcome, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "update intake_case set status = ?, outcome = ?, updated_at = ? where reference = ?")) {
            update.setString(1, status.name());
            update.setString(2, outcome.name());
            update.setObject(3, Database.utc(now));
            update.setString(4, reference);
            update.executeUpdate();
        }
    }

    /** Adds the next version to a case with its files; returns the new submission's id and version. */
    public SubmissionRecord addSubmission(Connection c, String reference, String messageSha256, long messageSize,
                                          String manifestSha256, Instant receivedAt, List<ReceivedFile> files,
                                          List<Defect> findings) throws SQLException {
        int version = nextVersion(c, reference);
        long id;
        try (PreparedStatement insert = c.prepareStatement(
                "insert into submission (case_reference, version, message_sha256, message_size, manifest_sha256, received_at) values (?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, reference);
            insert.setInt(2, version);
            insert.setString(3, messageSha256);
            insert.setLong(4, messageSize);
            insert.setString(5, manifestSha256);
            insert.setObject(6, Database.utc(receivedAt));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        rows.insertFiles(c, id, files);
        rows.insertFindings(c, id, findings);
        return new SubmissionRecord(id, reference, version, messageSha256, messageSize, manifestSha256, receivedAt, files);
    }

    private int nextVersion(Connection c, String reference) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select coalesce(max(version), 0) + 1 from submission where case_reference = ?")) {
            select.setString(1, reference);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    public Optional<CaseSummary> find(Connection c, String reference) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(SUMMARY + " where c.reference = ?")) {
            select.setString(1, reference);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(summary(rs)) : Optional.empty();
            }
        }
    }

    /** Newest first, at most {@code limit}. */
    public List<CaseSummary> list(Connection c, int limit) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(SUMMARY + " order by c.created_at desc, c.reference fetch first ? rows only")) {
            select.setInt(1, limit);
            List<CaseSummary> cases = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    cases.add(summary(rs));
                }
            }
            return cases;
        }
    }

    private static final String SUBMISSION =
            "select id, case_reference, version, message_sha256, message_size, manifest_sha256, received_at from submission";

    public List<SubmissionRecord> submissions(Connection c, String reference) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(SUBMISSION + " where case_reference = ? order by version")) {
            select.setString(1, reference);
            List<SubmissionRecord> result = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    result.add(submission(c, rs));
                }
            }
            return result;
        }
    }

    public Optional<SubmissionRecord> submission(Connection c, long id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(SUBMISSION + " where id = ?")) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(submission(c, rs)) : Optional.empty();
            }
        }
    }

    private SubmissionRecord submission(Connection c, ResultSet rs) throws SQLException {
        long id = rs.getLong(1);
        return new SubmissionRecord(id, rs.getString(2), rs.getInt(3), rs.getString(4), rs.getLong(5), rs.getString(6),
                Database.instant(rs.getObject(7, OffsetDateTime.class)), files(c, id));
    }

    /**
     * A finding as the case index keeps it, with its wording (the gateway's own, with schema labels, sheet and
     * cell; never an applicant's answer). Rows from before V4 have none and are rebuilt from their code.
     */
    public record StoredFinding(String code, String severity, String document, String location, String found, String message, String fix) {
    }

    public List<StoredFinding> findings(Connection c, long submissionId) throws SQLException {
        return rows.findings(c, submissionId);
    }

    private List<ReceivedFile> files(Connection c, long submissionId) throws SQLException {
        return rows.files(c, submissionId);
    }

    private CaseSummary summary(ResultSet rs) throws SQLException {
        String flags = rs.getString(4);
        return new CaseSummary(rs.getString(1), CaseStatus.valueOf(rs.getString(2)), Outcome.valueOf(rs.getString(3)),
                flags == null || flags.isEmpty() ? List.of() : Arrays.asList(flags.split(",")), sealer.open(rs.getString(5),
                        senderPlace(rs.getString(1))),
                Database.instant(rs.getObject(6, OffsetDateTime.class)), Database.instant(rs.getObject(7, OffsetDateTime.class)),
                rs.getInt(8), rs.getInt(9));
    }
}
