package uk.gov.education.datasharing.intake.inspect;

import org.junit.jupiter.api.Test;

import uk.gov.education.datasharing.intake.model.FileCheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** clamd's answers, as its INSTREAM command writes them, read as verdicts; anything unknown is no verdict. */
class ClamdScannerTest {

    @Test
    void okIsCleanFoundNamesTheSignatureAndTheSizeLimitIsTooLarge() throws Exception {
        assertThat(ClamdScanner.verdict("stream: OK").status()).isEqualTo(FileCheck.Scan.CLEAN);
        Scanner.Result found = ClamdScanner.verdict("stream: Win.Test.EICAR_HDB-1 FOUND");
        assertThat(found.status()).isEqualTo(FileCheck.Scan.INFECTED);
        assertThat(found.signature()).isEqualTo("Win.Test.EICAR_HDB-1");
        assertThat(ClamdScanner.verdict("INSTREAM size limit exceeded. ERROR").status()).isEqualTo(FileCheck.Scan.TOO_LARGE);
    }

    @Test
    void errorsEmptyAnswersAndAnythingElseAreNoVerdict() {
        for (String answer : new String[] {"", "stream: Can't allocate memory ERROR", "UNKNOWN COMMAND", "stream: OKAY", "PONG"}) {
            assertThatThrownBy(() -> ClamdScanner.verdict(answer)).as(answer).isInstanceOf(ScannerUnavailableException.class);
        }
    }

    @Test
    void aSignatureNameIsKeptPrintableAndShort() throws Exception {
        String hostile = "stream: Evil\u0007\u001b[31m" + "x".repeat(500) + " FOUND";
        String kept = ClamdScanner.verdict(hostile).signature();
        assertThat(kept).hasSizeLessThanOrEqualTo(200).doesNotContain("\u0007", "\u001b").startsWith("Evil??[31m");
    }
}
