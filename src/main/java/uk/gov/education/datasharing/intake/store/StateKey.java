package uk.gov.education.datasharing.intake.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The gateway's own key for the little state it must read back between messages (what the readers took
 * from a case's newest documents). AES-256-GCM; each value is bound to where it is stored (case and part)
 * as associated data, so sealed values cannot be swapped between cases. Not the team's key: it opens only
 * this state, never the stored files (docs/adr/0010).
 */
public final class StateKey {

    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** One AES-GCM cipher per thread, initialised afresh (new nonce) for every value: looking one up costs more than using it. */
    private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    });

    private final SecretKeySpec key;

    private StateKey(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** From the base64 of 32 random bytes. */
    public static StateKey fromBase64(String encoded) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("must be 32 bytes (base64 of 32 random bytes)");
        }
        return new StateKey(bytes);
    }

    /** A new random key, base64: what to put in intake.state.key. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    public String seal(byte[] plain, String boundTo) {
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher cipher = GCM.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** A key for another purpose, derived from this one (HMAC-SHA256 of the purpose's name), so one secret serves both. */
    byte[] derive(String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** @throws GeneralSecurityException when the value was not sealed by this key for this place */
    public byte[] open(String sealed, String boundTo) throws GeneralSecurityException {
        byte[] all = Base64.getDecoder().decode(sealed);
        if (all.length < NONCE + TAG_BITS / 8) {
            throw new GeneralSecurityException("too short");
        }
        Cipher cipher = GCM.get();
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE));
        cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(all, NONCE, all.length - NONCE);
    }
}
