package uk.gov.education.datasharing.intake.pipeline;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.education.datasharing.intake.Documents;
import uk.gov.education.datasharing.intake.Mails;
import uk.gov.education.datasharing.intake.ProjectSchemas;
import uk.gov.education.datasharing.intake.inspect.FileInspector;
import uk.gov.education.datasharing.intake.inspect.Scanner;
import uk.gov.education.datasharing.intake.io.EncryptedSpool;
import uk.gov.education.datasharing.intake.io.WorksheetListener;
import uk.gov.education.datasharing.intake.mailbox.Envelope;
import uk.gov.education.datasharing.intake.mailbox.IsAutomaticMail;
import uk.gov.education.datasharing.intake.mailbox.SenderAuthentication;
import uk.gov.education.datasharing.intake.model.FileCheck.Verdict;
import uk.gov.education.datasharing.intake.model.Outcome;
import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.model.ReceivedFile;
import uk.gov.education.datasharing.intake.store.InboundMessages;
import uk.gov.education.datasharing.intake.triage.CaseLinker;
import uk.gov.education.datasharing.intake.validate.Forms;
import uk.gov.education.datasharing.intake.validate.SubmissionReader;

import static org.assertj.core.api.Assertions.assertThat;

/** Each stage on its own, over the real database and store where it needs them. */
@Timeout(60)
class StageTest {

    @TempDir
    Path dir;
    Stages stages;

    @BeforeEach
    void create() throws Exception {
        stages = new Stages(dir);
    }

    @AfterEach
    void close() {
        stages.close();
    }

    String application() {
        return MessageIntakeTest.application(Stages.APPLICANT);
    }

    @Nested
    class Spool {
        @Test
        void aMessageOverTheLimitIsNotSpooled() throws Exception {
            MimeMessage message = Mails.parse(application());
            SpoolMessage spool = new SpoolMessage(stages.spoolDir(), 1_000);
            assertThat(spool.spool(message)).isEmpty();
            try (EncryptedSpool spooled = new SpoolMessage(stages.spoolDir(), 10_000_000).spool(message).orElseThrow()) {
                assertThat(spooled.size()).isPositive();
                assertThat(spooled.sha256()).hasSize(64);
            }
        }
    }

    @Nested
    class Attempts {
        @Test
        void eachAttemptIsCountedAndTheLimitSaysWhenToStop() throws Exception {
            CountAttempt attempts = new CountAttempt(stages.db, Clock.systemUTC(), 1);
            try (EncryptedSpool raw = stages.spool(application())) {
                InboundMessages.Attempt first = attempts.count(raw);
                InboundMessages.Attempt second = attempts.count(raw);
                assertThat(first.attempts()).isEqualTo(1);
                assertThat(attempts.exhausted(first)).isFalse();
                assertThat(second.attempts()).isEqualTo(2);
                assertThat(attempts.exhausted(second)).isTrue();
            }
        }
    }

    @Nested
    class Keep {
        @Test
        void theRawMessageIsStoredEncryptedUnderItsHash() throws Exception {
            try (EncryptedSpool raw = stages.spool(application())) {
                new KeepMessage(stages.store).keep(raw);
                assertThat(stages.store.contains(raw.sha256())).isTrue();
            }
        }
    }

    @Nested
    class Screen {
        ScreenMessage screen(int perDay) {
            return new ScreenMessage(65_536, new IsAutomaticMail(Stages.MAILBOX), new SenderReplyLimit(stages.db, Clock.systemUTC(), perDay, stages.sealer()),
                    new SenderAuthentication(null, SenderAuthentication.WithoutHeader.AUTHENTICATED));
        }

        @Test
        void anOrdinaryMessagePassesWithItsSender() throws Exception {
            try (EncryptedSpool raw = stages.spool(application())) {
                assertThat(screen(10).screen(raw)).isInstanceOfSatisfying(Screening.Pass.class,
                        p -> assertThat(p.sender()).isEqualTo(Stages.APPLICANT));
            }
        }

