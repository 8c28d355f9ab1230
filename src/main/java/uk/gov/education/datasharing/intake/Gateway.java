package uk.gov.education.datasharing.intake;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.mail.Flags;
import jakarta.mail.search.FlagTerm;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.config.MailProperties;
import uk.gov.education.datasharing.intake.config.Settings;
import uk.gov.education.datasharing.intake.config.Settings.ConfigException;
import uk.gov.education.datasharing.intake.crypto.OpenPgpEncryptor;
import uk.gov.education.datasharing.intake.crypto.TeamPublicKeys;
import uk.gov.education.datasharing.intake.inspect.Scanner;
import uk.gov.education.datasharing.intake.metrics.IntakeMetrics;
import uk.gov.education.datasharing.intake.metrics.ManagementServer;
import uk.gov.education.datasharing.intake.workspace.WorkspaceServer;
import uk.gov.education.datasharing.intake.io.EncryptedSpool;
import uk.gov.education.datasharing.intake.mailbox.InboundHeaderFilter;
import uk.gov.education.datasharing.intake.pipeline.IntakeWiring;
import uk.gov.education.datasharing.intake.pipeline.MessageIntake;
import uk.gov.education.datasharing.intake.pipeline.ReplyDispatcher;
import uk.gov.education.datasharing.intake.pipeline.StageTimings;
import uk.gov.education.datasharing.intake.reply.ReplyComposer;
import uk.gov.education.datasharing.intake.reply.RetryPolicy;
import uk.gov.education.datasharing.intake.reply.SmtpTransport;
import uk.gov.education.datasharing.intake.schema.SchemaException;
import uk.gov.education.datasharing.intake.schema.Schemas;
import uk.gov.education.datasharing.intake.store.Database;
import uk.gov.education.datasharing.intake.store.MailboxLease;
import uk.gov.education.datasharing.intake.store.EncryptedObjectStore;
import uk.gov.education.datasharing.intake.store.Sealer;
import uk.gov.education.datasharing.intake.store.StateKey;

