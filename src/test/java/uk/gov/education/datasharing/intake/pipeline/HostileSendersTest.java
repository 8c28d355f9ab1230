package uk.gov.education.datasharing.intake.pipeline;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.education.datasharing.intake.Documents;
import uk.gov.education.datasharing.intake.Mails;
import uk.gov.education.datasharing.intake.model.CaseStatus;
import uk.gov.education.datasharing.intake.model.CaseSummary;
import uk.gov.education.datasharing.intake.model.Outcome;
import uk.gov.education.datasharing.intake.reply.Reply;
import uk.gov.education.datasharing.intake.reply.ReplyComposer;
import uk.gov.education.datasharing.intake.store.CaseActions;
import uk.gov.education.datasharing.intake.store.Cases;
import uk.gov.education.datasharing.intake.triage.CaseLinker;
import uk.gov.education.datasharing.intake.validate.Forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Issue 9: senders who forge From or name groups can neither mail others through the gateway nor change a case. */
@Timeout(60)
class HostileSendersTest {

    static final String TRUSTED = "Authentication-Results: mx.dfe.test; dmarc=pass header.from=university.test\r\n";
    static final String LURE = "Call 0800 000 000 to claim your DfE research grant refund.pdf";

    @TempDir
    Path dir;
    Stages stages;

    Stages stages(String... settings) throws Exception {
        List<String> all = new ArrayList<>(List.of("intake.auth.trusted-authserv-id", "mx.dfe.test", "intake.auth.without-header",
                "unauthenticated"));
        all.addAll(List.of(settings));
        stages = new Stages(dir, all.toArray(String[]::new));
        return stages;
    }

    @AfterEach
    void close() {
        if (stages != null) {
            stages.close();
        }
    }

    record Row(String reference, String kind, String state, String error, String recipient) {
    }

    List<Row> outbox() throws Exception {
        return stages.db.inTransaction(c -> {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("select case_reference, kind, state, last_error, recipient from outbox order by id");
                 ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
            return rows;
        });
    }

    CaseSummary caseOf(String reference) throws Exception {
        return stages.db.inTransaction(c -> new Cases(stages.sealer()).find(c, reference)).orElseThrow();
    }

    static String application(String from, String subject, String headers) {
        return headers + Mails.withAttachments(from, Stages.MAILBOX, subject, "Attached.", "application-form.docx",
                Documents.form(Forms.srsApplication()), "npd-data-tables.xlsx", Documents.npdWorkbook("NPD Alias"));
    }

    @Test
    void aGroupAsTheSenderGetsNoReplyAndCausesNone() throws Exception {
        String raw = application(Stages.APPLICANT, "Application", "").replaceFirst("From: [^\r\n]*",
                "From: notice: a@victim.test, b@victim.test, c@victim.test;");
        MessageResult result = stages().process(raw);
        assertThat(result.outcome()).isEqualTo("IGNORED_NO_SENDER");
        assertThat(outbox()).isEmpty();
    }

