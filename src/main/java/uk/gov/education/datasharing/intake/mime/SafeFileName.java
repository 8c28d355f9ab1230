package uk.gov.education.datasharing.intake.mime;

import java.util.Locale;
import java.util.Set;

/**
 * Turns an attacker-chosen file name into one that is safe to show and to store: no path parts, no
 * control or bidirectional-override characters, no reserved device names, bounded length with the
 * extension kept. The original name is kept only in the encrypted manifest.
 */
public final class SafeFileName {

    static final int MAX_LENGTH = 120;
    /** Windows device names, which it opens whatever the extension ("CON .txt" too); superscript digits count as digits. */
    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$",
            "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private SafeFileName() {
    }

    /** A safe name, or {@code fallback} when nothing usable is left. */
    public static String of(String original, String fallback) {
        if (original == null) {
            return fallback;
        }
        String name = original;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        if (slash >= 0) {
            name = name.substring(slash + 1);
        }
        StringBuilder clean = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> {
            if (!Character.isISOControl(cp) && !isFormatting(cp) && cp != ':' && cp != '*' && cp != '?' && cp != '"'
                    && cp != '<' && cp != '>' && cp != '|') {
                clean.appendCodePoint(cp);
            }
        });
        name = clean.toString().strip();
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        while (name.endsWith(".") || name.endsWith(" ")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty()) {
            return fallback;
        }
        String stem = (name.contains(".") ? name.substring(0, name.indexOf('.')) : name).strip()
                .replace('\u00B9', '1').replace('\u00B2', '2').replace('\u00B3', '3');
        if (RESERVED.contains(stem.toUpperCase(Locale.ROOT))) {
            name = "_" + name;
        }
        return shorten(name);
    }

    /** Bidirectional overrides, zero-width and other invisible formatting characters. */
    private static boolean isFormatting(int cp) {
        return Character.getType(cp) == Character.FORMAT;
    }

    private static String shorten(String name) {
        if (name.codePointCount(0, name.length()) <= MAX_LENGTH) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
        String stem = extension.isEmpty() ? name : name.substring(0, dot);
        int keep = MAX_LENGTH - extension.length();
        return stem.substring(0, stem.offsetByCodePoints(0, keep)) + extension;
    }
}
