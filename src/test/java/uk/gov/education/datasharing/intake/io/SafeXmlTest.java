package uk.gov.education.datasharing.intake.io;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SafeXmlTest {

    /** What a shared-string index was read as before: Integer.parseInt of the trimmed text, negatives and failures as -1. */
    private static int parsed(String text) {
        try {
            int value = Integer.parseInt(text.trim());
            return value < 0 ? -1 : value;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Test
    void anIndexIsReadAsIntegerParseIntReadsTheTrimmedText() {
        for (String text : List.of("0", "17", " 42 ", "\t7\n", "+5", "-3", "", " ", "2147483647", "2147483648", "99999999999", "1 2", "١٢",
                "0x10", "+", "-", "007", "\u00a05")) {
            assertThat(SafeXml.index(text)).as("[%s]", text).isEqualTo(parsed(text));
        }
        Random random = new Random(5);
        String alphabet = "0123456789 +-\t\u0001a";
        for (int i = 0; i < 100_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(SafeXml.index(new StringBuilder(text))).as("[%s]", text).isEqualTo(parsed(text.toString()));
        }
    }
}
