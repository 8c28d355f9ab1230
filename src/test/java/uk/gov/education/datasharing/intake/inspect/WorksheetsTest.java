package uk.gov.education.datasharing.intake.inspect;

import java.util.List;
import java.util.Random;

import com.google.re2j.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorksheetsTest {

    // the patterns Worksheets recognises header cells by; the quick check must let through every text either matches
    private static final Pattern TABLE_ALIAS = Pattern.compile("(?i)^\\s*(NPD|ILR|HESA|HE|SWC)[\\s_]?Alias\\s*$");
    private static final Pattern REQUEST_COLUMN = Pattern.compile("(?i)^\\s*data request data item required\\??\\s*$");

    @Test
    void theQuickCheckPassesEveryHeaderSpelling() {
        for (String header : List.of("NPD Alias", "npd_alias", " HESAAlias \t", "SWC Alias\r\n", "NPD Alia\u017f", "Data request data item required?",
                "DATA REQUEST DATA ITEM REQUIRED", "data request data item required? \f", "ILR ALIAS")) {
            assertThat(Worksheets.endsLikeAHeader(header)).as(header).isTrue();
        }
        for (String data : List.of("KS4_PUPIL_12", "pupil school key stage", "", "   ", "Yes", "aliases", "required.", "Alias x")) {
            assertThat(Worksheets.endsLikeAHeader(data)).as(data).isFalse();
        }
    }

    @Test
    void theQuickCheckNeverTurnsAwayATextThePatternsMatch() {
        Random random = new Random(11);
        String[] pieces = {"NPD", "ILR", "HESA", "HE", "SWC", "Alias", "alias", "ALIAS", " ", "\t", "\n", "_", "?", "data request data item required",
                "x", "é", "\u00a0", "\u2003", "\u017f", "ALIA\u017f", "\u0130", "requireD"};
        int matched = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(6); n >= 0; n--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String cell = text.toString();
            boolean header = TABLE_ALIAS.matcher(cell).matches() || REQUEST_COLUMN.matcher(cell).matches();
            if (header) {
                matched++;
                assertThat(Worksheets.endsLikeAHeader(cell)).as("[%s]", cell).isTrue();
            }
        }
        assertThat(matched).as("the random texts include headers").isGreaterThan(500);
    }
}
