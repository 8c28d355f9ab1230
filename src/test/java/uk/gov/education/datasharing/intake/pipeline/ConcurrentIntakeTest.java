package uk.gov.education.datasharing.intake.pipeline;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.education.datasharing.intake.Documents;
import uk.gov.education.datasharing.intake.Mails;
import uk.gov.education.datasharing.intake.inspect.Scanner;
import uk.gov.education.datasharing.intake.store.Outbox;
import uk.gov.education.datasharing.intake.validate.Forms;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several messages in the stages at once, as with two mailbox consumers (docs/adr/0021): each message is read beside the
 * others, and what depends on earlier messages (the sender's reply limit, one case per message however delivered) holds
 * as if they came one by one. The scanner holds each message's first file until all the messages have reached it, so the
 * messages really are in flight together.
 */
@Timeout(120)
class ConcurrentIntakeTest {

    @TempDir
    Path dir;
    Stages stages;

    @AfterEach
    void close() {
        if (stages != null) {
            stages.close();
        }
    }

    /** Holds the first file of each message until {@code parties} messages are being read at once, or 20 s pass. */
    static final class MeetingScanner implements Scanner {
        private final CountDownLatch arrived;
        private final ThreadLocal<Boolean> met = new ThreadLocal<>();
        final AtomicInteger together = new AtomicInteger();

        MeetingScanner(int parties) {
            arrived = new CountDownLatch(parties);
        }

        @Override
        public Result scan(InputStream content, long size) {
            if (met.get() == null) {
                met.set(true);
                arrived.countDown();
                try {
                    if (arrived.await(20, TimeUnit.SECONDS)) {
                        together.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Result.NOT_SCANNED;
        }
    }

    static String application(String from, String subject) {
        return Mails.withAttachments(from, Stages.MAILBOX, subject, "Please find attached.",
                "application-form.docx", Documents.form(Forms.srsApplication()), "npd-data-tables.xlsx", Documents.npdWorkbook("NPD Alias"));
    }

    /** Runs each raw message through the stages on its own thread, all at once. */
    List<MessageResult> processTogether(List<String> raws) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(raws.size());
        try {
            List<Future<MessageResult>> results = new ArrayList<>();
            for (String raw : raws) {
                results.add(pool.submit(() -> stages.process(raw)));
            }
            List<MessageResult> done = new ArrayList<>();
            for (Future<MessageResult> f : results) {
                done.add(f.get(60, TimeUnit.SECONDS));
            }
            return done;
        } finally {
            pool.shutdownNow();
        }
    }

    int replies() throws Exception {
        return stages.db.inTransaction(c -> new Outbox(stages.sealer()).count(c, Outbox.State.PENDING));
    }

    int cases() throws Exception {
        return stages.db.inTransaction(c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery("select count(*) from intake_case")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Test
    void twoMessagesAreReadAtTheSameTime() throws Exception {
        MeetingScanner scanner = new MeetingScanner(2);
        stages = new Stages(dir, scanner);
        List<MessageResult> results = processTogether(List.of(application("one@university.test", "Application one"),
                application("two@college.test", "Application two")));
        assertThat(scanner.together).as("both messages were being read at once").hasValue(2);
        assertThat(results).extracting(MessageResult::reference).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(cases()).isEqualTo(2);
        assertThat(replies()).isEqualTo(2);
    }

    @Test
    void aSendersDailyReplyLimitHoldsWhenItsMessagesAreReadTogether() throws Exception {
        MeetingScanner scanner = new MeetingScanner(4);
        stages = new Stages(dir, scanner, "intake.replies.per-sender-per-day", "2");
        List<String> raws = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            raws.add(application(Stages.APPLICANT, "Application " + i));
        }
        List<MessageResult> results = processTogether(raws);
        assertThat(scanner.together).as("all four passed screening before any was recorded").hasValue(4);
        assertThat(replies()).isEqualTo(2);
        assertThat(results).filteredOn(r -> r.outcome().contains(ScreenMessage.REPLY_LIMIT)).hasSize(2);
    }

    @Test
    void oneMessageDeliveredTwiceAndReadTwiceAtOnceIsOneCaseWithOneReply() throws Exception {
        MeetingScanner scanner = new MeetingScanner(2);
        stages = new Stages(dir, scanner);
        String raw = application(Stages.APPLICANT, "Application");
        // two deliveries: each server hop adds its own trace fields, so the bytes differ and the message does not
        List<MessageResult> results = processTogether(List.of(
                "Received: from mx1.university.test by mx.education.test; Tue, 1 Dec 2026 10:00:00 +0000\r\n" + raw,
                "Received: from mx2.university.test by mx.education.test; Tue, 1 Dec 2026 10:00:03 +0000\r\n" + raw));
        assertThat(scanner.together).as("both deliveries were being read at once").hasValue(2);
        assertThat(cases()).isEqualTo(1);
        assertThat(replies()).isEqualTo(1);
        assertThat(results).extracting(MessageResult::outcome).anyMatch(o -> o.startsWith("DUPLICATE"));
    }
}
