package uk.gov.education.datasharing.intake.workspace;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the workspace writes times and names: UK time, as GOV.UK writes dates. */
final class Display {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.UK).withZone(ZoneId.of("Europe/London"));
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private Display() {
    }

    static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    static String date(java.time.LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    /** An enum name as words: IN_REVIEW -> In review. */
    static String words(String name) {
        return sentence(name.toLowerCase(Locale.ROOT).replace('_', ' '));
    }

    /** The text with a capital first letter. */
    static String sentence(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
