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
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

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

    /** The ring's encryption key: a valid subkey if there is one (newest first), else the primary; or null. */
    private static PGPPublicKey encryptionKeyOf(PGPPublicKeyRing ring) {
        PGPPublicKey best = null;
        long now = System.currentTimeMillis() / 1000;
        for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext(); ) {
            PGPPublicKey key = it.next();
            long validSeconds = key.getValidSeconds();
            boolean expired = validSeconds > 0 && key.getCreationTime().getTime() / 1000 + validSeconds < now;
            if (!key.isEncryptionKey() || key.hasRevocation() || expired) {
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
