package uk.gov.education.datasharing.intake.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import uk.gov.education.datasharing.intake.model.Sha256;

/**
 * The workspace's audit trail: every case page view, file download and action, in an append-only table where each
 * row carries the SHA-256 of its own fields and of the row before it (docs/adr/0017). Writers take the row lock on
 * {@code audit_head}, so rows from every instance form one chain; {@link #verify} walks it and names the first
 * link that does not hold. Nothing here updates or deletes a row.
 */
public final class AuditLog {

    /** The hash before the first row. */
    public static final String GENESIS = "0".repeat(64);

    /** One audit row. {@code caseReference} is null for actions on no case (sign-in). */
    public record Entry(long id, Instant at, String actor, String action, String caseReference, String detail, String remote,
                        String prevHash, String hash) {
    }

    /** What {@link #verify} found: how many rows held, and the first that did not (empty when all did). */
    public record Verdict(long checked, Optional<Long> firstBroken, String problem) {
        public boolean intact() {
            return firstBroken.isEmpty() && problem.isEmpty();
        }
    }

    /** Appends one row after the newest; the caller's transaction commits it. */
    public Entry append(Connection c, Instant now, String actor, String action, String caseReference, String detail, String remote)
            throws SQLException {
        long lastId;
        String lastHash;
        try (PreparedStatement head = c.prepareStatement("select last_id, last_hash from audit_head where id = 1 for update");
             ResultSet rs = head.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("audit_head is missing its row");
            }
            lastId = rs.getLong(1);
            lastHash = rs.getString(2);
        }
        Entry entry = link(lastId + 1, now.truncatedTo(ChronoUnit.MILLIS), cut(actor, 200), cut(action, 40), caseReference,
                cut(detail, 1000), cut(remote, 64), lastHash);
        try (PreparedStatement insert = c.prepareStatement("""
                insert into audit_event (id, at, actor, action, case_reference, detail, remote, prev_hash, hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setLong(1, entry.id());
            insert.setObject(2, Database.utc(entry.at()));
            insert.setString(3, entry.actor());
            insert.setString(4, entry.action());
            insert.setString(5, entry.caseReference());
            insert.setString(6, entry.detail());
            insert.setString(7, entry.remote());
            insert.setString(8, entry.prevHash());
            insert.setString(9, entry.hash());
            insert.executeUpdate();
        }
        try (PreparedStatement update = c.prepareStatement("update audit_head set last_id = ?, last_hash = ? where id = 1")) {
            update.setLong(1, entry.id());
            update.setString(2, entry.hash());
            update.executeUpdate();
        }
        return entry;
    }

    /** A case's rows, newest first, at most {@code limit}. */
    public List<Entry> forCase(Connection c, String caseReference, int limit) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(SELECT + " where case_reference = ? order by id desc fetch first ? rows only")) {
            select.setString(1, caseReference);
            select.setInt(2, limit);
            return read(select);
        }
    }

    /**
     * Walks the whole chain in order, a page at a time: each row's hash must be that of its fields and the row before
     * it, ids must follow on with no gap, and the head must name the last row.
     */
    public Verdict verify(Connection c) throws SQLException {
        long checked = 0;
        long expectedId = 1;
        String previous = GENESIS;
        while (true) {
            List<Entry> page;
            try (PreparedStatement select = c.prepareStatement(SELECT + " where id >= ? order by id fetch first 1000 rows only")) {
                select.setLong(1, expectedId);
                page = read(select);
            }
            for (Entry e : page) {
                if (e.id() != expectedId) {
                    return new Verdict(checked, Optional.of(expectedId), "row " + expectedId + " is missing");
                }
                if (!e.prevHash().equals(previous)) {
                    return new Verdict(checked, Optional.of(e.id()), "row " + e.id() + " does not follow the row before it");
                }
                if (!hash(e).equals(e.hash())) {
                    return new Verdict(checked, Optional.of(e.id()), "row " + e.id() + " was changed after it was written");
                }
                previous = e.hash();
                expectedId++;
                checked++;
            }
            if (page.size() < 1000) {
                break;
            }
        }
        try (PreparedStatement head = c.prepareStatement("select last_id, last_hash from audit_head where id = 1");
             ResultSet rs = head.executeQuery()) {
            long last = expectedId - 1;
            if (!rs.next()) {
                return new Verdict(checked, Optional.of(expectedId), "audit_head has lost its row");
            }
            if (rs.getLong(1) > last) {
                return new Verdict(checked, Optional.of(expectedId), "row " + expectedId + " is missing: rows were removed from the end");
            }
            if (rs.getLong(1) != last || !rs.getString(2).equals(previous)) {
                return new Verdict(checked, Optional.of(last), "row " + last + " is not the newest row the chain's head names");
            }
        }
        return new Verdict(checked, Optional.empty(), "");
    }

    private static final String SELECT = "select id, at, actor, action, case_reference, detail, remote, prev_hash, hash from audit_event";

    private static List<Entry> read(PreparedStatement select) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                entries.add(new Entry(rs.getLong(1), Database.instant(rs.getObject(2, OffsetDateTime.class)), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
            }
        }
        return entries;
    }

    private static Entry link(long id, Instant at, String actor, String action, String caseReference, String detail, String remote,
                              String prevHash) {
        Entry unsigned = new Entry(id, at, actor, action, caseReference, detail, remote, prevHash, "");
        return new Entry(id, at, actor, action, caseReference, detail, remote, prevHash, hash(unsigned));
    }

    /** SHA-256 over the row before's hash and each field, each field prefixed by its length so none can run into the next. */
    static String hash(Entry e) {
        MessageDigest digest = Sha256.newDigest();
        for (String field : new String[] {e.prevHash(), Long.toString(e.id()), e.at().toString(), e.actor(), e.action(),
                e.caseReference() == null ? "" : e.caseReference(), e.detail(), e.remote()}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            digest.update(bytes);
        }
        return Sha256.hex(digest);
    }

    private static String cut(String value, int max) {
        String v = value == null ? "" : value;
        return v.length() > max ? v.substring(0, max) : v;
    }
}
