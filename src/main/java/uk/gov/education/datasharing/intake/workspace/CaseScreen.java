package uk.gov.education.datasharing.intake.workspace;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import uk.gov.education.datasharing.intake.model.CaseStatus;
import uk.gov.education.datasharing.intake.model.CaseSummary;
import uk.gov.education.datasharing.intake.model.ReceivedFile;
import uk.gov.education.datasharing.intake.model.ReviewStatus;
import uk.gov.education.datasharing.intake.model.Sha256;
import uk.gov.education.datasharing.intake.model.SubmissionRecord;
import uk.gov.education.datasharing.intake.store.AuditLog;
import uk.gov.education.datasharing.intake.store.CaseActions;
import uk.gov.education.datasharing.intake.store.Cases;
import uk.gov.education.datasharing.intake.store.Database;
import uk.gov.education.datasharing.intake.store.Outbox;
import uk.gov.education.datasharing.intake.store.TeamWork;

/**
 * A case as the team works on it: what the gateway found and did (versions, files, problems, replies), what the
 * team did (assignments, review status, notes, releases), and who looked at it. Each view and each action is an
 * audit row, written in the same transaction as what it records.
 */
final class CaseScreen {

    /** What the form sent back when it had errors, shown again beside them. */
    record Entered(Map<String, String> values, List<Views.FieldError> errors) {
        static final Entered NONE = new Entered(Map.of(), List.of());
    }

    private final Database db;
    private final Cases cases;
    private final TeamWork work;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Views views;
    private final Clock clock;
    private final RequestTemplates requests = new RequestTemplates();
    static final int ASK_MAX = 4000;

    private final WorkspaceServer.Gateway gateway;

    CaseScreen(Database db, Cases cases, TeamWork work, Outbox outbox, AuditLog audit, Views views, Clock clock, WorkspaceServer.Gateway gateway) {
        this.gateway = gateway;
        this.db = db;
        this.cases = cases;
        this.work = work;
        this.outbox = outbox;
        this.audit = audit;
        this.views = views;
        this.clock = clock;
    }

