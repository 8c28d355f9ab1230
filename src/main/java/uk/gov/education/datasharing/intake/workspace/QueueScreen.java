package uk.gov.education.datasharing.intake.workspace;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import uk.gov.education.datasharing.intake.model.CaseQueue;
import uk.gov.education.datasharing.intake.model.DocumentKind;
import uk.gov.education.datasharing.intake.model.Outcome;
import uk.gov.education.datasharing.intake.model.ReviewStatus;
import uk.gov.education.datasharing.intake.store.CaseQueues;
import uk.gov.education.datasharing.intake.store.Database;

/** The team's queues: one queue's cases, oldest first, filtered and paginated, beside every queue's count. */
final class QueueScreen {

    /** The data sources a queue can be narrowed to: the kinds of data-table workbook the gateway recognises. */
    static final List<DocumentKind> DATA_SOURCES = List.of(DocumentKind.DATA_TABLES_NPD, DocumentKind.DATA_TABLES_ILR,
            DocumentKind.DATA_TABLES_HE, DocumentKind.DATA_TABLES_SWC);

    private final Database db;
    private final CaseQueues queues;
    private final Views views;
    private final Clock clock;

    QueueScreen(Database db, CaseQueues queues, Views views, Clock clock) {
        this.db = db;
        this.queues = queues;
        this.views = views;
        this.clock = clock;
    }

    WebResponse show(WebRequest request, CaseQueue queue) throws SQLException {
        List<Views.FieldError> errors = new ArrayList<>();
        Outcome outcome = parse(Outcome.class, request.param("outcome"));
        ReviewStatus status = parse(ReviewStatus.class, request.param("status"));
        Integer older = null;
        String olderText = request.param("older").strip();
        if (!olderText.isEmpty()) {
            if (olderText.length() <= 4 && olderText.chars().allMatch(Character::isDigit)) {
                older = Integer.parseInt(olderText);
            } else {
                errors.add(new Views.FieldError("older", "Enter the number of days as a whole number, like 14"));
            }
        }
        boolean mine = request.param("mine").equals("yes");
        DocumentKind named = parse(DocumentKind.class, request.param("source"));
        DocumentKind source = named != null && DATA_SOURCES.contains(named) ? named : null;
        CaseQueues.Filter filter = new CaseQueues.Filter(outcome, status, older, mine ? request.user().username() : null, source);
        int pageNumber = 1;
        String pageText = request.param("page");
        if (!pageText.isEmpty() && pageText.length() <= 6 && pageText.chars().allMatch(Character::isDigit)) {
            pageNumber = Integer.parseInt(pageText);
        }
        int requested = pageNumber;
        record Loaded(Map<CaseQueue, Integer> counts, CaseQueues.Page page) {
        }
        Loaded loaded = db.inTransaction(c -> new Loaded(queues.counts(c), queues.page(c, queue, filter, requested, clock.instant())));

        Map<String, Object> model = new HashMap<>();
        List<Map<String, Object>> list = new ArrayList<>();
        for (CaseQueue q : CaseQueue.values()) {
            list.add(Map.of("slug", q.slug(), "label", q.label(), "count", loaded.counts().getOrDefault(q, 0), "current", q == queue));
        }
        model.put("queues", list);
        model.put("slug", queue.slug());
        model.put("queueLabel", queue.label());
        model.put("outcomes", options(Outcome.values(), outcome));
        model.put("statuses", options(ReviewStatus.values(), status));
        model.put("older", olderText);
        List<Map<String, Object>> sources = new ArrayList<>();
        for (DocumentKind kind : DATA_SOURCES) {
            sources.add(Map.of("value", kind.name(), "label", kind.label().replace(" data tables", "").replace("school workforce census",
                    "School workforce census"), "selected", kind == source));
        }
        model.put("sources", sources);
        model.put("mine", mine);
        boolean filtered = outcome != null || status != null || older != null || mine || source != null || !errors.isEmpty();
        model.put("filtered", filtered);
        CaseQueues.Page page = loaded.page();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CaseQueues.Row row : page.rows()) {
            Map<String, Object> r = new HashMap<>();
            r.put("reference", row.reference());
            r.put("sender", row.sender());
            r.put("outcome", Display.words(row.outcome().name()));
            r.put("review", row.review().label());
            r.put("assignedTo", row.assignedTo() == null ? "" : row.assignedTo());
            r.put("received", Display.time(row.receivedAt()));
            r.put("versions", row.versions());
            r.put("flags", row.flags());
            rows.add(r);
        }
        model.put("rows", rows);
        model.put("hasRows", !rows.isEmpty());
        model.put("total", page.total());
        model.put("casesWord", page.total() == 1 ? "case" : "cases");
        model.put("page", page.page());
        model.put("pages", page.pages());
        model.put("paged", page.pages() > 1);
        model.put("previous", page.page() > 1 ? link(queue, request, page.page() - 1) : null);
        model.put("next", page.page() < page.pages() ? link(queue, request, page.page() + 1) : null);
        String html = views.page(queue.label(), "queues", model, request.session(), errors, "navQueues");
        return WebResponse.html(errors.isEmpty() ? 200 : 400, html);
    }

    private static String link(CaseQueue queue, WebRequest request, int page) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : List.of("outcome", "status", "older", "mine", "source")) {
            if (!request.param(name).isEmpty()) {
                params.put(name, request.param(name));
            }
        }
        params.put("page", Integer.toString(page));
        StringBuilder out = new StringBuilder("/queues/").append(queue.slug()).append('?');
        params.forEach((k, v) -> out.append(k).append('=').append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)).append('&'));
        out.setLength(out.length() - 1);
        return out.toString();
    }

    private static <E extends Enum<E>> List<Map<String, Object>> options(E[] values, E selected) {
        List<Map<String, Object>> options = new ArrayList<>();
        for (E value : values) {
            String label = value instanceof ReviewStatus s ? s.label() : Display.words(value.name());
            options.add(Map.of("value", value.name(), "label", label, "selected", value == selected));
        }
        return options;
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value.toUpperCase(Locale.ROOT))) {
                return constant;
            }
        }
        return null;
    }
}
