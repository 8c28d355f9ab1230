package uk.gov.education.datasharing.intake.model;

/** Runs of white space in text a sender wrote, read without a regular expression (docs/adr/0012). */
public final class WhiteSpace {

    private WhiteSpace() {
    }

    /** The text without white space at either end, and each run of it inside replaced by {@code between}. */
    public static String collapsed(String text, String between) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(between);
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