    /** The case page (audited as a view), or empty when there is no such case. */
    Optional<WebResponse> show(WebRequest request, String reference, Entered entered) throws SQLException {
        Optional<Map<String, Object>> model = db.inTransaction(c -> {
            Optional<CaseSummary> found = cases.find(c, reference);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            if (entered.errors().isEmpty()) {
                audit.append(c, clock.instant(), request.user().username(), "VIEW_CASE", reference, "", request.remote());
            }
            return Optional.of(model(c, found.get(), request));
        });
        if (model.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> m = model.get();
        m.putAll(entered.values());
        for (Views.FieldError e : entered.errors()) {
            m.put(switch (e.field()) {
                case "panel-date-day" -> "panelError";
                case "release-reason" -> "releaseError";
                case "ask-text" -> "askError";
                case "confirm-reason" -> "confirmError";
                case "reprocess" -> "reprocessError";
                default -> e.field() + "Error";
            }, e.message());
        }
        m.put("csrf", request.session().csrf());
        m.put("noteMax", TeamWork.NOTE_MAX);
        m.put("askMax", ASK_MAX);
        String chosen = request.param("ask");
        m.put("requestTemplates", requests.all().stream().map(t -> Map.of("id", t.id(), "title", t.title(), "selected", t.id().equals(chosen))).toList());
        if (!m.containsKey("askText")) {
            m.put("askText", requests.find(chosen).map(RequestTemplates.Template::text).orElse(""));
        }
        String html = views.page("Case " + reference, "case", m, request.session(), entered.errors(), "navQueues");
        return Optional.of(WebResponse.html(entered.errors().isEmpty() ? 200 : 400, html));
    }

    private Map<String, Object> model(Connection c, CaseSummary summary, WebRequest request) throws SQLException {
        String reference = summary.reference();
        Map<String, Object> m = new HashMap<>();
        TeamWork.Review review = work.review(c, reference).orElseThrow();
        m.put("reference", reference);
        m.put("sender", summary.sender());
        m.put("outcome", Display.words(summary.outcome().name()));
        m.put("status", Display.words(summary.status().name()));
        m.put("quarantined", summary.status() == CaseStatus.QUARANTINED);
        m.put("review", review.status().label());
        m.put("panelDate", review.status() == ReviewStatus.AT_PANEL ? Display.date(review.panelDate()) : "");
        m.put("assignedTo", review.assignedTo());
        m.put("assigneeValue", review.assignedTo() == null ? request.user().username() : review.assignedTo());
        m.put("flags", summary.flags());
        m.put("related", new CaseActions().relatedOf(c, reference).orElse(null));
        m.put("received", Display.time(summary.createdAt()));
        List<Map<String, Object>> statuses = new ArrayList<>();
        for (ReviewStatus s : ReviewStatus.values()) {
            statuses.add(Map.of("id", s == ReviewStatus.values()[0] ? "status" : "status-" + s.name().toLowerCase().replace('_', '-'),
                    "value", s.name(), "label", s.label(), "selected", s == review.status()));
        }
        m.put("statuses", statuses);

        record Moment(Instant at, String what, String by, String text, String link) {
            Moment(Instant at, String what, String by, String text) {
                this(at, what, by, text, null);
            }
        }
        List<Moment> moments = new ArrayList<>();
        List<Map<String, Object>> versions = new ArrayList<>();
        for (SubmissionRecord s : cases.submissions(c, reference)) {
            moments.add(new Moment(s.receivedAt(), "Email received: version " + s.version() + " with " + s.files().size()
                    + (s.files().size() == 1 ? " file" : " files"), null, null));
            Map<String, Object> v = new HashMap<>();
            v.put("version", s.version());
            v.put("received", Display.time(s.receivedAt()));
            List<Map<String, Object>> files = new ArrayList<>();
            for (ReceivedFile f : s.files()) {
                files.add(Map.of("name", f.safeName(), "container", f.container(), "kind", Display.sentence(f.check().kind().label()),
                        "verdict", Display.words(f.check().verdict().name()), "size", uk.gov.education.datasharing.intake.model.ByteSize.human(f.size()), "sha256", f.sha256(),
                        "shortHash", Sha256.shortForm(f.sha256())));
            }
            v.put("files", files);
            List<Map<String, Object>> findings = new ArrayList<>();
            for (Cases.StoredFinding f : cases.findings(c, s.id())) {
                findings.add(Map.of("document", f.document(), "location", f.location(), "message", f.message().isEmpty() ? f.code() : f.message()));
            }
            v.put("findings", findings);
            v.put("hasFindings", !findings.isEmpty());
            versions.add(v);
        }
        m.put("versions", versions);
        for (Outbox.CaseReply r : outbox.forCase(c, reference)) {
            String state = switch (r.state()) {
                case SENT -> "sent";
                case PENDING -> "waiting to be sent";
                case FAILED -> "could not be sent";
                case REFUSED -> "not sent (" + (r.lastError() == null ? "refused" : r.lastError()) + ")";
            };
            moments.add(new Moment(r.sentAt() != null ? r.sentAt() : r.createdAt(), "Email to the applicant: " + Display.words(r.kind()) + ", " + state,
                    null, null, "/cases/" + reference + "/emails/" + r.id()));
        }
        for (CaseActions.Event e : work.timeline(c, reference)) {
            moments.add(switch (e.kind()) {
                case TeamWork.ASSIGNED -> new Moment(e.at(), "Assigned to " + e.reason(), e.actor(), null);
                case TeamWork.REVIEW -> new Moment(e.at(), "Review status: " + reviewLabel(e.reason()), e.actor(), null);
                case TeamWork.NOTE -> new Moment(e.at(), "Note", e.actor(), e.reason());
                case TeamWork.ASKED -> new Moment(e.at(), "Asked the applicant for more", e.actor(), e.reason());
                case TeamWork.REOPENED -> new Moment(e.at(), "Back in the queue: " + e.reason(), null, null);
                case CaseActions.RELEASED -> new Moment(e.at(), "Released from quarantine", e.actor(), e.reason());
                case TeamWork.CONFIRMED -> new Moment(e.at(), "Quarantine confirmed: unsafe, case closed", e.actor(), e.reason());
                case TeamWork.REPROCESSED -> new Moment(e.at(), "Message sent to be processed again", e.actor(), e.reason());
                default -> new Moment(e.at(), Display.words(e.kind()), e.actor(), e.reason());
            });
        }
        moments.sort(Comparator.comparing(Moment::at));
        List<Map<String, Object>> timeline = new ArrayList<>();
        for (Moment moment : moments) {
            Map<String, Object> t = new HashMap<>();
            t.put("at", Display.time(moment.at()));
            t.put("what", moment.what());
            t.put("by", moment.by());
            t.put("text", moment.text());
            t.put("link", moment.link());
            timeline.add(t);
        }
        m.put("timeline", timeline);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AuditLog.Entry e : audit.forCase(c, reference, 100)) {
            rows.add(Map.of("at", Display.time(e.at()), "actor", e.actor(), "action", Display.words(e.action()), "detail", e.detail(),
                    "remote", e.remote()));
        }
        m.put("audit", rows);
        return m;
    }

