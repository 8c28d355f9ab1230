package uk.gov.education.datasharing.intake.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;

import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;

/**
 * Team side only: decrypts stored objects with a private key. The gateway never constructs one of
 * these; the {@code decrypt} command does, on the team's machine.
 */
public final class OpenPgpDecryptor {

    private final PGPSecretKeyRingCollection secretKeys;
    private final char[] passphrase;

    public OpenPgpDecryptor(InputStream secretKeyFile, char[] passphrase) throws IOException {
        try {
            this.secretKeys = new PGPSecretKeyRingCollection(PGPUtil.getDecoderStream(secretKeyFile), new BcKeyFingerprintCalculator());
        } catch (PGPException e) {
            throw new IOException("not an OpenPGP secret key file", e);
        }
        this.passphrase = passphrase == null ? new char[0] : passphrase.clone();
    }

    /** Decrypts one message to {@code out}, verifying its integrity packet; fails on any tampering. */
    public void decrypt(InputStream encrypted, OutputStream out) throws IOException {
        try {
            BcPGPObjectFactory factory = new BcPGPObjectFactory(PGPUtil.getDecoderStream(encrypted));
            Object first = factory.nextObject();
            PGPEncryptedDataList list = first instanceof PGPEncryptedDataList l ? l : (PGPEncryptedDataList) factory.nextObject();
            for (Iterator<?> it = list.getEncryptedDataObjects(); it.hasNext(); ) {
                Object candidate = it.next();
                if (!(candidate instanceof PGPPublicKeyEncryptedData data)) {
                    continue;
                }
                PGPSecretKey secret = secretKeys.getSecretKey(data.getKeyIdentifier().getKeyId());
                if (secret == null) {
                    continue;
                }
                PGPPrivateKey privateKey = secret.extractPrivateKey(
                        new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(passphrase));
                try (InputStream clear = data.getDataStream(new BcPublicKeyDataDecryptorFactory(privateKey))) {
                    copyLiteral(new BcPGPObjectFactory(clear), out);
                }
                if (data.isIntegrityProtected() && !data.verify()) {
                    throw new IOException("integrity check failed: the object was altered");
                }
                if (!data.isIntegrityProtected()) {
                    throw new IOException("object is not integrity protected");
                }
                return;
            }
            throw new IOException("no key in the given key file can decrypt this object");
        } catch (PGPException | ClassCastException e) {
            throw new IOException("cannot decrypt: " + e.getMessage(), e);
        }
    }

    private static void copyLiteral(BcPGPObjectFactory factory, OutputStream out) throws IOException, PGPException {
        Object next = factory.nextObject();
        if (next instanceof PGPCompressedData compressed) {
            next = new BcPGPObjectFactory(compressed.getDataStream()).nextObject();
        }
        if (!(next instanceof PGPLiteralData literal)) {
            throw new IOException("unexpected OpenPGP content");
        }
        literal.getInputStream().transferTo(out);
    }
}
