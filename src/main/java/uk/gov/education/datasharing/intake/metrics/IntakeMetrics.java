package uk.gov.education.datasharing.intake.metrics;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import uk.gov.education.datasharing.intake.inspect.Scanner;
import uk.gov.education.datasharing.intake.model.Outcome;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.pipeline.Stage;
import uk.gov.education.datasharing.intake.pipeline.StageTimings;
import uk.gov.education.datasharing.intake.store.Database;
import uk.gov.education.datasharing.intake.store.InboundMessages;
import uk.gov.education.datasharing.intake.store.Outbox;
import uk.gov.education.datasharing.intake.store.QueueCounts;

/**
 * The gateway's metrics in Prometheus format. Counters and histograms are kept as intake runs; what the queues
 * hold (messages by state, replies, quarantine, cases, findings) is read from the case index when Prometheus
 * scrapes, at most once a second, so the numbers survive restarts and agree with the database. Labels are
 * closed sets (states, outcomes, stages, problem codes): never a reference, an address or a file name.
 */
public final class IntakeMetrics implements StageTimings.Observer {

    private static final Duration QUEUES_FRESH_FOR = Duration.ofSeconds(1);
    /** Why a reply is refused (pipeline.ReplyCaps and pipeline.RecordCase write these codes). */
    private static final List<String> REFUSAL_REASONS = List.of("REPLY_CAP_DOMAIN", "REPLY_CAP_TOTAL", "UNAUTHENTICATED_SENDER");
    /** Histogram buckets from a millisecond to the two-minute message deadline: 15 per stage. */
    private static final Duration[] BUCKETS = java.util.stream.LongStream.of(1, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000,
            30_000, 60_000, 120_000).mapToObj(Duration::ofMillis).toArray(Duration[]::new);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Database db;
    private final Clock clock;
    private final QueueCounts counts = new QueueCounts();
    private final Map<Stage, Timer> stages = new EnumMap<>(Stage.class);
    private final Counter attempts;
    private final Counter failures;
    private final AtomicReference<Instant> lastPoll = new AtomicReference<>();
    private final Counter pollFailures;
    private volatile Queues queues;
    private volatile Inbox inbox = () -> InboxState.UNKNOWN;
    private volatile double reconcileDiscrepancies = Double.NaN;
    private volatile java.util.function.BooleanSupplier lease = () -> true;
    private volatile java.util.function.LongSupplier tokenFailures = () -> 0;
    private final AtomicReference<Instant> lastReconcile = new AtomicReference<>();

    /** What waits in INBOX: how many messages, and when the oldest arrived (null: none, or unknown). count -1: unknown. */
    public record InboxState(int count, Instant oldest) {
        public static final InboxState UNKNOWN = new InboxState(-1, null);
    }

    /** Whether this instance holds the mailbox lease (store.MailboxLease), asked when Prometheus scrapes. */
    public void watchLease(java.util.function.BooleanSupplier held) {
        this.lease = held;
    }

    /** Failed access-token requests for the mailbox (MailCredentials), read when Prometheus scrapes. */
    public void watchTokenFailures(java.util.function.LongSupplier failures) {
        this.tokenFailures = failures;
    }

    /** Reads INBOX (from the mailbox, with its own login). */
    @FunctionalInterface
    public interface Inbox {
        InboxState state();
    }

    /** The queues as last read from the case index. */
    private record Queues(Instant readAt, Map<String, Long> messages, Map<String, Long> replies, QueueCounts.CountAndOldest pending,
                          long retrying, QueueCounts.CountAndOldest quarantined, Map<String, Long> outcomes, Map<String, Long> findings,
                          Map<String, Long> refused) {
        long count(Function<Queues, Map<String, Long>> group, String key) {
            return group.apply(this).getOrDefault(key, 0L);
        }
    }