        @Test
        void mailFromOurselvesIsIgnoredAndOverlongHeadersAreQuarantined() throws Exception {
            try (EncryptedSpool own = stages.spool(MessageIntakeTest.application(Stages.MAILBOX));
                 EncryptedSpool huge = stages.spool("X-Padding: " + "a".repeat(70_000) + "\r\n" + application())) {
                assertThat(screen(10).screen(own)).isInstanceOf(Screening.Ignore.class);
                assertThat(screen(10).screen(huge)).isEqualTo(new Screening.Quarantine(ScreenMessage.HEADERS_TOO_LONG));
            }
        }

        @Test
        void aSenderAtTheReplyLimitIsIgnored() throws Exception {
            try (EncryptedSpool raw = stages.spool(application())) {
                assertThat(screen(0).screen(raw)).isEqualTo(new Screening.Ignore(ScreenMessage.REPLY_LIMIT));
            }
        }
    }

    @Nested
    class Inspect {
        @Test
        void aFileIsJudgedByContentAndAFormIsRead() throws Exception {
            InspectFile inspect = new InspectFile(new FileInspector(stages.config.limits().inspection(), Scanner.NONE),
                    stages.config.limits().documentInflatedBytes());
            SubmissionReader reader = new SubmissionReader(ProjectSchemas.SCHEMAS, 100);
            byte[] form = Documents.form(Forms.srsApplication());
            try (EncryptedSpool file = EncryptedSpool.write(stages.spoolDir(), out -> out.write(form), Long.MAX_VALUE)) {
                ReceivedFile named = new ReceivedFile(1, "1.2", "x.bin", "x.bin", "application/octet-stream", form.length, file.sha256());
                InspectFile.Inspected inspected = inspect.inspect(file, named, null, WorksheetListener.NONE);
                assertThat(inspected.judgement().check().verdict()).isEqualTo(Verdict.ACCEPTED);
                assertThat(InspectFile.read(file, inspected, reader, null).form()).isNotNull();
            }
        }
    }

    @Nested
    class Extract {
        @Test
        void everyFileIsStoredJudgedOnceAndAddedToTheReaderUnderItsName() throws Exception {
            ExtractFiles extract = stages.intake.stages().extract();
            String raw = Mails.withAttachments(Stages.APPLICANT, Stages.MAILBOX, "S", "B", "application-form.docx",
                    Documents.form(Forms.srsApplication()), "copy.docx", Documents.form(Forms.srsApplication()), "macro.docx", Documents.docm());
            ExtractedFiles files = extract.extract(Mails.parse(raw));
            assertThat(files.files()).extracting(f -> f.check().verdict()).containsExactly(Verdict.ACCEPTED, Verdict.ACCEPTED, Verdict.UNSAFE);
            assertThat(files.unsafe()).isTrue();
            assertThat(files.files()).allSatisfy(f -> assertThat(stages.store.contains(f.sha256())).isTrue());
            assertThat(stages.timings.snapshot().get(Stage.INSPECT).count()).isEqualTo(3);
            assertThat(files.reader().parts()).containsKey(SubmissionReader.FORM);
        }
    }

    @Nested
    class Link {
        @Test
        void aRetriedMessageKeepsItsCaseAndANewOneOpensACase() throws Exception {
            LinkCase link = new LinkCase(stages.db, stages.sealer());
            Envelope envelope = Envelope.read(Mails.parse(application()));
            var retried = new InboundMessages.Attempt("sha", InboundMessages.State.IN_PROGRESS, 2, null, "DSI-K7M2-Q9PX");
            var fresh = new InboundMessages.Attempt("sha", InboundMessages.State.IN_PROGRESS, 1, null, null);
            assertThat(link.link(retried, envelope, Stages.APPLICANT, true)).isEqualTo(new CaseLinker.ExistingCase("DSI-K7M2-Q9PX"));
            assertThat(link.link(fresh, envelope, Stages.APPLICANT, true)).isEqualTo(new CaseLinker.NewCase(List.of()));
        }
    }

    @Nested
    class Decide {
        DecideOutcome decide = new DecideOutcome(ProjectSchemas.SCHEMAS.problems());

        Validated validated(uk.gov.education.datasharing.intake.validate.Validation.Scope scope, Problem... problems) {
            return new Validated(new uk.gov.education.datasharing.intake.validate.Validation(scope, List.of(problems), List.of()), List.of(),
                    Map.of(), List.of());
        }

