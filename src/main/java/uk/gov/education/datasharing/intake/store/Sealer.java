package uk.gov.education.datasharing.intake.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals what senders wrote before it reaches the database: file names, addresses, where files were found,
 * the wording of findings. AES-GCM under the gateway's state key, bound to the row and column it belongs to,
 * so a sealed value cannot be moved to another row or read without the key. Addresses are found again by a
 * keyed hash (HMAC-SHA256 under a key derived from the state key). Values stored before sealing existed are
 * read as they are.
 */
public final class Sealer {

    static final String PREFIX = "s1:";
    /** What is shown for a value this key cannot open (another environment's key, or altered). */
    public static final String UNREADABLE = "(sealed)";

    private final StateKey key;
    private final ThreadLocal<Mac> lookupMac;

    public Sealer(StateKey key) {
        this.key = key;
        byte[] lookupKey = key.derive("intake:lookup:v1");
        this.lookupMac = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(lookupKey, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 unavailable", e);
            }
        });
    }

    /** The value sealed for its place ("case:DSI-…:sender", …); null stays null. */
    public String seal(String plain, String place) {
        return plain == null ? null : PREFIX + key.seal(plain.getBytes(StandardCharsets.UTF_8), place);
    }

    /** The value opened; a value from before sealing as it is; {@link #UNREADABLE} when this key cannot open it. */
    public String open(String stored, String place) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        try {
            return new String(key.open(stored.substring(PREFIX.length()), place), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return UNREADABLE;
        }
    }

    /** A keyed hash of a value (lower-cased), to find rows by it without storing it. */
    public String lookup(String value) {
        return HexFormat.of().formatHex(lookupMac.get().doFinal(value.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return "Sealer";
    }
}
