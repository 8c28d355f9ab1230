package uk.gov.education.datasharing.intake.pipeline;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.education.datasharing.intake.Documents;
import uk.gov.education.datasharing.intake.Mails;
import uk.gov.education.datasharing.intake.model.CaseSummary;
import uk.gov.education.datasharing.intake.store.Cases;
import uk.gov.education.datasharing.intake.store.Outbox;
import uk.gov.education.datasharing.intake.validate.Forms;

import static org.assertj.core.api.Assertions.assertThat;

/** The orchestrator over the real stages: each way a message can end, and every stage timed. */
@Timeout(60)
class MessageIntakeTest {

    @TempDir
    Path dir;
    Stages stages;

    Stages stages(String... settings) throws Exception {
        stages = new Stages(dir, settings);
        return stages;
    }

    @AfterEach
    void close() {
        if (stages != null) {
            stages.close();
        }
    }

    static String application(String from) {
        return Mails.withAttachments(from, Stages.MAILBOX, "Application", "Please find attached.",
                "application-form.docx", Documents.form(Forms.srsApplication()), "npd-data-tables.xlsx", Documents.npdWorkbook("NPD Alias"));
    }

    List<CaseSummary> cases() throws Exception {
        return stages.db.inTransaction(c -> new Cases(stages.sealer()).list(c, 10));
    }

    int queuedReplies() throws Exception {
        return stages.db.inTransaction(c -> new Outbox(stages.sealer()).count(c, Outbox.State.PENDING));
    }

    @Test
    void anApplicationGoesThroughEveryStageIntoOneCaseWithOneQueuedReply() throws Exception {
        MessageResult result = stages().process(application(Stages.APPLICANT));
        assertThat(result.folder()).isEqualTo("Processed");
        assertThat(result.outcome()).endsWith("_V1");
        assertThat(cases()).singleElement().satisfies(c -> assertThat(c.reference()).isEqualTo(result.reference()));
        assertThat(queuedReplies()).isEqualTo(1);
        EnumSet<Stage> timed = EnumSet.noneOf(Stage.class);
        stages.timings.snapshot().forEach((stage, summary) -> {
            if (summary.count() > 0) {
                timed.add(stage);
            }
        });
        // process(spool) starts after the spool stage; every later stage ran and was timed, inspect once per file
        assertThat(timed).isEqualTo(EnumSet.complementOf(EnumSet.of(Stage.SPOOL)));
        assertThat(stages.timings.snapshot().get(Stage.INSPECT).count()).isEqualTo(2);
    }

    @Test
    void theSameMessageTwiceIsOneCase() throws Exception {
        String raw = application(Stages.APPLICANT);
        MessageResult first = stages().process(raw);
        MessageResult second = stages.process(raw);
        assertThat(second.outcome()).isEqualTo("DUPLICATE_OF_PROCESSED");
        assertThat(second.reference()).isEqualTo(first.reference());
        assertThat(cases()).hasSize(1);
        assertThat(queuedReplies()).isEqualTo(1);
    }

    @Test
    void automaticMailIsIgnoredWithoutCaseOrReply() throws Exception {
        MessageResult result = stages().process("Auto-Submitted: auto-replied\r\n" + application(Stages.APPLICANT));
        assertThat(result.folder()).isEqualTo("Ignored");
        assertThat(cases()).isEmpty();
        assertThat(queuedReplies()).isZero();
    }

    @Test
    void aSenderPastTheReplyLimitIsIgnored() throws Exception {
        stages("intake.replies.per-sender-per-day", "1").process(application(Stages.APPLICANT));
        MessageResult result = stages.process(application(Stages.APPLICANT));
        assertThat(result.outcome()).isEqualTo("IGNORED_REPLY_LIMIT");
        assertThat(queuedReplies()).isEqualTo(1);
    }

    @Test
    void aHeaderBlockTooLongToParseIsQuarantinedUnread() throws Exception {
        String padding = "X-Padding: " + "a".repeat(70_000) + "\r\n";
        MessageResult result = stages("intake.limits.header-bytes", "65536").process(padding + application(Stages.APPLICANT));
        assertThat(result.folder()).isEqualTo("Quarantine");
        assertThat(cases()).singleElement().satisfies(c -> {
            assertThat(c.flags()).containsExactly("HEADERS_TOO_LONG");
            assertThat(c.sender()).isEmpty();
        });
        assertThat(queuedReplies()).isZero();
    }

    @Test
    void aMessageThatFailedTooOftenIsQuarantinedBeforeItIsParsed() throws Exception {
        String raw = application(Stages.APPLICANT);
        stages("intake.limits.max-attempts", "1");
        try (var spool = stages.spool(raw)) {
            new CountAttempt(stages.db, java.time.Clock.systemUTC(), 1).count(spool); // an earlier attempt that crashed
        }
        MessageResult result = stages.process(raw);
        assertThat(result.folder()).isEqualTo("Quarantine");
        assertThat(cases()).singleElement().satisfies(c -> assertThat(c.flags()).containsExactly("PROCESSING_FAILED"));
        assertThat(stages.timings.snapshot().get(Stage.SCREEN).count()).isZero();
    }

    @Test
    void anUnsafeFileQuarantinesTheMessageWithANoticeAndNoValidation() throws Exception {
        MessageResult result = stages().process(Mails.withAttachments(Stages.APPLICANT, Stages.MAILBOX, "Application", "Attached.",
                "application-form.docx", Documents.docm()));
        assertThat(result.outcome()).isEqualTo("QUARANTINED_UNSAFE_FILE_V1");
        assertThat(cases()).singleElement().satisfies(c -> assertThat(c.flags()).contains("UNSAFE_FILE"));
        assertThat(queuedReplies()).isEqualTo(1);
    }

    /** Issue 9: work per message had no time bound; past the deadline a message is quarantined and the next one is processed. */
    @Test
    void aMessagePastItsDeadlineIsQuarantinedAndTheNextIsProcessedWithoutARestart() throws Exception {
        Path workbook = dir.resolve("large.xlsx");
        Documents.largeNpdWorkbook(workbook, 360_000, 25);
        String slow = Mails.withAttachments(Stages.APPLICANT, Stages.MAILBOX, "Application", "Attached.",
                "application-form.docx", Documents.form(Forms.srsApplication()), "npd-data-tables.xlsx", java.nio.file.Files.readAllBytes(workbook));
        stages("intake.limits.message-seconds", "1");
        MessageResult late = stages.process(slow);
        assertThat(late.folder()).isEqualTo("Quarantine");
        assertThat(cases()).singleElement().satisfies(c -> {
            assertThat(c.flags()).containsExactly("DEADLINE_EXCEEDED");
            assertThat(c.sender()).isEqualTo(Stages.APPLICANT);
        });
        assertThat(queuedReplies()).isZero();
        MessageResult next = stages.process(Mails.withAttachments("next@university.test", Stages.MAILBOX, "Question", "Hello?",
                "note.pdf", Documents.pdf("A question")));
        assertThat(next.folder()).isEqualTo("Processed");
    }
}
