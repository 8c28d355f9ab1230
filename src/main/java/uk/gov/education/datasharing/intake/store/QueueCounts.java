package uk.gov.education.datasharing.intake.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the intake queues hold, for operations: messages by state, replies by state and the oldest waiting,
 * quarantined cases and the oldest, cases by outcome, findings by code. Counts and times only: never a
 * reference, an address or anything a sender wrote.
 */
public final class QueueCounts {

    /** A count and the oldest timestamp among what was counted (null when none). */
    public record CountAndOldest(long count, Instant oldest) {
    }

    /** inbound_message rows by state (IN_PROGRESS, PROCESSED, IGNORED, QUARANTINED). */
    public Map<String, Long> messagesByState(Connection c) throws SQLException {
        return grouped(c, "select state, count(*) from inbound_message group by state");
    }

    /** outbox rows by state (PENDING, SENT, FAILED, REFUSED). */
    public Map<String, Long> repliesByState(Connection c) throws SQLException {
        return grouped(c, "select state, count(*) from outbox group by state");
    }

    /** Replies never to be sent, by the code that says why (a reply cap, an unauthenticated sender). */
    public Map<String, Long> refusedReplies(Connection c) throws SQLException {
        return grouped(c, "select last_error, count(*) from outbox where state = 'REFUSED' group by last_error");
    }

    /** Replies waiting to be sent, and since when the oldest has waited. */
    public CountAndOldest pendingReplies(Connection c) throws SQLException {
        return countAndOldest(c, "select count(*), min(created_at) from outbox where state = 'PENDING'");
    }

    /** Replies waiting that have already failed to send at least once (the SMTP server is down or refusing us). */
    public long retryingReplies(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select count(*) from outbox where state = 'PENDING' and attempts > 0");
             ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Cases in quarantine (waiting for the team), and since when the oldest has waited. */
    public CountAndOldest quarantinedCases(Connection c) throws SQLException {
        return countAndOldest(c, "select count(*), min(updated_at) from intake_case where status = 'QUARANTINED'");
    }

    public Map<String, Long> casesByOutcome(Connection c) throws SQLException {
        return grouped(c, "select outcome, count(*) from intake_case group by outcome");
    }

    public Map<String, Long> findingsByCode(Connection c) throws SQLException {
        return grouped(c, "select code, count(*) from submission_finding group by code");
    }

    private static Map<String, Long> grouped(Connection c, String sql) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (PreparedStatement select = c.prepareStatement(sql); ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    private static CountAndOldest countAndOldest(Connection c, String sql) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql); ResultSet rs = select.executeQuery()) {
            rs.next();
            OffsetDateTime oldest = rs.getObject(2, OffsetDateTime.class);
            return new CountAndOldest(rs.getLong(1), oldest == null ? null : oldest.toInstant());
        }
    }
}
