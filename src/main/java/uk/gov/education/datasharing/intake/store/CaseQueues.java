package uk.gov.education.datasharing.intake.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import uk.gov.education.datasharing.intake.model.CaseQueue;
import uk.gov.education.datasharing.intake.model.DocumentKind;
import uk.gov.education.datasharing.intake.model.Outcome;
import uk.gov.education.datasharing.intake.model.ReviewStatus;

/**
 * The team's queues over the case index: how many cases each holds, and a page of one, oldest first, with filters.
 * Finished cases (approved, rejected, withdrawn, closed) are CLOSED; of the rest, quarantined ones are QUARANTINED,
 * then the team's own status (at panel, in review) decides, then the gateway's outcome for the newest version.
 */
public final class CaseQueues {

    public static final int PAGE_SIZE = 25;

    private static final String FINISHED = "c.review_status in ('APPROVED','REJECTED','WITHDRAWN','CLOSED')";
    private static final String LIVE = "not " + FINISHED + " and c.status <> 'QUARANTINED'";
    private static final String UNREVIEWED = LIVE + " and c.review_status = 'NEW'";

    static String rule(CaseQueue queue) {
        return switch (queue) {
            case CLOSED -> FINISHED;
            case QUARANTINED -> "not " + FINISHED + " and c.status = 'QUARANTINED'";
            case AT_PANEL -> LIVE + " and c.review_status = 'AT_PANEL'";
            case IN_REVIEW -> LIVE + " and c.review_status = 'IN_REVIEW'";
            case DEFECTS -> UNREVIEWED + " and c.outcome = 'DEFECTS'";
            case ENQUIRIES -> UNREVIEWED + " and c.outcome = 'ENQUIRY'";
            case REDIRECTED -> UNREVIEWED + " and c.outcome = 'REDIRECTED'";
            case NEW -> UNREVIEWED + " and c.outcome not in ('DEFECTS','ENQUIRY','REDIRECTED')";
            case FLAGGED -> "not " + FINISHED + " and c.flags <> ''";
        };
    }

    /**
     * Narrowing a queue: each null field does not narrow. {@code dataSource} is a data-table kind (NPD, ILR, HE, SWC): cases
     * with such a workbook in any version.
     */
    public record Filter(Outcome outcome, ReviewStatus status, Integer olderThanDays, String assignedTo, DocumentKind dataSource) {
        public static final Filter NONE = new Filter(null, null, null, null, null);
    }

    /** One line of a queue. */
    public record Row(String reference, String sender, Outcome outcome, ReviewStatus review, List<String> flags, String assignedTo,
                      Instant receivedAt, Instant updatedAt, int versions) {
    }

    /** A page of a queue and how many cases match in all. */
    public record Page(List<Row> rows, int total, int page, int pages) {
    }

    private final Sealer sealer;

    public CaseQueues(Sealer sealer) {
        this.sealer = sealer;
    }

    public Map<CaseQueue, Integer> counts(Connection c) throws SQLException {
        StringBuilder sql = new StringBuilder("select ");
        CaseQueue[] queues = CaseQueue.values();
        for (int i = 0; i < queues.length; i++) {
            sql.append(i == 0 ? "" : ", ").append("coalesce(sum(case when ").append(rule(queues[i])).append(" then 1 else 0 end), 0)");
        }
        sql.append(" from intake_case c");
        Map<CaseQueue, Integer> counts = new EnumMap<>(CaseQueue.class);
        try (PreparedStatement select = c.prepareStatement(sql.toString()); ResultSet rs = select.executeQuery()) {
            rs.next();
            for (int i = 0; i < queues.length; i++) {
                counts.put(queues[i], rs.getInt(i + 1));
            }
        }
        return counts;
    }

    /** Page {@code page} (from 1) of a queue, oldest first; a page past the end gives the last. */
    public Page page(Connection c, CaseQueue queue, Filter filter, int page, Instant now) throws SQLException {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where ").append(rule(queue));
        if (filter.outcome() != null) {
            where.append(" and c.outcome = ?");
            params.add(filter.outcome().name());
        }
        if (filter.status() != null) {
            where.append(" and c.review_status = ?");
            params.add(filter.status().name());
        }
        if (filter.olderThanDays() != null) {
            where.append(" and c.created_at < ?");
            params.add(Database.utc(now.minusSeconds(86_400L * filter.olderThanDays())));
        }
        if (filter.assignedTo() != null) {
            where.append(" and c.assigned_to = ?");
            params.add(filter.assignedTo());
        }
        if (filter.dataSource() != null) {
            where.append(" and exists (select 1 from submission s join submission_file f on f.submission_id = s.id"
                    + " where s.case_reference = c.reference and f.kind = ?)");
            params.add(filter.dataSource().name());
        }
        int total;
        try (PreparedStatement count = c.prepareStatement("select count(*) from intake_case c" + where)) {
            bind(count, params);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                total = rs.getInt(1);
            }
        }
        int pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.min(Math.max(1, page), pages);
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("""
                select c.reference, c.sender, c.outcome, c.review_status, c.flags, c.assigned_to, c.created_at, c.updated_at,
                       (select count(*) from submission s where s.case_reference = c.reference)
                from intake_case c""" + where + " order by c.created_at, c.reference offset ? rows fetch next ? rows only")) {
            bind(select, params);
            select.setInt(params.size() + 1, (current - 1) * PAGE_SIZE);
            select.setInt(params.size() + 2, PAGE_SIZE);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String reference = rs.getString(1);
                    String flags = rs.getString(5);
                    rows.add(new Row(reference, sealer.open(rs.getString(2), Cases.senderPlace(reference)), Outcome.valueOf(rs.getString(3)),
                            ReviewStatus.valueOf(rs.getString(4)), flags == null || flags.isEmpty() ? List.of() : Arrays.asList(flags.split(",")),
                            rs.getString(6), Database.instant(rs.getObject(7, OffsetDateTime.class)),
                            Database.instant(rs.getObject(8, OffsetDateTime.class)), rs.getInt(9)));
                }
            }
        }
        return new Page(rows, total, current, pages);
    }

    private static void bind(PreparedStatement statement, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            statement.setObject(i + 1, params.get(i));
        }
    }
}
