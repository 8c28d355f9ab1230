package uk.gov.education.datasharing.intake.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Looks through an RTF file for embedded objects ({@code \object}, {@code \objdata}, {@code \objocx}), the
 * way exploit documents carry their payload. RTF is not accepted anyway; this decides whether it is also
 * unsafe. A streaming scan of control words; reads the whole file once.
 */
final class RtfReader {

    private static final int MAX_WORD = 32;

    ContentFacts read(InputStream in) throws IOException {
        ContentFacts.Collector facts = new ContentFacts.Collector();
        StringBuilder word = null;
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
                char c = (char) (buffer[i] & 0xff);
                if (c == '\\') {
                    if (word != null && isObjectWord(word)) {
                        facts.embeddedObjects = true;
                        return facts.build();
                    }
                    word = new StringBuilder();
                } else if (word != null) {
                    if (Character.isLetter(c) && word.length() < MAX_WORD) {
                        word.append(c);
                    } else {
                        if (isObjectWord(word)) {
                            facts.embeddedObjects = true;
                            return facts.build();
                        }
                        word = null;
                    }
                }
            }
        }
        return facts.build();
    }

    private static boolean isObjectWord(CharSequence word) {
        String w = word.toString().toLowerCase(Locale.ROOT);
        return w.equals("object") || w.equals("objdata") || w.equals("objocx") || w.equals("objemb") || w.equals("objlink")
                || w.equals("objautlink");
    }
}
