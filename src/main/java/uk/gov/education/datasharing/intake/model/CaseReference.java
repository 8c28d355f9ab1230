package uk.gov.education.datasharing.intake.model;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * A case reference such as {@code DSI-K7M2-Q9PX}: seven random characters and a check character from
 * Crockford's base-32 alphabet (no I, L, O or U, so it reads aloud and types without confusion). The
 * check character (Luhn mod 32) catches any single mistyped character. Luhn misses one swap, of the
 * alphabet's first and last symbols ("0Z"/"Z0"), so issued references never use 0 or Z in their random
 * part: every swap of neighbours in an issued reference is then caught too (30^7 references remain).
 */
public record CaseReference(String value) {

    public static final String PREFIX = "DSI";
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final Pattern IN_TEXT = Pattern.compile(
            "(?i)(?:^|[^A-Z0-9])(DSI[\\s-]?([0-9A-Z]{4})[\\s-]?([0-9A-Z]{4}))(?:[^A-Z0-9]|$)");

    public CaseReference {
        Objects.requireNonNull(value, "value");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("not a valid case reference");
        }
    }

    public static CaseReference generate(RandomGenerator random) {
        StringBuilder body = new StringBuilder(8);
        for (int i = 0; i < 7; i++) {
            body.append(ALPHABET.charAt(1 + random.nextInt(ALPHABET.length() - 2)));
        }
        body.append(checkCharacter(body));
        return new CaseReference(format(body));
    }

    /** What a piece of text (a subject line) says about a reference. */
    public sealed interface Quoted permits Valid, Mistyped {
    }

    public record Valid(CaseReference reference) implements Quoted {
    }

    /** Looks like a reference but its check character is wrong: a typing mistake, or made up. */
    public record Mistyped(String asWritten) implements Quoted {
    }

    /** The first reference-like text in {@code text}, normalised (O→0, I/L→1, any case). */
    public static Optional<Quoted> findIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = IN_TEXT.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        String body = normalise(m.group(2) + m.group(3));
        if (body == null || checkCharacter(body.substring(0, 7)) != body.charAt(7)) {
            return Optional.of(new Mistyped(m.group(1)));
        }
        return Optional.of(new Valid(new CaseReference(format(body))));
    }

    private static boolean isWellFormed(String value) {
        if (value.length() != 13 || !value.startsWith(PREFIX + "-") || value.charAt(8) != '-') {
            return false;
        }
        String body = value.substring(4, 8) + value.substring(9);
        for (int i = 0; i < body.length(); i++) {
            if (ALPHABET.indexOf(body.charAt(i)) < 0) {
                return false;
            }
        }
        return checkCharacter(body.substring(0, 7)) == body.charAt(7);
    }

    private static String normalise(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (char c : raw.toUpperCase(Locale.ROOT).toCharArray()) {
            char mapped = switch (c) {
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> c;
            };
            if (ALPHABET.indexOf(mapped) < 0) {
                return null;
            }
            out.append(mapped);
        }
        return out.toString();
    }

    /** Luhn mod N over the alphabet: detects every single substitution and adjacent transposition. */
    static char checkCharacter(CharSequence body) {
        int n = ALPHABET.length();
        int factor = 2;
        int sum = 0;
        for (int i = body.length() - 1; i >= 0; i--) {
            int addend = factor * ALPHABET.indexOf(body.charAt(i));
            factor = factor == 2 ? 1 : 2;
            sum += addend / n + addend % n;
        }
        return ALPHABET.charAt((n - sum % n) % n);
    }

    private static String format(CharSequence body) {
        return PREFIX + "-" + body.subSequence(0, 4) + "-" + body.subSequence(4, 8);
    }

    @Override
    public String toString() {
        return value;
    }
}
