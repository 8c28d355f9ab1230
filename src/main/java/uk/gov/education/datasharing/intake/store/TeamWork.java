package uk.gov.education.datasharing.intake.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import uk.gov.education.datasharing.intake.model.ReviewStatus;

/**
 * What the data sharing team records on a case in the workspace: who handles it, where it stands in their review
 * (with the panel's date), and their internal notes. Each change is also a case event, so the case page's timeline
 * shows who did what and when. Notes are sealed under the state key, like everything else people wrote.
 */
public final class TeamWork {

    public static final String ASSIGNED = "ASSIGNED";
    public static final String REVIEW = "REVIEW";
    public static final String NOTE = "NOTE";
    public static final String ASKED = "ASKED";
    public static final String REOPENED = "REOPENED";
    public static final String CONFIRMED = "QUARANTINE_CONFIRMED";
    public static final String REPROCESSED = "REPROCESSED";
    public static final int NOTE_MAX = 2000;

    /** The team's view of a case. */
    public record Review(ReviewStatus status, String assignedTo, LocalDate panelDate) {
    }

    private final Sealer sealer;

    public TeamWork(Sealer sealer) {
        this.sealer = sealer;
    }

    public Optional<Review> review(Connection c, String reference) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select review_status, assigned_to, panel_date from intake_case where reference = ?")) {
            select.setString(1, reference);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Date panel = rs.getDate(3);
                return Optional.of(new Review(ReviewStatus.valueOf(rs.getString(1)), rs.getString(2), panel == null ? null : panel.toLocalDate()));
            }
        }
    }

    /** Assigns the case to {@code assignee} (null: nobody). Returns false when there is no such case. */
    public boolean assign(Connection c, String reference, String assignee, String actor, Instant now) throws SQLException {
        String to = assignee == null || assignee.isBlank() ? null : cut(assignee.strip(), 200);
        try (PreparedStatement update = c.prepareStatement("update intake_case set assigned_to = ?, updated_at = ? where reference = ?")) {
            update.setString(1, to);
            update.setObject(2, Database.utc(now));
            update.setString(3, reference);
            if (update.executeUpdate() == 0) {
                return false;
            }
        }
        CaseActions.record(c, reference, ASSIGNED, actor, to == null ? "nobody" : to, now);
        return true;
    }

    /** Sets where the case stands in the review; {@code panelDate} only for AT_PANEL. Returns false when there is no such case. */
    public boolean setStatus(Connection c, String reference, ReviewStatus status, LocalDate panelDate, String actor, Instant now)
            throws SQLException {
        LocalDate date = status == ReviewStatus.AT_PANEL ? panelDate : null;
        try (PreparedStatement update = c.prepareStatement(
                "update intake_case set review_status = ?, panel_date = coalesce(?, panel_date), updated_at = ? where reference = ?")) {
            update.setString(1, status.name());
            update.setDate(2, date == null ? null : Date.valueOf(date));
            update.setObject(3, Database.utc(now));
            update.setString(4, reference);
            if (update.executeUpdate() == 0) {
                return false;
            }
        }
        CaseActions.record(c, reference, REVIEW, actor, status.name() + (date == null ? "" : " " + date), now);
        return true;
    }

    /**
     * A new email joined a case the team had finished with (approved, rejected, withdrawn, closed): it goes back to
     * "not reviewed" so it is in the team's queues again, and the timeline says why. Returns whether it was reopened.
     */
    public boolean reopenIfFinished(Connection c, String reference, Instant now) throws SQLException {
        Optional<Review> review = review(c, reference);
        if (review.isEmpty() || !review.get().status().finished()) {
            return false;
        }
        try (PreparedStatement update = c.prepareStatement("update intake_case set review_status = ? where reference = ?")) {
            update.setString(1, ReviewStatus.NEW.name());
            update.setString(2, reference);
            update.executeUpdate();
        }
        CaseActions.record(c, reference, REOPENED, "gateway", "a new email arrived after it was " + review.get().status().label().toLowerCase(), now);
        return true;
    }

    /**
     * The team confirms a quarantine: what was refused is unsafe. The case stays quarantined in the gateway's own status
     * and is closed in the team's review, with what they found. Returns false when the case is not quarantined.
     */
    public boolean confirmQuarantine(Connection c, String reference, String finding, String actor, Instant now) throws SQLException {
        if (new CaseActions().statusOf(c, reference).filter(s -> s == uk.gov.education.datasharing.intake.model.CaseStatus.QUARANTINED).isEmpty()) {
            return false;
        }
        try (PreparedStatement update = c.prepareStatement("update intake_case set review_status = ?, updated_at = ? where reference = ?")) {
            update.setString(1, ReviewStatus.CLOSED.name());
            update.setObject(2, Database.utc(now));
            update.setString(3, reference);
            update.executeUpdate();
        }
        CaseActions.record(c, reference, CONFIRMED, actor, sealer.seal(cut(finding, NOTE_MAX), notePlace(reference)), now);
        return true;
    }

    /** Records that the team sent the case's quarantined messages to be processed again. */
    public void recordReprocessed(Connection c, String reference, int messages, String actor, Instant now) throws SQLException {
        CaseActions.record(c, reference, REPROCESSED, actor, messages + (messages == 1 ? " message" : " messages"), now);
    }

    /** Adds an internal note (at most {@link #NOTE_MAX} characters), sealed. */
    public void addNote(Connection c, String reference, String text, String actor, Instant now) throws SQLException {
        CaseActions.record(c, reference, NOTE, actor, sealer.seal(cut(text, NOTE_MAX), notePlace(reference)), now);
    }

    /** Records that the applicant was asked for more, with the sealed text they were sent. */
    public void recordAsked(Connection c, String reference, String text, String actor, Instant now) throws SQLException {
        CaseActions.record(c, reference, ASKED, actor, sealer.seal(cut(text, 4000), notePlace(reference)), now);
    }

    /** The case's events in order, notes opened. */
    public List<CaseActions.Event> timeline(Connection c, String reference) throws SQLException {
        return new CaseActions().events(c, reference).stream()
                .map(e -> new CaseActions.Event(e.kind(), e.actor(), sealer.open(e.reason(), notePlace(reference)), e.at()))
                .toList();
    }

    private static String notePlace(String reference) {
        return "case:" + reference + ":event";
    }

    private static String cut(String value, int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }
}