/**
 * The composition root: checks the configuration, builds every bean the routes call, and runs Camel with
 * the YAML routes. Anything wrong with the configuration stops start-up with one line naming the key.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("gateway");

    private final GatewayConfig config;
    private final Database db;
    private final Main main;
    private final StageTimings timings;
    private final Sealer sealer;

    private final Management management;
    private ManagementServer managementServer;
    private final GatewayConfig.Workspace workspace;
    private WorkspaceServer workspaceServer;

    /** What the management port serves, started with the gateway. */
    private record Management(GatewayConfig.ManagementPort port, IntakeMetrics metrics, Map<String, ManagementServer.Check> checks,
                              PeriodicReconciliation reconciliation) {
    }

    private final ReplyDispatcher dispatcher;
    private final MailboxIdle idle;
    private final MailboxLease lease;
    private final MailCredentials credentials;

    private Gateway(GatewayConfig config, Database db, Main main, StageTimings timings, Sealer sealer, Management management,
                    GatewayConfig.Workspace workspace, ReplyDispatcher dispatcher, MailboxIdle idle, MailboxLease lease,
                    MailCredentials credentials) {
        this.lease = lease;
        this.credentials = credentials;
        this.management = management;
        this.dispatcher = dispatcher;
        this.idle = idle;
        this.workspace = workspace;
        this.sealer = sealer;
        this.config = config;
        this.db = db;
        this.main = main;
        this.timings = timings;
    }

    /** Checks everything and prepares Camel, without starting it. */
    public static Gateway create(Settings settings) {
        GatewayConfig config = GatewayConfig.from(settings);
        TeamPublicKeys keys;
        try {
            keys = TeamPublicKeys.load(config.recipients());
        } catch (TeamPublicKeys.KeyFileException e) {
            throw new ConfigException("intake.crypto.recipients", e.getMessage());
        }
        keys.expiringWithin(java.time.Duration.ofDays(30)).forEach(k -> LOG.warn("team key {} expires within 30 days: make and configure a new one",
                k));
        Schemas schemas = loadSchemas(settings);
        Database db = openDatabase(config);
        try {
            Path storeDir = config.storeDir();
            EncryptedObjectStore store = new EncryptedObjectStore(storeDir, new OpenPgpEncryptor(keys));
            Path spoolDir = storeDir.resolve("spool");
            int purged = EncryptedSpool.purgeLeftovers(spoolDir) + store.purgePartials();
            if (purged > 0) {
                LOG.info("removed {} unreadable temporary files left by an earlier stop", purged);
            }
            Clock clock = Clock.systemUTC();
            ReplyComposer composer = new ReplyComposer(config.mailboxAddress(), config.mailboxName(), schemas.rules().listBeforeGrouping());
            StateKey stateKey = requiredStateKey(settings);
            Sealer sealer = new Sealer(stateKey);
            Scanner scanner = GatewayConfig.scanner(settings);
            IntakeMetrics metrics = new IntakeMetrics(db, clock, scanner, keys.expiries());
            MailCredentials credentials = MailCredentials.of(config, clock);
            metrics.watchInbox(new InboxWatch(config, credentials, clock));
            metrics.watchTokenFailures(credentials::tokenFailures);
            StageTimings timings = new StageTimings(metrics);
            if (!scanner.ready()) {
                LOG.warn("SCANNER_UNAVAILABLE: the malware scanner (intake.scanner) does not answer; messages wait in the inbox until it does");
            }
            MessageIntake intake = IntakeWiring.build(new IntakeWiring.Parts(config, db, store, spoolDir, composer, clock, schemas, stateKey,
                    scanner), timings);
            SmtpTransport transport = new SmtpTransport(config.smtp().host(), config.smtp().port(), config.smtp().security(),
                    config.smtp().username(), credentials::smtp, config.oauth() != null ? SmtpTransport.Login.XOAUTH2 : SmtpTransport.Login.PASSWORD,
                    MailProperties.smtpExtras(config));
            MailboxLease lease = new MailboxLease(db, config.db().url(), config.mailboxAddress() + "/" + config.imap().folder());
            metrics.watchLease(lease::lastKnown);
            ReplyDispatcher dispatcher = new ReplyDispatcher(db, composer, transport,
                    new RetryPolicy(config.replies().retryInitial(), config.replies().retryMax()), clock, schemas.problems(), sealer,
                    lease::held);

            Main main = new Main();
            main.setOverrideProperties(settings.asProperties());
            GatewayConfig.Polling polling = GatewayConfig.polling(settings);
            List<PollScheduler> schedulers = new ArrayList<>();
            for (int i = 1; i <= polling.consumers(); i++) {
                PollScheduler scheduler = new PollScheduler(500, polling.delay().toMillis(), lease::held, "intake-poll-" + i);
                schedulers.add(scheduler);
                main.bind("intakeScheduler" + i, scheduler);
            }
            Runnable pollNow = () -> schedulers.forEach(PollScheduler::wake);
            // after each committed message: send its reply now, and let every consumer take the next message at once
            main.bind("mailboxAdapter", new MailboxAdapter(intake, metrics, () -> {
                dispatcher.wake();
                pollNow.run();
            }));
            main.bind("claimedMessages", MemoryIdempotentRepository.memoryIdempotentRepository(10_000));
            main.bind("imapUid", new ImapUidKey());
            main.bind("notDeleted", new FlagTerm(new Flags(Flags.Flag.DELETED), false));
            main.addMainListener(new MailboxConsumers(polling.consumers()));
            main.bind("intakePollStrategy", new PollMetrics(metrics));
            main.bind("replyDispatcher", dispatcher);
            main.bind("inboundHeaderFilter", new InboundHeaderFilter());
            main.bind("imapProperties", MailProperties.imap(config));
            main.bind("mailAuthenticator", new MailboxAuthenticator(config.imap().username(), credentials));
            LOG.info("gateway configured: {}, {}, {}, store {}, {} team key(s) {}", config.imap(), config.smtp(), config.db(),
                    storeDir.toAbsolutePath(), keys.fingerprints().size(), keys.fingerprints());
            Management management = new Management(GatewayConfig.management(settings), metrics,
                    ReadinessChecks.of(config, credentials, db, storeDir, keys, scanner, transport),
                    new PeriodicReconciliation(GatewayConfig.reconcile(settings), new MailboxReconciler(config, credentials, db), metrics, clock));
            return new Gateway(config, db, main, timings, sealer, management, GatewayConfig.workspace(settings), dispatcher,
                    polling.idle() ? new MailboxIdle(config, credentials, pollNow) : null, lease, credentials);
        } catch (IOException e) {
            db.close();
            throw new ConfigException("intake.store.dir", "cannot use " + config.storeDir() + " (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** The gateway's key for case state between messages, or null when not configured. */
    public static StateKey stateKey(Settings settings) {
        String value = settings.get("intake.state.key");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return StateKey.fromBase64(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("intake.state.key", e.getMessage() + "; make one with: openssl rand -base64 32");
        }
    }

    /** The rules in schemas/, parsed once; a broken file stops start-up naming the file, line and field. */
    public static Schemas loadSchemas(Settings settings) {
        String dir = settings.get("intake.schemas.dir");
        try {
            return Schemas.load(Path.of(dir == null ? "schemas" : dir));
        } catch (SchemaException e) {
            throw new ConfigException("intake.schemas.dir", e.getMessage());
        }
    }

    /** For the offline commands: the schemas, or null after printing the one line that says what is wrong. */
    public static Schemas schemasOrReport(Path dir) {
        try {
            return Schemas.load(dir);
        } catch (SchemaException e) {
            System.err.println("schemas: " + e.getMessage());
            return null;
        }
    }

    private static Database openDatabase(GatewayConfig config) {
        return openDatabase(config.db());
    }

    /** Opens (and migrates) the case index, or stops with one line naming the key. */
    public static Database openDatabase(GatewayConfig.Db db) {
        try {
            return new Database(db.url(), db.username(), db.password(), db.schema());
        } catch (RuntimeException e) {
            throw new ConfigException("intake.db.url", "cannot open the database " + db + ": " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    public GatewayConfig config() {
        return config;
    }

    public Database database() {
        return db;
    }

    /** Opens what the case index keeps sealed (for the demo and the team's commands). */
    public Sealer sealer() {
        return sealer;
    }

    /**
     * The state key, which the gateway and the team's commands cannot work without: it seals what senders
     * wrote in the case index (docs/adr/0012). Start-up stops naming it when it is missing.
     */
    public static StateKey requiredStateKey(Settings settings) {
        StateKey key = stateKey(settings);
        if (key == null) {
            throw new ConfigException("intake.state.key", "missing: it seals what senders wrote in the case index; make one with: "
                    + "openssl rand -base64 32, and keep it in the environment (INTAKE_STATE_KEY)");
        }
        return key;
    }

    /** How long each intake stage has taken so far. */
    public StageTimings stageTimings() {
        return timings;
    }

    /** Starts polling and sending, and the management port; returns at once. */
    public void start() throws Exception {
        startManagement();
        main.start();
    }

    private void startManagement() {
        management.reconciliation().start();
        GatewayConfig.ManagementPort port = management.port();
        try {
            managementServer = new ManagementServer(port.host(), port.port(), management.metrics(), management.checks());
            LOG.info("management port {}:{} (/metrics, /health/live, /health/ready)", port.host(), managementServer.port());
        } catch (IOException e) {
            throw new ConfigException("intake.management.port", "cannot listen on " + port.host() + ":" + port.port() + " (" + e.getMessage() + ")");
        }
        if (workspace.enabled()) {
            workspaceServer = new WorkspaceServer(workspace, db, sealer, Clock.systemUTC(), new WorkspaceServer.Gateway(config.mailboxAddress(),
                    config.storeDir(), reference -> new QuarantineReprocessor(config, credentials, db).reprocess(reference).released(), dispatcher::text,
                    dispatcher::wake));
            try {
                workspaceServer.start();
            } catch (IOException | java.security.GeneralSecurityException e) {
                throw new ConfigException("intake.workspace.port", "cannot serve the workspace on " + workspace.host() + ":" + workspace.port()
                        + " (" + e.getMessage() + ")");
            }
            LOG.info("team workspace at {}", workspaceServer.address());
        }
        if (idle != null) {
            idle.start();
        }
    }

    /** Where the team's workspace answers, or empty when it is off or not started. */
    public java.util.Optional<java.net.URI> workspaceAddress() {
        return workspaceServer == null ? java.util.Optional.empty() : java.util.Optional.of(workspaceServer.address());
    }

    private void stopManagement() {
        if (idle != null) {
            idle.close();
        }
        dispatcher.stopWaking();
        if (workspaceServer != null) {
            workspaceServer.close();
        }
        if (managementServer != null) {
            managementServer.close();
        }
        management.reconciliation().close();
    }

    /** The management port actually bound (intake.management.port 0 picks a free one), or -1 before start. */
    public int managementPort() {
        return managementServer == null ? -1 : managementServer.port();
    }

    /** Runs until the process is told to stop (Ctrl-C, SIGTERM); then shuts down cleanly. */
    public void runUntilStopped() throws Exception {
        startManagement();
        try {
            main.run();
        } finally {
            stopManagement();
            lease.close();
            db.close();
        }
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    @Override
    public void close() {
        stopManagement();
        try {
            main.stop();
        } catch (Exception e) {
            LOG.warn("camel did not stop cleanly: {}", e.getClass().getSimpleName());
        } finally {
            lease.close();
            db.close();
        }
    }
}
