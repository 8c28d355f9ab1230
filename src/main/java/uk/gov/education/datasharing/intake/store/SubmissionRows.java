package uk.gov.education.datasharing.intake.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.DocumentKind;
import uk.gov.education.datasharing.intake.model.FileCheck;
import uk.gov.education.datasharing.intake.model.ReceivedFile;

/**
 * A submission's file and finding rows: what the sender named, declared and where files were found, and
 * every finding's wording (which names files, sheets and items) are sealed, each bound to its submission,
 * row and column. Codes, sizes, hashes and the gateway's own verdicts stay plain, so they can be counted.
 */
final class SubmissionRows {

    private static final int MAX_TEXT = 1_000;
    private final Sealer sealer;

    SubmissionRows(Sealer sealer) {
        this.sealer = sealer;
    }

    private static String place(long submissionId, String table, int ordinal, String column) {
        return "submission:" + submissionId + ":" + table + ":" + ordinal + ":" + column;
    }

    void insertFiles(Connection c, long id, List<ReceivedFile> files) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "insert into submission_file (submission_id, ordinal, name, content_type, size_bytes, sha256, container, detected_type,"
                        + " kind, recognised_by, scan, verdict) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ReceivedFile file : files) {
                FileCheck check = file.check();
                int n = file.ordinal();
                insert.setLong(1, id);
                insert.setInt(2, n);
                insert.setString(3, sealer.seal(truncate(file.safeName(), 255), place(id, "file", n, "name")));
                insert.setString(4, sealer.seal(truncate(file.contentType(), 255), place(id, "file", n, "content_type")));
                insert.setLong(5, file.size());
                insert.setString(6, file.sha256());
                insert.setString(7, sealer.seal(truncate(file.container(), 255), place(id, "file", n, "container")));
                insert.setString(8, truncate(check.detectedType(), 255));
                insert.setString(9, check.kind().name());
                insert.setString(10, truncate(check.recognisedBy(), 64));
                insert.setString(11, check.scan().name());
                insert.setString(12, check.verdict().name());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    void insertFindings(Connection c, long id, List<Defect> findings) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "insert into submission_finding (submission_id, ordinal, code, severity, document, location, found, message, fix)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int ordinal = 0;
            for (Defect finding : findings) {
                int n = ++ordinal;
                insert.setLong(1, id);
                insert.setInt(2, n);
                insert.setString(3, finding.code());
                insert.setString(4, finding.severity().name());
                insert.setString(5, sealer.seal(truncate(finding.document(), 255), place(id, "finding", n, "document")));
                insert.setString(6, sealer.seal(truncate(finding.location(), 400), place(id, "finding", n, "location")));
                insert.setString(7, sealer.seal(truncate(finding.found(), 255), place(id, "finding", n, "found")));
                insert.setString(8, sealer.seal(truncate(finding.message(), MAX_TEXT), place(id, "finding", n, "message")));
                insert.setString(9, sealer.seal(truncate(finding.fix(), MAX_TEXT), place(id, "finding", n, "fix")));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    List<Cases.StoredFinding> findings(Connection c, long id) throws SQLException {
        List<Cases.StoredFinding> findings = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("select ordinal, code, severity, document, location, found, message, fix"
                + " from submission_finding where submission_id = ? order by ordinal")) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    int n = rs.getInt(1);
                    findings.add(new Cases.StoredFinding(rs.getString(2), rs.getString(3),
                            sealer.open(rs.getString(4), place(id, "finding", n, "document")),
                            sealer.open(rs.getString(5), place(id, "finding", n, "location")),
                            sealer.open(rs.getString(6), place(id, "finding", n, "found")),
                            sealer.open(rs.getString(7), place(id, "finding", n, "message")),
                            sealer.open(rs.getString(8), place(id, "finding", n, "fix"))));
                }
            }
        }
        return findings;
    }

    List<ReceivedFile> files(Connection c, long id) throws SQLException {
        List<ReceivedFile> files = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "select ordinal, name, content_type, size_bytes, sha256, container, detected_type, kind, recognised_by, scan, verdict"
                        + " from submission_file where submission_id = ? order by ordinal")) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    int n = rs.getInt(1);
                    FileCheck check = new FileCheck(rs.getString(7), DocumentKind.valueOf(rs.getString(8)), rs.getString(9),
                            FileCheck.Scan.valueOf(rs.getString(10)), FileCheck.Verdict.valueOf(rs.getString(11)));
                    files.add(new ReceivedFile(n, "", null, sealer.open(rs.getString(2), place(id, "file", n, "name")),
                            sealer.open(rs.getString(3), place(id, "file", n, "content_type")), rs.getLong(4), rs.getString(5),
                            sealer.open(rs.getString(6), place(id, "file", n, "container")), check));
                }
            }
        }
        return files;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
