package uk.gov.education.datasharing.intake.validate;

import java.time.LocalDate;
import java.util.Map;

import uk.gov.education.datasharing.intake.templates.Examples;

/**
 * Complete answers for the schemas' forms (the example submissions' answers, dated for tests judged on
 * 28 November 2026), to be changed one answer at a time by tests.
 */
public final class Forms {

    static final LocalDate WRITTEN = LocalDate.of(2026, 11, 28);

    private Forms() {
    }

    /** A complete application for NPD data in the ONS Secure Research Service; needed by 28 January 2027. */
    public static Map<String, String> srsApplication() {
        return Examples.srsApplication(WRITTEN);
    }

    /** A complete questionnaire, all Yes. */
    public static Map<String, String> questionnaire() {
        return Examples.questionnaire();
    }
}
