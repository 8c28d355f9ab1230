package uk.gov.education.datasharing.intake.validate;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Small helpers for reading answers the way applicants write them. */
final class Answers {

    private static final com.google.re2j.Pattern SEPARATORS = com.google.re2j.Pattern.compile("[\\n,;]+");

    static final String NA = "n/a";

    private Answers() {
    }

    static boolean isNotApplicable(String answer) {
        String a = answer.strip().toLowerCase(Locale.ROOT);
        return a.equals(NA) || a.equals("na") || a.equals("not applicable") || a.equals("none");
    }

    /** A multi-valued answer: one value per line, comma or semicolon. */
    static List<String> values(String answer) {
        return Arrays.stream(SEPARATORS.split(answer)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
