package uk.gov.education.datasharing.intake.mime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30) // hostile input: a regression into a hang fails here instead of hanging the build
class SafeFileNameTest {

    @Test
    void shouldDropPathParts() {
        assertThat(SafeFileName.of("../../etc/passwd", "x")).isEqualTo("passwd");
        assertThat(SafeFileName.of("C:\\Users\\a\\form.docx", "x")).isEqualTo("form.docx");
    }

    @Test
    void shouldDropControlAndBidirectionalOverrideCharacters() {
        assertThat(SafeFileName.of("invoice\u202Excod.exe", "x")).isEqualTo("invoicexcod.exe");
        assertThat(SafeFileName.of("a\u0000b\r\nc\u200B.pdf", "x")).isEqualTo("abc.pdf");
    }

    @Test
    void shouldDefuseReservedDeviceNames() {
        assertThat(SafeFileName.of("CON.docx", "x")).isEqualTo("_CON.docx");
        assertThat(SafeFileName.of("lpt1", "x")).isEqualTo("_lpt1");
    }

    @Test
    void shouldShortenLongNamesKeepingTheExtension() {
        String name = SafeFileName.of("a".repeat(5000) + ".xlsx", "x");
        assertThat(name).hasSize(SafeFileName.MAX_LENGTH).endsWith(".xlsx");
    }

    @Test
    void shouldFallBackWhenNothingUsableIsLeft() {
        assertThat(SafeFileName.of(null, "attachment-1.bin")).isEqualTo("attachment-1.bin");
        assertThat(SafeFileName.of(" ... ", "attachment-1.bin")).isEqualTo("attachment-1.bin");
        assertThat(SafeFileName.of("/", "attachment-1.bin")).isEqualTo("attachment-1.bin");
    }

    @Test
    void shouldKeepNonLatinNames() {
        assertThat(SafeFileName.of("заявка данных.docx", "x")).isEqualTo("заявка данных.docx");
    }

    /** Issue 9: Windows opens a device whatever follows the name: "CON .txt", CONIN$, COM¹. */
    @Test
    void windowsDeviceNamesAreMadeSafeInEveryDisguise() {
        assertThat(SafeFileName.of("CON .txt", "x")).isEqualTo("_CON .txt");
        assertThat(SafeFileName.of("CONIN$", "x")).isEqualTo("_CONIN$");
        assertThat(SafeFileName.of("com\u00B9.docx", "x")).isEqualTo("_com\u00B9.docx");
        assertThat(SafeFileName.of("lpt0.pdf", "x")).isEqualTo("_lpt0.pdf");
        assertThat(SafeFileName.of("console.txt", "x")).isEqualTo("console.txt");
    }
}