        @Test
        void oneFormulaForEveryOutcome() {
            var application = uk.gov.education.datasharing.intake.validate.Validation.Scope.APPLICATION;
            Problem error = Problem.of(ProblemCode.FORM_MISSING, "Your application", "", "");
            Problem warning = Problem.of(ProblemCode.FILE_TYPE_MISMATCH, "a.pdf", "", "x");
            Problem unsafe = Problem.of(ProblemCode.FILE_HAS_MACROS, "a.docm", "", "");
            assertThat(decide.decide(List.of(), validated(application)).outcome()).isEqualTo(Outcome.ACCEPTED);
            assertThat(decide.decide(List.of(warning), validated(application)).outcome()).isEqualTo(Outcome.ACCEPTED);
            assertThat(decide.decide(List.of(), validated(application, error)).outcome()).isEqualTo(Outcome.DEFECTS);
            assertThat(decide.decide(List.of(Problem.of(ProblemCode.FILE_DAMAGED, "a.pdf", "", "a PDF")), validated(application)).outcome())
                    .as("a file error is a defect even when the rules found none").isEqualTo(Outcome.DEFECTS);
            assertThat(decide.decide(List.of(error), validated(uk.gov.education.datasharing.intake.validate.Validation.Scope.REDIRECT_ONLY))
                    .outcome()).isEqualTo(Outcome.REDIRECTED);
            assertThat(decide.decide(List.of(), validated(uk.gov.education.datasharing.intake.validate.Validation.Scope.NOT_AN_APPLICATION))
                    .outcome()).isEqualTo(Outcome.ENQUIRY);
            assertThat(decide.decide(List.of(unsafe), Validated.skipped()).outcome()).isEqualTo(Outcome.QUARANTINED);
        }

        @Test
        void aPreviousErrorNoLongerThereIsReportedFixed() {
            var before = List.of(new uk.gov.education.datasharing.intake.store.Cases.StoredFinding("ANSWER_MISSING", "ERROR", "form.docx",
                    "Telephone number", "", "Enter telephone number.", ""));
            Decision decision = decide.decide(List.of(), new Validated(new uk.gov.education.datasharing.intake.validate.Validation(
                    uk.gov.education.datasharing.intake.validate.Validation.Scope.APPLICATION, List.of(), List.of()), List.of(), Map.of(), before));
            assertThat(decision.findings()).singleElement().satisfies(d -> {
                assertThat(d.code()).isEqualTo("FIXED");
                assertThat(d.message()).isEqualTo("Enter telephone number.");
            });
        }
    }

    @Nested
    class Record {
        @Test
        void findingsAboutAnswersAreStoredWithoutTheAnswerAndAtMostTwoThousandAreKept() {
            StoredFindings stored = new StoredFindings(ProjectSchemas.SCHEMAS.problems());
            var answer = ProjectSchemas.render(Problem.of(ProblemCode.ANSWER_FORMAT, "form.docx", "Email address", "secret@home")
                    .variant("email").with("label", "email address"));
            assertThat(stored.keep(List.of(answer))).singleElement().satisfies(d -> assertThat(d.found()).isEmpty());
            var many = java.util.Collections.nCopies(2_500, answer);
            List<uk.gov.education.datasharing.intake.model.Defect> kept = stored.keep(many);
            assertThat(kept).hasSize(StoredFindings.MAX);
            assertThat(kept.get(kept.size() - 1).message()).isEqualTo("There are 501 more problems than we list here.");
        }