    @Test
    void anUnauthenticatedSenderGetsANoticeThatRepeatsNothingTheyWrote() throws Exception {
        String raw = Mails.withAttachments(Stages.APPLICANT, Stages.MAILBOX, "Forwarded: the secret subject", "Hello", LURE, Documents.pdf("x"));
        MessageResult result = stages().process(raw);
        assertThat(outbox()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(Reply.Kind.RECEIVED_NOTICE.name());
            assertThat(r.state()).isEqualTo("PENDING");
        });
        var submission = stages.db.inTransaction(c -> new Cases(stages.sealer()).submissions(c, result.reference())).get(0);
        ReplyComposer composer = new ReplyComposer(Stages.MAILBOX, "DfE data sharing");
        MimeMessage notice = composer.compose(Session.getInstance(new Properties()), new Reply(Reply.Kind.RECEIVED_NOTICE, result.reference(), 1,
                Stages.APPLICANT, composer.newMessageId(result.reference()), submission.files(), List.of()));
        String text = (String) ((MimeMultipart) notice.getContent()).getBodyPart(0).getContent();
        String html = (String) ((MimeMultipart) notice.getContent()).getBodyPart(1).getContent();
        assertThat(text + html + notice.getSubject()).contains(result.reference()).doesNotContain("0800").doesNotContain("secret subject");
        assertThat(caseOf(result.reference()).flags()).as("in the team's flagged queue").containsExactly(RecordCase.UNAUTHENTICATED);
    }

    @Test
    void anUnauthenticatedSenderGetsNothingWhenSoConfiguredAndTheRefusalIsRecorded() throws Exception {
        stages("intake.replies.unauthenticated", "none").process(application(Stages.APPLICANT, "Application", ""));
        assertThat(outbox()).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo("REFUSED");
            assertThat(r.error()).isEqualTo(RecordCase.UNAUTHENTICATED);
        });
    }

    @Test
    void aForgedFollowUpCannotChangeTheCase() throws Exception {
        MessageResult first = stages().process(application(Stages.APPLICANT, "Application", TRUSTED));
        CaseSummary before = caseOf(first.reference());
        MessageResult forged = stages.process(Mails.withAttachments(Stages.APPLICANT, Stages.MAILBOX, "Re: " + first.reference(), "Update.",
                "tool.exe", Documents.exe()));
        assertThat(forged.reference()).isNotEqualTo(first.reference());
        assertThat(caseOf(forged.reference()).flags()).contains(CaseLinker.FLAG_NOT_AUTHENTICATED, RecordCase.UNSAFE_FILE);
        java.util.Optional<String> related = stages.db.inTransaction(c -> new CaseActions().relatedOf(c, forged.reference()));
        assertThat(related).contains(first.reference());
        CaseSummary after = caseOf(first.reference());
        assertThat(after.status()).isEqualTo(before.status());
        assertThat(after.outcome()).isEqualTo(before.outcome());
        assertThat(after.versions()).isEqualTo(1);
    }

    @Test
    void aQuarantinedCaseStaysQuarantinedUntilTheTeamReleasesIt() throws Exception {
        MessageResult unsafe = stages().process(TRUSTED + Mails.withAttachments(Stages.APPLICANT, Stages.MAILBOX, "Application", "Attached.",
                "application-form.docx", Documents.docm()));
        MessageResult clean = stages.process(application(Stages.APPLICANT, "Re: " + unsafe.reference(), TRUSTED));
        assertThat(clean.reference()).isEqualTo(unsafe.reference());
        CaseSummary held = caseOf(unsafe.reference());
        assertThat(held.status()).isEqualTo(CaseStatus.QUARANTINED);
        assertThat(held.outcome()).isEqualTo(Outcome.QUARANTINED);
        assertThat(held.flags()).contains(RecordCase.UNSAFE_FILE);
        assertThat(held.versions()).isEqualTo(2);

        boolean released = stages.db.inTransaction(c -> new CaseActions().release(c, unsafe.reference(), "a.reviewer", "Macro checked: benign",
                Instant.now()));
        assertThat(released).isTrue();
        CaseSummary open = caseOf(unsafe.reference());
        assertThat(open.status()).isEqualTo(CaseStatus.OPEN);
        assertThat(open.outcome()).isIn(Outcome.ACCEPTED, Outcome.DEFECTS);
        assertThat(open.flags()).doesNotContain(RecordCase.UNSAFE_FILE);
        List<CaseActions.Event> events = stages.db.inTransaction(c -> new CaseActions().events(c, unsafe.reference()));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(CaseActions.RELEASED);
            assertThat(e.actor()).isEqualTo("a.reviewer");
            assertThat(e.reason()).isEqualTo("Macro checked: benign");
        });
    }

    @Test
    void repliesAreCappedPerDomainAndInAllAndEachRefusalIsRecorded() throws Exception {
        stages("intake.auth.without-header", "authenticated", "intake.replies.per-domain-per-hour", "1", "intake.replies.per-hour", "2");
        stages.process(application("a@university.test", "Application A", ""));
        stages.process(application("b@university.test", "Application B", ""));
        stages.process(application("c@college.test", "Application C", ""));
        stages.process(application("d@school.test", "Application D", ""));
        assertThat(outbox()).extracting(Row::state, Row::error).containsExactly(
                tuple("PENDING", null),
                tuple("REFUSED", ReplyCaps.DOMAIN_CAP),
                tuple("PENDING", null),
                tuple("REFUSED", ReplyCaps.TOTAL_CAP));
    }
}