    private static String reviewLabel(String recorded) {
        String name = recorded.contains(" ") ? recorded.substring(0, recorded.indexOf(' ')) : recorded;
        ReviewStatus status = QueueScreen.parse(ReviewStatus.class, name);
        String date = recorded.contains(" ") ? recorded.substring(recorded.indexOf(' ') + 1) : "";
        return (status == null ? recorded : status.label()) + (date.isEmpty() ? "" : ", panel on " + Display.date(LocalDate.parse(date)));
    }

    /** One email to the applicant as they read it (audited as a view of the case). */
    Optional<WebResponse> email(WebRequest request, String reference, long id) throws SQLException {
        Optional<String> text;
        try {
            text = gateway.emails().text(reference, id);
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            text = Optional.of("(This email could not be shown: " + e.getClass().getSimpleName() + ".)");
        }
        if (text.isEmpty()) {
            return Optional.empty();
        }
        db.inTransaction(c -> audit.append(c, clock.instant(), request.user().username(), "VIEW_EMAIL", reference, "email " + id,
                request.remote()));
        Map<String, Object> model = Map.of("reference", reference, "text", text.get());
        return Optional.of(WebResponse.html(200, views.page("Email to the applicant, " + reference, "email", model, request.session(),
                List.of(), "navQueues")));
    }

    /** POST /cases/{ref}/{action}: does it, audits it, and sends the browser back to the case; or shows the errors. */
    Optional<WebResponse> act(WebRequest request, String reference, String action) throws SQLException {
        String actor = request.user().username();
        Instant now = clock.instant();
        return switch (action) {
            case "assign" -> {
                String assignee = request.field("me").equals("yes") ? actor : request.field("assignee").strip();
                if (assignee.length() > 200) {
                    yield show(request, reference, new Entered(Map.of("assigneeValue", assignee.substring(0, 200)),
                            List.of(new Views.FieldError("assignee", "Enter a user name of 200 characters or fewer"))));
                }
                yield done(request, reference, c -> work.assign(c, reference, assignee, actor, now),
                        "ASSIGN", assignee.isEmpty() ? "to nobody" : "to " + assignee,
                        assignee.isEmpty() ? "Case unassigned" : "Case assigned to " + assignee);
            }
            case "notes" -> {
                String note = request.field("note").strip();
                if (note.isEmpty() || note.length() > TeamWork.NOTE_MAX) {
                    yield show(request, reference, new Entered(Map.of("noteValue", note.length() > TeamWork.NOTE_MAX ? note.substring(0, TeamWork.NOTE_MAX) : note),
                            List.of(new Views.FieldError("note", note.isEmpty() ? "Enter a note"
                                    : "Note must be " + TeamWork.NOTE_MAX + " characters or fewer"))));
                }
                yield done(request, reference, c -> {
                    work.addNote(c, reference, note, actor, now);
                    return true;
                }, "NOTE", "note added", "Note added");
            }
            case "status" -> status(request, reference, actor, now);
            case "ask" -> ask(request, reference, actor, now);
            case "confirm" -> {
                String reason = request.field("reason").strip();
                if (reason.isEmpty()) {
                    yield show(request, reference, new Entered(Map.of(),
                            List.of(new Views.FieldError("confirm-reason", "Enter what the team found"))));
                }
                yield done(request, reference, c -> work.confirmQuarantine(c, reference, reason, actor, now), "CONFIRM_QUARANTINE",
                        "confirmed unsafe", "Quarantine confirmed: the case is closed");
            }
            case "reprocess" -> reprocess(request, reference);
            case "release" -> {
                String reason = request.field("reason").strip();
                if (reason.isEmpty()) {
                    yield show(request, reference, new Entered(Map.of(),
                            List.of(new Views.FieldError("release-reason", "Enter why it is safe to release this case"))));
                }
                yield done(request, reference, c -> new CaseActions().release(c, reference, actor, reason, now), "RELEASE", "from quarantine",
                        "Case released from quarantine");
            }
            default -> Optional.empty();
        };
    }

