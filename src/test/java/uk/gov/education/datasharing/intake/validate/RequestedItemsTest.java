package uk.gov.education.datasharing.intake.validate;

import java.util.Random;

import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An item's stem is found without a regular expression, and is what the expression {@code _?\[.*$} removed. */
class RequestedItemsTest {

    private static final Pattern PLACEHOLDERS = Pattern.compile("_?\\[.*$");

    @Test
    void theStemDropsTermAndYearPlaceholders() {
        assertThat(RequestedItems.stem("SAON_[term][yy]")).isEqualTo("SAON");
        assertThat(RequestedItems.stem("KS2_MAT[yy]")).isEqualTo("KS2_MAT");
        assertThat(RequestedItems.stem("PupilMatchingRefAnonymous")).isEqualTo("PupilMatchingRefAnonymous");
        assertThat(RequestedItems.stem("A_[x\ny")).isEqualTo("A_[x\ny");
        assertThat(RequestedItems.stem("A_[x\ny[z")).isEqualTo("A_[x\ny");
    }

    @Test
    void theStemIsWhatThePatternLeftForAnyAlias() {
        Random random = new Random(13);
        char[] alphabet = {'A', 'b', '_', '[', ']', '\n', ' ', '\r'};
        for (int n = 0; n < 50_000; n++) {
            char[] alias = new char[random.nextInt(12)];
            for (int i = 0; i < alias.length; i++) {
                alias[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String text = new String(alias);
            assertThat(RequestedItems.stem(text)).as("stem of %s", text.replace("\n", "\\n").replace("\r", "\\r"))
                    .isEqualTo(PLACEHOLDERS.matcher(text).replaceFirst(""));
        }
    }
}