        @Test
        void aMessageAnotherAttemptFinishedIsNotRecordedTwice() throws Exception {
            String raw = application();
            MessageResult first = stages.process(raw);
            try (EncryptedSpool spool = stages.spool(raw)) {
                String identity;
                try (var in = spool.open()) {
                    identity = uk.gov.education.datasharing.intake.mailbox.MessageIdentity.of(in);
                }
                var attempt = new InboundMessages.Attempt(identity, InboundMessages.State.IN_PROGRESS, 1, null, null);
                RecordCase.Submission again = new RecordCase.Submission(spool, attempt, Stages.APPLICANT, true, new CaseLinker.NewCase(List.of()),
                        new ExtractedFiles(List.of(), List.of(), new SubmissionReader(ProjectSchemas.SCHEMAS, 10), null), Validated.skipped(),
                        new Decision(Outcome.ACCEPTED, List.of()));
                MessageResult second = stages.intake.stages().record().record(again);
                assertThat(second.outcome()).isEqualTo("DUPLICATE_OF_PROCESSED");
                assertThat(second.reference()).isEqualTo(first.reference());
            }
        }
    }

    @Nested
    class Ends {
        @Test
        void anIgnoredMessageIsRecordedAsIgnored() throws Exception {
            try (EncryptedSpool raw = stages.spool(application())) {
                var attempt = new CountAttempt(stages.db, Clock.systemUTC(), 3).count(raw);
                MessageResult result = new IgnoreMessage(stages.db, stages.config.folders(), Clock.systemUTC()).ignore(attempt.sha256(), "TEST");
                assertThat(result.folder()).isEqualTo("Ignored");
                Optional<InboundMessages.Attempt> recorded = stages.db.inTransaction(c -> new InboundMessages().find(c, attempt.sha256(), false));
                assertThat(recorded).hasValueSatisfying(a -> assertThat(a.state()).isEqualTo(InboundMessages.State.IGNORED));
            }
        }

        @Test
        void aQuarantinedMessageOpensAFlaggedCaseForTheTeamWithItsSender() throws Exception {
            try (EncryptedSpool raw = stages.spool(application())) {
                var attempt = new CountAttempt(stages.db, Clock.systemUTC(), 3).count(raw);
                ScreenMessage parser = new ScreenMessage(65_536, new IsAutomaticMail(Stages.MAILBOX), null, null);
                MessageResult result = new QuarantineMessage(stages.db, stages.config.folders(), parser, Clock.systemUTC(), stages.sealer())
                        .quarantine(raw, attempt, "PROCESSING_FAILED");
                assertThat(result.folder()).isEqualTo("Quarantine");
                Optional<String> sender = stages.db.inTransaction(c -> new uk.gov.education.datasharing.intake.store.Cases(stages.sealer())
                        .senderOf(c, result.reference()));
                assertThat(sender).contains(Stages.APPLICANT);
            }
        }
    }

    /** Issue 9: one inflate budget per file, shared by its inspection and its readers. */
    @Nested
    class SharedBudget {
        @Test
        void aWorkbookWithinTheBudgetForEachReaderAloneIsNotReadPastItTogether() throws Exception {
            byte[] workbook = uk.gov.education.datasharing.intake.HostileFiles.manySheetsOnePart(1, 20_000);
            SubmissionReader reader = new SubmissionReader(ProjectSchemas.SCHEMAS, 100_000);
            try (EncryptedSpool file = EncryptedSpool.write(stages.spoolDir(), out -> out.write(workbook), Long.MAX_VALUE)) {
                ReceivedFile named = new ReceivedFile(1, "1.2", "t.xlsx", "t.xlsx", "application/octet-stream", workbook.length, file.sha256());
                long sheetPart = java.util.Objects.requireNonNull(Documents.read(workbook, "xl/worksheets/sheet1.xml")).length;
                // enough for inspection (which reads the sheet once) but not for inspection and reading together
                InspectFile tight = new InspectFile(new FileInspector(stages.config.limits().inspection(), Scanner.NONE), sheetPart + 100_000);
                InspectFile.Inspected inspected = tight.inspect(file, named, null, WorksheetListener.NONE);
                assertThat(inspected.judgement().check().verdict()).isEqualTo(Verdict.ACCEPTED);
                assertThat(InspectFile.read(file, inspected, reader, null).unreadable()).isTrue();
                InspectFile roomy = new InspectFile(new FileInspector(stages.config.limits().inspection(), Scanner.NONE), 10 * sheetPart);
                InspectFile.Inspected again = roomy.inspect(file, named, null, WorksheetListener.NONE);
                assertThat(InspectFile.read(file, again, reader, null).tables()).isNotNull();
            }
        }
    }
}
