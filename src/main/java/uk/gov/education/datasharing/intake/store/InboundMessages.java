package uk.gov.education.datasharing.intake.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every raw message ever polled, by SHA-256: how often processing was attempted and how it ended.
 * This is what makes intake idempotent and what turns a poison message into a quarantined one.
 */
public final class InboundMessages {

    public enum State { IN_PROGRESS, PROCESSED, IGNORED, QUARANTINED }

    /** The message's record after counting the current attempt. */
    public record Attempt(String sha256, State state, int attempts, String folder, String caseReference) {
        public boolean finished() {
            return state != State.IN_PROGRESS;
        }
    }

    /** Counts one more attempt (inserting on first sight) and returns the record; the caller commits. */
    /**
     * Counts an attempt at the message with this identity ({@code sha256}); {@code rawSha256} is the hash of the delivery
     * in hand, kept with the attempt that finishes it (its submission is stored under that hash).
     */
    public Attempt beginAttempt(Connection c, String sha256, String rawSha256, long size, Instant now) throws SQLException {
        Optional<Attempt> existing = find(c, sha256, true);
        if (existing.isEmpty()) {
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into inbound_message (sha256, state, attempts, message_size, first_seen_at, last_attempt_at, message_sha256)"
                        + " values (?, ?, 1, ?, ?, ?, ?)")) {
                insert.setString(1, sha256);
                insert.setString(2, State.IN_PROGRESS.name());
                insert.setLong(3, size);
                insert.setObject(4, Database.utc(now));
                insert.setObject(5, Database.utc(now));
                insert.setString(6, rawSha256);
                insert.executeUpdate();
            }
            return new Attempt(sha256, State.IN_PROGRESS, 1, null, null);
        }
        Attempt attempt = existing.get();
        if (attempt.finished()) {
            return attempt;
        }
        try (PreparedStatement update = c.prepareStatement(
                "update inbound_message set attempts = attempts + 1, last_attempt_at = ?, message_sha256 = coalesce(?, message_sha256)"
                        + " where sha256 = ?")) {
            update.setObject(1, Database.utc(now));
            update.setString(2, rawSha256);
            update.setString(3, sha256);
            update.executeUpdate();
        }
        return new Attempt(sha256, attempt.state(), attempt.attempts() + 1, null, attempt.caseReference());
    }

    /** A message as recorded, for reconciliation: its state, the folder it was moved to, and a processed one's outcome. */
    public record Recorded(String sha256, String state, String folder, String outcome) {
    }

    /** Every message first seen from {@code since} to {@code until} (null: no bound), with the outcome of the submission it made. */
    public List<Recorded> recorded(Connection c, Instant since, Instant until) throws SQLException {
        List<Recorded> recorded = new java.util.ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("select m.sha256, m.state, m.folder, s.outcome from inbound_message m"
                + " left join submission s on s.message_sha256 = coalesce(m.message_sha256, m.sha256) where m.first_seen_at >= ? and m.first_seen_at <= ?")) {
            select.setObject(1, Database.utc(since == null ? Instant.EPOCH : since));
            select.setObject(2, Database.utc(until == null ? Instant.parse("9999-12-31T00:00:00Z") : until));
            try (java.sql.ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    recorded.add(new Recorded(rs.getString(1).trim(), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return recorded;
    }

    /** Takes back one attempt that ended for a reason outside the message (the scanner did not answer). */
    public void releaseAttempt(Connection c, String sha256) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "update inbound_message set attempts = attempts - 1 where sha256 = ? and attempts > 0 and state = ?")) {
            update.setString(1, sha256);
            update.setString(2, State.IN_PROGRESS.name());
            update.executeUpdate();
        }
    }

    public Optional<Attempt> find(Connection c, String sha256, boolean forUpdate) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "select state, attempts, folder, case_reference from inbound_message where sha256 = ?" + (forUpdate ? " for update" : ""))) {
            select.setString(1, sha256);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Attempt(sha256, State.valueOf(rs.getString(1)), rs.getInt(2), rs.getString(3), rs.getString(4)));
            }
        }
    }

    /**
     * A finished message with a case whose content key is this one, other than the message itself: the same message
     * delivered again in another MIME rendering (docs/adr/0025). The first recorded, if several.
     */
    public Optional<Attempt> sameContent(Connection c, String contentKey, String sha256) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select sha256, state, attempts, folder, case_reference from inbound_message"
                + " where content_key = ? and sha256 <> ? and state in (?, ?) and case_reference is not null order by finished_at, sha256")) {
            select.setString(1, contentKey);
            select.setString(2, sha256);
            select.setString(3, State.PROCESSED.name());
            select.setString(4, State.QUARANTINED.name());
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Attempt(rs.getString(1), State.valueOf(rs.getString(2)), rs.getInt(3), rs.getString(4), rs.getString(5)));
            }
        }
    }

    /** Keeps the message's content key, for later deliveries to be compared with. */
    public void keepContentKey(Connection c, String sha256, String contentKey) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update inbound_message set content_key = ? where sha256 = ?")) {
            update.setString(1, contentKey);
            update.setString(2, sha256);
            update.executeUpdate();
        }
    }

    /** Records how the message ended: the folder it goes to, its case if any, and a reason code. */
    public void finish(Connection c, String sha256, State state, String folder, String caseReference, String reason, Instant now)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "update inbound_message set state = ?, folder = ?, case_reference = ?, reason = ?, finished_at = ? where sha256 = ?")) {
            update.setString(1, state.name());
            update.setString(2, folder);
            update.setString(3, caseReference);
            update.setString(4, reason);
            update.setObject(5, Database.utc(now));
            update.setString(6, sha256);
            if (update.executeUpdate() != 1) {
                throw new SQLException("no inbound message " + sha256.substring(0, 8));
            }
        }
    }

    /**
     * Lets a case's quarantined messages be processed afresh the next time they are polled; returns the
     * hashes of every message of the case now waiting to be reprocessed (including ones released before).
     */
    public java.util.Set<String> release(Connection c, String caseReference) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "update inbound_message set state = ?, attempts = 0, finished_at = null, folder = null where case_reference = ? and state = ?")) {
            update.setString(1, State.IN_PROGRESS.name());
            update.setString(2, caseReference);
            update.setString(3, State.QUARANTINED.name());
            update.executeUpdate();
        }
        try (PreparedStatement select = c.prepareStatement(
                "select sha256 from inbound_message where case_reference = ? and state = ?")) {
            select.setString(1, caseReference);
            select.setString(2, State.IN_PROGRESS.name());
            java.util.Set<String> waiting = new java.util.HashSet<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    waiting.add(rs.getString(1));
                }
            }
            return waiting;
        }
    }

    /** The raw messages recorded against a case (its submissions, or the quarantined message). */
    public java.util.List<String> messagesOfCase(Connection c, String caseReference) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "select sha256 from inbound_message where case_reference = ? order by first_seen_at")) {
            select.setString(1, caseReference);
            java.util.List<String> found = new java.util.ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found;
        }
    }

    public int count(Connection c, State state) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select count(*) from inbound_message where state = ?")) {
            select.setString(1, state.name());
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
