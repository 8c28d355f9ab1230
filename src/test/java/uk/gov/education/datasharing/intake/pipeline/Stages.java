package uk.gov.education.datasharing.intake.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;

import uk.gov.education.datasharing.intake.ProjectSchemas;
import uk.gov.education.datasharing.intake.TestKeys;
import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.config.Settings;
import uk.gov.education.datasharing.intake.crypto.OpenPgpEncryptor;
import uk.gov.education.datasharing.intake.crypto.TeamPublicKeys;
import uk.gov.education.datasharing.intake.inspect.Scanner;
import uk.gov.education.datasharing.intake.io.EncryptedSpool;
import uk.gov.education.datasharing.intake.reply.ReplyComposer;
import uk.gov.education.datasharing.intake.store.Database;
import uk.gov.education.datasharing.intake.store.EncryptedObjectStore;
import uk.gov.education.datasharing.intake.store.Sealer;
import uk.gov.education.datasharing.intake.store.StateKey;

/** The real stages over a private in-memory H2 database and a store in a temporary folder: no network. */
public final class Stages implements AutoCloseable {

    public static final String MAILBOX = "data.sharing@education.test";
    public static final String APPLICANT = "applicant@university.test";

    final Path dir;
    final GatewayConfig config;
    public final Database db;
    final EncryptedObjectStore store;
    final StageTimings timings = new StageTimings();
    final StateKey stateKey = StateKey.fromBase64(StateKey.generate());
    final MessageIntake intake;

    public Stages(Path dir, String... keysAndValues) throws IOException {
        this(dir, Scanner.NONE, keysAndValues);
    }

    /** With the scanner every file goes to: a test's own, to see or hold what the stages do with each file. */
    public Stages(Path dir, Scanner scanner, String... keysAndValues) throws IOException {
        this.dir = dir;
        Properties p = new Properties();
        p.setProperty("intake.imap.host", "127.0.0.1");
        p.setProperty("intake.imap.username", MAILBOX);
        p.setProperty("intake.imap.password", "unused");
        p.setProperty("intake.smtp.host", "127.0.0.1");
        p.setProperty("intake.mailbox.address", MAILBOX);
        p.setProperty("intake.store.dir", dir.resolve("store").toString());
        p.setProperty("intake.db.url", "jdbc:h2:mem:" + dir.getFileName() + ";DB_CLOSE_DELAY=-1");
        p.setProperty("intake.crypto.recipients", TestKeys.writePublicKey(Files.createDirectories(dir.resolve("keys"))).toString());
        p.setProperty("intake.auth.without-header", "authenticated");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        config = GatewayConfig.from(Settings.load(null, null, Map.of(), p));
        db = new Database(config.db().url(), null, null, null);
        store = new EncryptedObjectStore(config.storeDir(), new OpenPgpEncryptor(TeamPublicKeys.load(config.recipients())));
        intake = IntakeWiring.build(new IntakeWiring.Parts(config, db, store, spoolDir(), new ReplyComposer(MAILBOX, "DfE data sharing"),
                Clock.systemUTC(), ProjectSchemas.SCHEMAS, stateKey, scanner), timings);
    }

    public Sealer sealer() {
        return new Sealer(stateKey);
    }

    Path spoolDir() {
        return config.storeDir().resolve("spool");
    }

    EncryptedSpool spool(String raw) throws IOException {
        byte[] bytes = raw.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return EncryptedSpool.write(spoolDir(), out -> out.write(bytes), Long.MAX_VALUE);
    }

    public MessageResult process(String raw) throws Exception {
        try (EncryptedSpool spool = spool(raw)) {
            return intake.process(spool);
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
