package uk.gov.education.datasharing.intake.mailbox;

import java.util.Locale;
import java.util.Optional;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * Whether the From address is the sender's own, from the receiving server's Authentication-Results header
 * (RFC 8601). Only the topmost header whose authserv-id is the configured trusted one counts: the server
 * adds its own above whatever the sender wrote, so a forged header below it counts for nothing. Passing
 * DMARC, or DKIM or SPF for a domain aligned with the From domain, is authenticated; anything else is not.
 * Behind a server that stamps no such header, the configuration says what to assume.
 */
public final class SenderAuthentication {

    /** What to assume when no header from the trusted server is there. */
    public enum WithoutHeader { AUTHENTICATED, UNAUTHENTICATED }

    /** The verdict, and what it rests on (a method name or a reason code; never the sender's text). */
    public record Verdict(boolean authenticated, String basis) {
    }

    private static final Pattern AUTHSERV_ID = Pattern.compile("^\\s*([^\\s;]+)");
    private static final Pattern RESULT = Pattern.compile("(?i)(?:^|;)\\s*(dmarc|dkim|spf)\\s*=\\s*([a-z]+)([^;]*)");
    private static final Pattern PROPERTY = Pattern.compile("(?i)\\b(header\\.d|header\\.i|header\\.from|smtp\\.mailfrom)\\s*=\\s*\"?([^\\s;\"]+)");

    private final String trustedAuthservId;
    private final WithoutHeader withoutHeader;

    /** @param trustedAuthservId the receiving server's authserv-id; null when the mailbox server stamps none */
    public SenderAuthentication(String trustedAuthservId, WithoutHeader withoutHeader) {
        this.trustedAuthservId = trustedAuthservId == null || trustedAuthservId.isBlank() ? null
                : trustedAuthservId.strip().toLowerCase(Locale.ROOT);
        this.withoutHeader = withoutHeader;
    }

    public Verdict verdict(Envelope envelope) {
        Optional<String> trusted = trustedAuthservId == null ? Optional.empty() : envelope.authenticationResults().stream()
                .filter(h -> trustedAuthservId.equals(authservId(h))).findFirst();
        if (trusted.isEmpty()) {
            return new Verdict(withoutHeader == WithoutHeader.AUTHENTICATED, "NO_TRUSTED_HEADER");
        }
        String fromDomain = envelope.sender().map(s -> s.substring(s.indexOf('@') + 1)).orElse("");
        int semicolon = trusted.get().indexOf(';');
        Matcher m = RESULT.matcher(semicolon < 0 ? "" : trusted.get().substring(semicolon));
        while (m.find()) {
            String method = m.group(1).toLowerCase(Locale.ROOT);
            boolean pass = m.group(2).equalsIgnoreCase("pass");
            if (pass && (method.equals("dmarc") || aligned(m.group(3), fromDomain))) {
                return new Verdict(true, method.toUpperCase(Locale.ROOT) + "_PASS");
            }
        }
        return new Verdict(false, "NOT_AUTHENTICATED");
    }

    private static String authservId(String header) {
        Matcher m = AUTHSERV_ID.matcher(header);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "";
    }

    /** Whether the domain a DKIM or SPF result is for is the From domain, or a parent of it (relaxed alignment). */
    static boolean aligned(String properties, String fromDomain) {
        if (fromDomain.isEmpty()) {
            return false;
        }
        Matcher p = PROPERTY.matcher(properties);
        while (p.find()) {
            String value = p.group(2).toLowerCase(Locale.ROOT);
            String domain = value.substring(value.lastIndexOf('@') + 1);
            boolean sameOrganisation = fromDomain.equals(domain) || fromDomain.endsWith("." + domain) || domain.endsWith("." + fromDomain);
            if (domain.contains(".") && sameOrganisation) {
                return true;
            }
        }
        return false;
    }
}
