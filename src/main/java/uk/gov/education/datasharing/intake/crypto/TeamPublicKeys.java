package uk.gov.education.datasharing.intake.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * The data sharing team's public encryption keys: every stored object is encrypted to all of them, so
 * keys can be rotated and several readers can each decrypt. Holds no private key material.
 */
public final class TeamPublicKeys {

    private final List<PGPPublicKey> encryptionKeys;

    private TeamPublicKeys(List<PGPPublicKey> encryptionKeys) {
        if (encryptionKeys.isEmpty()) {
            throw new IllegalArgumentException("no team public key given");
        }
        this.encryptionKeys = List.copyOf(encryptionKeys);
    }

    /** Reads armored (or binary) public key files; each must hold at least one usable encryption key. */
    public static TeamPublicKeys load(List<Path> files) {
        List<PGPPublicKey> keys = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                keys.addAll(readEncryptionKeys(in, file.toString()));
            } catch (IOException e) {
                throw new KeyFileException(file + ": cannot read key file (" + e.getClass().getSimpleName() + ")");
            }
        }
        return new TeamPublicKeys(keys);
    }

    public static TeamPublicKeys of(List<PGPPublicKeyRing> rings) {
        List<PGPPublicKey> keys = new ArrayList<>();
        for (PGPPublicKeyRing ring : rings) {
            PGPPublicKey key = encryptionKeyOf(ring);
            if (key == null) {
                throw new KeyFileException("key " + Long.toHexString(ring.getPublicKey().getKeyID()) + " has no usable encryption key");
            }
            keys.add(key);
        }
        return new TeamPublicKeys(keys);
    }

    private static List<PGPPublicKey> readEncryptionKeys(InputStream raw, String source) throws IOException {
        InputStream in = org.bouncycastle.openpgp.PGPUtil.getDecoderStream(raw);
        PGPPublicKeyRingCollection rings;
        try {
            rings = new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
        } catch (PGPException | RuntimeException e) {
            throw new KeyFileException(source + ": not an OpenPGP public key file");
        }
        if (in instanceof ArmoredInputStream armored && armored.isClearText()) {
            throw new KeyFileException(source + ": not an OpenPGP public key file");
        }
        List<PGPPublicKey> keys = new ArrayList<>();
        for (Iterator<PGPPublicKeyRing> it = rings.getKeyRings(); it.hasNext(); ) {
            PGPPublicKey key = encryptionKeyOf(it.next());
            if (key != null) {
                keys.add(key);
            }
        }
        if (keys.isEmpty()) {
            throw new KeyFileException(source + ": no usable OpenPGP encryption key in the file");
        }
        return keys;
    }

    /**
     * The ring's encryption key: a subkey bound to the primary by a valid binding signature (newest first),
     * else the primary; or null. Nothing from a ring whose primary key is revoked or expired; no revoked or
     * expired key.
     */
    private static PGPPublicKey encryptionKeyOf(PGPPublicKeyRing ring) {
        PGPPublicKey primary = ring.getPublicKey();
        long now = System.currentTimeMillis() / 1000;
        if (primary.hasRevocation() || expired(primary, now)) {
            return null;
        }
        PGPPublicKey best = null;
        for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext(); ) {
            PGPPublicKey key = it.next();
            if (!key.isEncryptionKey() || key.hasRevocation() || expired(key, now) || !key.isMasterKey() && !bound(primary, key)) {
                continue;
            }
            boolean better = best == null
                    || (best.isMasterKey() && !key.isMasterKey())
                    || (best.isMasterKey() == key.isMasterKey() && key.getCreationTime().after(best.getCreationTime()));
            if (better) {
                best = key;
            }
        }
        return best;
    }

    private static boolean expired(PGPPublicKey key, long now) {
        long validSeconds = key.getValidSeconds();
        return validSeconds > 0 && key.getCreationTime().getTime() / 1000 + validSeconds < now;
    }

    /** Whether the primary key really bound this subkey: a binding signature that verifies. */
    private static boolean bound(PGPPublicKey primary, PGPPublicKey subkey) {
        for (Iterator<PGPSignature> it = subkey.getSignaturesOfType(PGPSignature.SUBKEY_BINDING); it.hasNext(); ) {
            PGPSignature binding = it.next();
            try {
                binding.init(new BcPGPContentVerifierBuilderProvider(), primary);
                if (binding.verifyCertification(primary, subkey)) {
                    return true;
                }
            } catch (PGPException | RuntimeException e) {
                // a binding that cannot be checked binds nothing
            }
        }
        return false;
    }

    /** The keys that expire within {@code window} from now, with when: a start-up warning names them. */
    public List<String> expiringWithin(java.time.Duration window) {
        long limit = System.currentTimeMillis() / 1000 + window.toSeconds();
        List<String> expiring = new ArrayList<>();
        for (PGPPublicKey key : encryptionKeys) {
            long validSeconds = key.getValidSeconds();
            long expiry = key.getCreationTime().getTime() / 1000 + validSeconds;
            if (validSeconds > 0 && expiry < limit) {
                expiring.add(org.bouncycastle.util.encoders.Hex.toHexString(key.getFingerprint()).toUpperCase() + " on "
                        + java.time.Instant.ofEpochSecond(expiry));
            }
        }
        return expiring;
    }

    /** When each encryption key expires (null: never), by fingerprint; for the key-expiry metric. */
    public java.util.Map<String, java.time.Instant> expiries() {
        java.util.Map<String, java.time.Instant> expiries = new java.util.LinkedHashMap<>();
        for (PGPPublicKey key : encryptionKeys) {
            long validSeconds = key.getValidSeconds();
            expiries.put(org.bouncycastle.util.encoders.Hex.toHexString(key.getFingerprint()).toUpperCase(),
                    validSeconds > 0 ? java.time.Instant.ofEpochSecond(key.getCreationTime().getTime() / 1000 + validSeconds) : null);
        }
        return expiries;
    }

    List<PGPPublicKey> encryptionKeys() {
        return encryptionKeys;
    }

    /** Fingerprints, for start-up logs and manifests; public information. */
    public List<String> fingerprints() {
        return encryptionKeys.stream().map(k -> org.bouncycastle.util.encoders.Hex.toHexString(k.getFingerprint()).toUpperCase()).toList();
    }

    /** Raised when a configured key file is missing or unusable; the message names the file, never key bytes. */
    public static final class KeyFileException extends RuntimeException {
        public KeyFileException(String message) {
            super(message);
        }
    }
}
