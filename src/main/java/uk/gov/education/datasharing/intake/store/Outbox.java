package uk.gov.education.datasharing.intake.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replies waiting to be sent, queued in the same transaction as their case. A row names what to send
 * (kind, case, submission, recipient, Message-ID); the text is rendered when it is sent. The recipient is
 * sealed, bound to the row's Message-ID; it and its domain are counted by keyed hashes.
 */
public final class Outbox {

    private final Sealer sealer;

    public Outbox(Sealer sealer) {
        this.sealer = sealer;
    }

    private static String place(String messageId) {
        return "reply:" + messageId + ":recipient";
    }

    private static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }

    /** REFUSED: a reply that was never to be sent (a cap was reached, or the sender is not authenticated); kept as the record. */
    public enum State { PENDING, SENT, FAILED, REFUSED }

    /** {@code body}: what the team wrote, for a team's request; null for replies rendered from the case index. */
    public record PendingReply(long id, String caseReference, long submissionId, String kind, String recipient,
                               String messageId, int attempts, String body) {
        @Override
        public String toString() {
            return "PendingReply[" + id + ", " + caseReference + ", " + kind + "]";
        }
    }

    public void enqueue(Connection c, String caseReference, long submissionId, String kind, String recipient, String messageId,
                        Instant now) throws SQLException {
        insert(c, caseReference, submissionId, kind, recipient, messageId, null, now);
    }

    private void insert(Connection c, String caseReference, long submissionId, String kind, String recipient, String messageId, String body,
                        Instant now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                insert into outbox (case_reference, submission_id, kind, recipient, message_id, state, attempts, next_attempt_at, created_at,
                                    recipient_hash, recipient_domain_hash, body)
                values (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, caseReference);
            insert.setLong(2, submissionId);
            insert.setString(3, kind);
            insert.setString(4, sealer.seal(recipient, place(messageId)));
            insert.setString(5, messageId);
            insert.setString(6, State.PENDING.name());
            insert.setObject(7, Database.utc(now));
            insert.setObject(8, Database.utc(now));
            insert.setString(9, sealer.lookup(recipient));
            insert.setString(10, sealer.lookup(domainOf(recipient)));
            insert.setString(11, body == null ? null : sealer.seal(body, bodyPlace(messageId)));
            insert.executeUpdate();
        }
    }

    private static String bodyPlace(String messageId) {
        return "reply:" + messageId + ":body";
    }

    /** Queues what a member of the team wrote to the applicant; its text is sealed and rendered into the email when sent. */
    public void enqueueWritten(Connection c, String caseReference, long submissionId, String kind, String recipient, String messageId,
                               String body, Instant now) throws SQLException {
        insert(c, caseReference, submissionId, kind, recipient, messageId, body, now);
    }

    /** Records a reply that will not be sent, and why (a code). */
    public void refuse(Connection c, String caseReference, long submissionId, String kind, String recipient, String messageId,
                       String code, Instant now) throws SQLException {
        enqueue(c, caseReference, submissionId, kind, recipient, messageId, now);
        try (PreparedStatement update = c.prepareStatement("update outbox set state = ?, last_error = ? where message_id = ?")) {
            update.setString(1, State.REFUSED.name());
            update.setString(2, code);
            update.setString(3, messageId);
            update.executeUpdate();
        }
    }

    /** Replies queued or sent (not refused) since a time: in all, or to one recipient domain. */
    public int repliesSince(Connection c, Instant since, String domain) throws SQLException {
        String sql = "select count(*) from outbox where state <> ? and created_at >= ?" + (domain == null ? "" : " and recipient_domain_hash = ?");
        try (PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, State.REFUSED.name());
            select.setObject(2, Database.utc(since));
            if (domain != null) {
                select.setString(3, sealer.lookup(domain));
            }
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static final String REPLY = "select id, case_reference, submission_id, kind, recipient, message_id, attempts, body from outbox";

    public List<PendingReply> due(Connection c, Instant now, int limit) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(REPLY + " where state = ? and next_attempt_at <= ? order by next_attempt_at, id"
                + " fetch first ? rows only")) {
            select.setString(1, State.PENDING.name());
            select.setObject(2, Database.utc(now));
            select.setInt(3, limit);
            return replies(select);
        }
    }

    /** One reply of a case, whatever its state (to show the team what the applicant was sent). */
    public Optional<PendingReply> find(Connection c, String caseReference, long id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(REPLY + " where id = ? and case_reference = ?")) {
            select.setLong(1, id);
            select.setString(2, caseReference);
            return replies(select).stream().findFirst();
        }
    }

    private List<PendingReply> replies(PreparedStatement select) throws SQLException {
        List<PendingReply> found = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                found.add(new PendingReply(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        sealer.open(rs.getString(5), place(rs.getString(6))),
                        rs.getString(6), rs.getInt(7), sealer.open(rs.getString(8), bodyPlace(rs.getString(6)))));
            }
        }
        return found;
    }

    public void markSent(Connection c, long id, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "update outbox set state = ?, sent_at = ?, attempts = attempts + 1, last_error = null where id = ? and state = ?")) {
            update.setString(1, State.SENT.name());
            update.setObject(2, Database.utc(now));
            update.setLong(3, id);
            update.setString(4, State.PENDING.name());
            update.executeUpdate();
        }
    }

    /** Records a failed try: {@code next} is when to try again, or null to give up (permanent failure). */
    public void markFailedAttempt(Connection c, long id, Instant next, String errorCode) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "update outbox set attempts = attempts + 1, next_attempt_at = coalesce(?, next_attempt_at), state = ?, last_error = ? where id = ?")) {
            update.setObject(1, Database.utc(next));
            update.setString(2, next == null ? State.FAILED.name() : State.PENDING.name());
            update.setString(3, errorCode.length() > 200 ? errorCode.substring(0, 200) : errorCode);
            update.setLong(4, id);
            update.executeUpdate();
        }
    }

    /** Replies queued to this recipient since {@code since}: the per-sender daily limit counts these. */
    public int queuedTo(Connection c, String recipient, Instant since) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "select count(*) from outbox where recipient_hash = ? and created_at >= ? and state <> 'REFUSED'")) {
            select.setString(1, sealer.lookup(recipient));
            select.setObject(2, Database.utc(since));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The case one of our replies belonged to, by its Message-ID. */
    public Optional<String> caseOfMessageId(Connection c, String messageId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select case_reference from outbox where message_id = ?")) {
            select.setString(1, messageId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** One reply of a case as the team's timeline shows it: what kind, where it stands, when. */
    public record CaseReply(long id, String kind, State state, Instant createdAt, Instant sentAt, String lastError) {
    }

    public List<CaseReply> forCase(Connection c, String caseReference) throws SQLException {
        List<CaseReply> replies = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "select id, kind, state, created_at, sent_at, last_error from outbox where case_reference = ? order by created_at, id")) {
            select.setString(1, caseReference);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    replies.add(new CaseReply(rs.getLong(1), rs.getString(2), State.valueOf(rs.getString(3)),
                            Database.instant(rs.getObject(4, java.time.OffsetDateTime.class)),
                            Database.instant(rs.getObject(5, java.time.OffsetDateTime.class)), rs.getString(6)));
                }
            }
        }
        return replies;
    }

    public int count(Connection c, State state) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select count(*) from outbox where state = ?")) {
            select.setString(1, state.name());
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
