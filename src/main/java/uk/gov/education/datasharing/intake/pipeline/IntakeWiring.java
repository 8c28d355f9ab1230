package uk.gov.education.datasharing.intake.pipeline;

import java.nio.file.Path;
import java.time.Clock;

import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.inspect.FileInspector;
import uk.gov.education.datasharing.intake.inspect.Scanner;
import uk.gov.education.datasharing.intake.mailbox.IsAutomaticMail;
import uk.gov.education.datasharing.intake.mailbox.SenderAuthentication;
import uk.gov.education.datasharing.intake.mime.FileExtractor;
import uk.gov.education.datasharing.intake.reply.ReplyComposer;
import uk.gov.education.datasharing.intake.schema.Schemas;
import uk.gov.education.datasharing.intake.store.Database;
import uk.gov.education.datasharing.intake.store.EncryptedObjectStore;
import uk.gov.education.datasharing.intake.store.Sealer;
import uk.gov.education.datasharing.intake.store.StateKey;
import uk.gov.education.datasharing.intake.validate.Validator;

/** Builds the intake stages from the configuration: the one place that knows which stage needs what. */
public final class IntakeWiring {

    /** What the stages are built from; the state key seals what senders wrote, and a case's parts between messages. */
    public record Parts(GatewayConfig config, Database db, EncryptedObjectStore store, Path spoolDir, ReplyComposer composer, Clock clock,
                        Schemas schemas, StateKey stateKey, Scanner scanner) {
    }

    private IntakeWiring() {
    }

    /** The extractor within the intake.limits.* bounds: the gateway's, and validate's. */
    public static FileExtractor extractor(GatewayConfig.Limits l) {
        return new FileExtractor(new FileExtractor.Limits(l.mimeDepth(), l.mimeParts(), l.files(), l.fileBytes(),
                l.totalBytes(), l.archiveEntries(), l.archiveRatio(), l.archiveDepth()));
    }

    /** The inspection of each file within the intake.limits.* bounds, with the scanner. */
    public static InspectFile inspector(GatewayConfig.Limits l, Scanner scanner) {
        return new InspectFile(new FileInspector(l.inspection(), scanner), l.documentInflatedBytes());
    }

    public static MessageIntake build(Parts p, StageTimings timings) {
        GatewayConfig.Limits l = p.config().limits();
        GatewayConfig.Folders folders = p.config().folders();
        FileExtractor extractor = extractor(l);
        InspectFile inspect = inspector(l, p.scanner());
        Sealer sealer = new Sealer(p.stateKey());
        CaseHistory history = new CaseHistory(p.stateKey());
        ScreenMessage screen = new ScreenMessage(l.headerBytes(), new IsAutomaticMail(p.config().mailboxAddress()),
                new SenderReplyLimit(p.db(), p.clock(), p.config().replies().perSenderPerDay(), sealer),
                new SenderAuthentication(p.config().auth().trustedAuthservId(), p.config().auth().withoutHeader()));
        IntakeStages stages = new IntakeStages(
                new SpoolMessage(p.spoolDir(), l.messageBytes()),
                new CountAttempt(p.db(), p.clock(), l.maxAttempts()),
                new KeepMessage(p.store()),
                screen,
                new ExtractFiles(extractor, inspect, p.store()::put, p.spoolDir(), p.schemas(), timings),
                new LinkCase(p.db(), sealer),
                new ValidateSubmission(p.db(), new Validator(p.schemas()), history, p.clock()),
                new DecideOutcome(p.schemas().problems()),
                new RecordCase(p.db(), p.store(), history, p.composer(), p.config(), p.schemas().problems(), p.clock(), sealer),
                new QuarantineMessage(p.db(), folders, screen, p.clock(), sealer),
                new IgnoreMessage(p.db(), folders, p.clock()));
        return new MessageIntake(stages, timings, l.messageTime());
    }
}
