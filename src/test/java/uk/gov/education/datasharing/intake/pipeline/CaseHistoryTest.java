package uk.gov.education.datasharing.intake.pipeline;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.education.datasharing.intake.ProjectSchemas;
import uk.gov.education.datasharing.intake.store.DocumentStates;
import uk.gov.education.datasharing.intake.store.StateKey;
import uk.gov.education.datasharing.intake.validate.SubmissionReader;

import static org.assertj.core.api.Assertions.assertThat;

/** What a case remembers between messages: sealed under the state key, merged into a later version that lacks it. */
@Timeout(60)
class CaseHistoryTest {

    @TempDir
    Path dir;
    Stages stages;
    String reference;

    @BeforeEach
    void firstVersion() throws Exception {
        stages = new Stages(dir);
        reference = stages.process(MessageIntakeTest.application(Stages.APPLICANT)).reference();
    }

    @AfterEach
    void close() {
        stages.close();
    }

    @Test
    void aLaterVersionWithoutTheFormIsValidatedWithTheEarlierOne() throws Exception {
        SubmissionReader later = new SubmissionReader(ProjectSchemas.SCHEMAS, 100);
        stages.db.inTransaction(c -> new CaseHistory(stages.stateKey).mergeEarlier(c, reference, later, List.of()));
        var submission = later.submission(LocalDate.now());
        assertThat(submission.form()).hasValueSatisfying(f -> assertThat(f.answer("applicant.email")).isPresent());
        assertThat(submission.tables()).singleElement().satisfies(t -> assertThat(t.source()).isEqualTo("NPD"));
    }

    @Test
    void theKeptPartsAreSealedSoNoAnswerIsInTheDatabase() throws Exception {
        Map<String, String> sealed = stages.db.inTransaction(c -> new DocumentStates().all(c, reference));
        assertThat(sealed).containsKeys(SubmissionReader.FORM, SubmissionReader.TABLES + "NPD");
        String email = uk.gov.education.datasharing.intake.validate.Forms.srsApplication().get("applicant.email");
        assertThat(String.join("", sealed.values())).doesNotContain(email).doesNotContain("EthnicGroup");
        assertThat(new String(stages.stateKey.open(sealed.get(SubmissionReader.FORM), reference + "|" + SubmissionReader.FORM),
                StandardCharsets.UTF_8)).contains(email);
    }

    @Test
    void anotherKeyOrNoKeyMergesNothing() throws Exception {
        SubmissionReader withOtherKey = new SubmissionReader(ProjectSchemas.SCHEMAS, 100);
        StateKey other = StateKey.fromBase64(StateKey.generate());
        stages.db.inTransaction(c -> new CaseHistory(other).mergeEarlier(c, reference, withOtherKey, List.of()));
        assertThat(withOtherKey.submission(LocalDate.now()).form()).isEmpty();
        assertThat(new CaseHistory(null).enabled()).isFalse();
    }
}
