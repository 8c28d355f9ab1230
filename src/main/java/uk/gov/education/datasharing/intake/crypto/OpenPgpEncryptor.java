package uk.gov.education.datasharing.intake.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Date;

import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;

/**
 * Streams plaintext into an OpenPGP message encrypted to every team key: SEIPD v1 with the integrity
 * packet (MDC) and AES-256, which GnuPG 2.2 reads (see docs/adr/0003). Never Bouncy Castle's newer
 * defaults (SEIPD v2/AEAD), which it cannot. Uncompressed: documents are already compressed, and
 * compression before encryption leaks length information for no gain. Thread-safe.
 */
public final class OpenPgpEncryptor {

    private static final int BUFFER = 1 << 16;

    private final TeamPublicKeys keys;
    private final SecureRandom random = new SecureRandom();

    public OpenPgpEncryptor(TeamPublicKeys keys) {
        this.keys = keys;
    }

    /** Encrypts everything read from {@code plaintext} to {@code ciphertext}; closes neither. Returns bytes read. */
    public long encrypt(InputStream plaintext, OutputStream ciphertext) throws IOException {
        PGPEncryptedDataGenerator generator = new PGPEncryptedDataGenerator(
                // the data through the JDK's AES and SHA-1 (CPU instructions where there are some), several times faster than
                // Bouncy Castle's own Java AES on large files; the same packets either way (docs/adr/0021)
                new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                        .setWithIntegrityPacket(true)
                        .setSecureRandom(random));
        for (PGPPublicKey key : keys.encryptionKeys()) {
            generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(key).setSecureRandom(random));
        }
        long total = 0;
        try (OutputStream encrypted = generator.open(new NonClosing(ciphertext), new byte[BUFFER]);
             OutputStream literal = new PGPLiteralDataGenerator().open(encrypted, PGPLiteralData.BINARY, "", new Date(0), new byte[BUFFER])) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = plaintext.read(buffer)) != -1) {
                literal.write(buffer, 0, n);
                total += n;
            }
        } catch (PGPException e) {
            throw new IOException("OpenPGP encryption failed", e);
        }
        return total;
    }

    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