    public IntakeMetrics(Database db, Clock clock, Scanner scanner, Map<String, Instant> teamKeyExpiries) {
        this.db = db;
        this.clock = clock;
        for (Stage stage : Stage.values()) {
            stages.put(stage, Timer.builder("intake_stage_duration").description("Time one message spent in an intake stage")
                    .tag("stage", stage.name().toLowerCase(Locale.ROOT)).serviceLevelObjectives(BUCKETS).register(registry));
        }
        attempts = Counter.builder("intake_message_attempts").description("Attempts at processing a message").register(registry);
        failures = Counter.builder("intake_message_failures").description("Attempts that failed and left the message in INBOX").register(registry);
        pollFailures = Counter.builder("intake_poll_failures").description("Mailbox polls that failed").register(registry);
        Gauge.builder("intake_inbox_messages", this, m -> {
            int count = m.inbox.state().count();
            return count < 0 ? Double.NaN : count;
        }).description("Messages waiting in INBOX (NaN when the mailbox could not be read)").register(registry);
        Gauge.builder("intake_inbox_oldest_age_seconds", this, m -> {
            InboxState state = m.inbox.state();
            return state.count() < 0 ? Double.NaN : age(state.oldest());
        }).description("How long the oldest message in INBOX has waited (0 when none)").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("intake_mail_token_failures", this, m -> m.tokenFailures.getAsLong())
                .description("failed requests for the mailbox's OAuth 2.0 access token (intake.mail.auth=oauth2)").register(registry);
        Gauge.builder("intake_mailbox_lease_held", this, m -> m.lease.getAsBoolean() ? 1 : 0)
                .description("1 when this instance holds the mailbox lease (polls the mailbox and sends replies), 0 when it stands by")
                .register(registry);
        Gauge.builder("intake_reconcile_discrepancies", this, m -> m.reconcileDiscrepancies)
                .description("Discrepancies the last reconciliation of mailbox and case index found (NaN before the first)").register(registry);
        Gauge.builder("intake_reconcile_last_run_timestamp_seconds", lastReconcile, t -> t.get() == null ? Double.NaN : t.get().getEpochSecond())
                .description("When the mailbox and case index were last reconciled").register(registry);
        Gauge.builder("intake_last_poll_success_timestamp_seconds", lastPoll, t -> t.get() == null ? Double.NaN : t.get().getEpochSecond())
                .description("When the mailbox was last polled successfully").register(registry);
        for (InboundMessages.State state : InboundMessages.State.values()) {
            Gauge.builder("intake_messages", this, m -> m.queues().messages().getOrDefault(state.name(), 0L))
                    .description("Messages seen, by their state").tag("state", state.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        for (Outbox.State state : Outbox.State.values()) {
            Gauge.builder("intake_replies", this, m -> m.queues().replies().getOrDefault(state.name(), 0L))
                    .description("Replies, by state (pending, sent, failed, refused)").tag("state", state.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        Gauge.builder("intake_outbox_oldest_pending_age_seconds", this, m -> age(m.queues().pending().oldest()))
                .description("How long the oldest reply has waited to be sent (0 when none)").register(registry);
        Gauge.builder("intake_replies_retrying", this, m -> m.queues().retrying())
                .description("Replies waiting that have failed to send at least once").register(registry);
        Gauge.builder("intake_quarantined_cases", this, m -> m.queues().quarantined().count())
                .description("Cases in quarantine, waiting for the team").register(registry);
        Gauge.builder("intake_quarantine_oldest_age_seconds", this, m -> age(m.queues().quarantined().oldest()))
                .description("How long the oldest quarantined case has waited (0 when none)").register(registry);
        MultiGauge outcomes = MultiGauge.builder("intake_cases").description("Cases, by outcome").register(registry);
        MultiGauge findings = MultiGauge.builder("intake_findings").description("Findings recorded, by problem code").register(registry);
        MultiGauge refused = MultiGauge.builder("intake_replies_refused").description("Replies never sent, by why: a cap, an unauthenticated sender")
                .register(registry);
        registerGrouped(refused, "reason", REFUSAL_REASONS, Queues::refused);
        registerGrouped(outcomes, "outcome", java.util.Arrays.stream(Outcome.values()).map(Enum::name).toList(), Queues::outcomes);
        registerGrouped(findings, "code", java.util.Arrays.stream(ProblemCode.values()).map(Enum::name).toList(), Queues::findings);
        Gauge.builder("intake_scanner_up", scanner, s -> s == Scanner.NONE ? Double.NaN : s.ready() ? 1 : 0)
                .description("Whether the malware scanner answers (NaN when none is configured)").register(registry);
        teamKeyExpiries.forEach((key, expiry) -> Gauge.builder("intake_team_key_expiry_days", () -> expiry == null ? Double.POSITIVE_INFINITY
                        : Duration.between(clock.instant(), expiry).toSeconds() / 86_400.0)
                .description("Days until a team key expires").tag("key", key).register(registry));
    }

    /** One row per value of a closed set (outcomes, problem codes), so that a count falling to zero shows as zero. */
    private void registerGrouped(MultiGauge gauge, String label, List<String> known, Function<Queues, Map<String, Long>> group) {
        List<MultiGauge.Row<?>> rows = known.stream()
                .<MultiGauge.Row<?>>map(value -> MultiGauge.Row.of(Tags.of(label, value.toLowerCase(Locale.ROOT)), this,
                        m -> m.queues().count(group, value)))
                .toList();
        gauge.register(rows);
    }

    /** Where INBOX is read from: set once the mailbox is known. */
    public void watchInbox(Inbox inbox) {
        this.inbox = inbox;
    }

    @Override
    public void observed(Stage stage, long nanos) {
        stages.get(stage).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void attempted() {
        attempts.increment();
    }

    public void failed() {
        failures.increment();
    }

    /** The result of a reconciliation run: how many discrepancies it found. */
    public void reconciled(int discrepancies) {
        reconcileDiscrepancies = discrepancies;
        lastReconcile.set(clock.instant());
    }

    public void polled() {
        lastPoll.set(clock.instant());
    }

    public void pollFailed() {
        pollFailures.increment();
    }

    /** The metrics in Prometheus' text format. */
    public String scrape() {
        return registry.scrape();
    }

    private double age(Instant oldest) {
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    private synchronized Queues queues() {
        Queues current = queues;
        Instant now = clock.instant();
        if (current == null || current.readAt().plus(QUEUES_FRESH_FOR).isBefore(now)) {
            try {
                current = db.inTransaction(c -> new Queues(now, counts.messagesByState(c), counts.repliesByState(c), counts.pendingReplies(c),
                        counts.retryingReplies(c), counts.quarantinedCases(c), counts.casesByOutcome(c), counts.findingsByCode(c),
                        counts.refusedReplies(c)));
            } catch (SQLException e) {
                // keep the last reading; readiness reports the database
                if (current == null) {
                    current = new Queues(now, Map.of(), Map.of(), new QueueCounts.CountAndOldest(0, null), 0,
                            new QueueCounts.CountAndOldest(0, null), Map.of(), Map.of(), Map.of());
                }
            }
            queues = current;
        }
        return current;
    }
}
