package uk.gov.education.datasharing.intake.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import uk.gov.education.datasharing.intake.model.CaseStatus;
import uk.gov.education.datasharing.intake.model.Outcome;

/**
 * What changes a case beyond a new version: its flags, the case a flagged one points to, the outcome of
 * each version, and what the team did to it (releasing a quarantine), recorded with who, why and when.
 */
public final class CaseActions {

    /** One recorded action of the team. */
    public record Event(String kind, String actor, String reason, Instant at) {
    }

    public static final String RELEASED = "RELEASED";

    public Optional<CaseStatus> statusOf(Connection c, String reference) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select status from intake_case where reference = ?")) {
            select.setString(1, reference);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(CaseStatus.valueOf(rs.getString(1))) : Optional.empty();
            }
        }
    }

    public void addFlag(Connection c, String reference, String flag) throws SQLException {
        List<String> flags = new ArrayList<>(flagsOf(c, reference));
        if (!flags.contains(flag)) {
            flags.add(flag);
            setFlags(c, reference, flags);
        }
    }

    public void relate(Connection c, String reference, String related) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update intake_case set related_reference = ? where reference = ?")) {
            update.setString(1, related);
            update.setString(2, reference);
            update.executeUpdate();
        }
    }

    public Optional<String> relatedOf(Connection c, String reference) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select related_reference from intake_case where reference = ?")) {
            select.setString(1, reference);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public void setSubmissionOutcome(Connection c, long submissionId, Outcome outcome) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update submission set outcome = ? where id = ?")) {
            update.setString(1, outcome.name());
            update.setLong(2, submissionId);
            update.executeUpdate();
        }
    }

    /**
     * Releases a quarantined case: it is open again with its newest version's outcome (RECEIVED when that
     * version was the unsafe one, since it was never validated), its unsafe flag is removed, and the release is
     * recorded. Returns false when the case is not quarantined.
     */
    public boolean release(Connection c, String reference, String actor, String reason, Instant now) throws SQLException {
        if (statusOf(c, reference).filter(s -> s == CaseStatus.QUARANTINED).isEmpty()) {
            return false;
        }
        Outcome newest = newestOutcome(c, reference).filter(o -> o != Outcome.QUARANTINED).orElse(Outcome.RECEIVED);
        try (PreparedStatement update = c.prepareStatement("update intake_case set status = ?, outcome = ?, updated_at = ? where reference = ?")) {
            update.setString(1, CaseStatus.OPEN.name());
            update.setString(2, newest.name());
            update.setObject(3, Database.utc(now));
            update.setString(4, reference);
            update.executeUpdate();
        }
        List<String> flags = new ArrayList<>(flagsOf(c, reference));
        flags.remove("UNSAFE_FILE");
        setFlags(c, reference, flags);
        record(c, reference, RELEASED, actor, reason.length() > 2000 ? reason.substring(0, 2000) : reason, now);
        return true;
    }

    /** Records one thing the team did to a case; {@code reason} is stored as given (seal it first if people wrote it). */
    static void record(Connection c, String reference, String kind, String actor, String reason, Instant now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "insert into case_event (case_reference, kind, actor, reason, at) values (?, ?, ?, ?, ?)")) {
            insert.setString(1, reference);
            insert.setString(2, kind);
            insert.setString(3, actor.length() > 200 ? actor.substring(0, 200) : actor);
            insert.setString(4, reason);
            insert.setObject(5, Database.utc(now));
            insert.executeUpdate();
        }
    }

    public List<Event> events(Connection c, String reference) throws SQLException {
        List<Event> events = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("select kind, actor, reason, at from case_event where case_reference = ? order by at, id")) {
            select.setString(1, reference);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    events.add(new Event(rs.getString(1), rs.getString(2), rs.getString(3), Database.instant(rs.getObject(4, OffsetDateTime.class))));
                }
            }
        }
        return events;
    }

    private Optional<Outcome> newestOutcome(Connection c, String reference) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "select outcome from submission where case_reference = ? and outcome is not null order by version desc fetch first 1 rows only")) {
            select.setString(1, reference);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(Outcome.valueOf(rs.getString(1))) : Optional.empty();
            }
        }
    }

    private List<String> flagsOf(Connection c, String reference) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select flags from intake_case where reference = ?")) {
            select.setString(1, reference);
            try (ResultSet rs = select.executeQuery()) {
                String flags = rs.next() ? rs.getString(1) : "";
                return flags == null || flags.isEmpty() ? List.of() : Arrays.asList(flags.split(","));
            }
        }
    }

    private void setFlags(Connection c, String reference, List<String> flags) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update intake_case set flags = ? where reference = ?")) {
            update.setString(1, String.join(",", flags));
            update.setString(2, reference);
            update.executeUpdate();
        }
    }
}