    private Optional<WebResponse> status(WebRequest request, String reference, String actor, Instant now) throws SQLException {
        ReviewStatus status = QueueScreen.parse(ReviewStatus.class, request.field("status"));
        Map<String, String> values = Map.of("panelDay", request.field("panel-day"), "panelMonth", request.field("panel-month"),
                "panelYear", request.field("panel-year"));
        if (status == null) {
            return show(request, reference, new Entered(values, List.of(new Views.FieldError("status", "Select the review status"))));
        }
        LocalDate panel = null;
        if (status == ReviewStatus.AT_PANEL) {
            try {
                panel = LocalDate.of(Integer.parseInt(values.get("panelYear").strip()), Integer.parseInt(values.get("panelMonth").strip()),
                        Integer.parseInt(values.get("panelDay").strip()));
                if (panel.getYear() < 2000 || panel.getYear() > 2100) {
                    throw new DateTimeException("year out of range");
                }
            } catch (NumberFormatException | DateTimeException e) {
                return show(request, reference, new Entered(values, List.of(new Views.FieldError("panel-date-day",
                        "Enter the panel date as a real date, like 27 3 2027"))));
            }
        }
        LocalDate date = panel;
        return done(request, reference, c -> work.setStatus(c, reference, status, date, actor, now), "STATUS",
                status.name() + (date == null ? "" : " " + date), "Review status set: " + status.label());
    }

    /**
     * Queues the team's request to the applicant (the case's sender) through the outbox, in the case's thread: its subject
     * carries the reference and its Message-ID is the case's, so the applicant's answer joins the case.
     */
    private Optional<WebResponse> ask(WebRequest request, String reference, String actor, Instant now) throws SQLException {
        String text = request.field("text").replace("\r\n", "\n").strip();
        if (text.isEmpty() || text.length() > ASK_MAX || text.contains("[") && text.contains("]")) {
            String problem = text.isEmpty() ? "Enter what you need from the applicant"
                    : text.length() > ASK_MAX ? "Message must be " + ASK_MAX + " characters or fewer"
                    : "Replace or remove everything in [square brackets] before sending";
            return show(request, reference, new Entered(Map.of("askText", text.length() > ASK_MAX ? text.substring(0, ASK_MAX) : text),
                    List.of(new Views.FieldError("ask-text", problem))));
        }
        Optional<WebResponse> answer = done(request, reference, c -> {
            List<SubmissionRecord> versions = cases.submissions(c, reference);
            Optional<String> sender = cases.senderOf(c, reference);
            if (versions.isEmpty() || sender.isEmpty()) {
                return false;
            }
            String messageId = uk.gov.education.datasharing.intake.model.ReplyMessageId.newFor(reference, gateway.mailboxAddress());
            outbox.enqueueWritten(c, reference, versions.get(versions.size() - 1).id(), "REQUEST", sender.get(), messageId, text, now);
            work.recordAsked(c, reference, text, actor, now);
            return true;
        }, "ASK", "request to the applicant queued", "Your message was queued to send to the applicant");
        gateway.repliesQueued().run();
        return answer;
    }

    /** Moves the case's quarantined messages back to the inbox (outside any transaction: it talks to the mailbox). */
    private Optional<WebResponse> reprocess(WebRequest request, String reference) throws SQLException {
        if (db.inTransaction(c -> cases.find(c, reference)).isEmpty()) {
            return Optional.empty();
        }
        int released;
        try {
            released = gateway.reprocessing().reprocess(reference);
        } catch (Exception e) {
            return show(request, reference, new Entered(Map.of(), List.of(new Views.FieldError("reprocess",
                    "The mailbox could not be reached to move the message back: try again in a few minutes"))));
        }
        if (released == 0) {
            return show(request, reference, new Entered(Map.of(), List.of(new Views.FieldError("reprocess",
                    "This case has no quarantined message to process again"))));
        }
        Instant now = clock.instant();
        return done(request, reference, c -> {
            work.recordReprocessed(c, reference, released, request.user().username(), now);
            return true;
        }, "REPROCESS", released + " message(s)", released + (released == 1 ? " message was" : " messages were")
                + " moved back to the inbox to be processed again");
    }

    private interface Change {
        boolean apply(Connection c) throws SQLException;
    }

    private Optional<WebResponse> done(WebRequest request, String reference, Change change, String action, String detail, String flash)
            throws SQLException {
        boolean applied = db.inTransaction(c -> {
            if (cases.find(c, reference).isEmpty() || !change.apply(c)) {
                return false;
            }
            audit.append(c, clock.instant(), request.user().username(), action, reference, detail, request.remote());
            return true;
        });
        if (!applied) {
            return Optional.empty();
        }
        request.session().flash(flash);
        return Optional.of(WebResponse.redirect("/cases/" + reference));
    }
}
