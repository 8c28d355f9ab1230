package uk.gov.education.datasharing.intake.crypto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Date;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.Features;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.PBESecretKeyEncryptor;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

/**
 * Creates a team key pair that GnuPG 2.2 imports and uses: v4 RSA keys (certify/sign primary, encryption
 * subkey), preferences AES-256 and SHA-512, MDC-only features. For trials and the demo; production teams
 * may equally bring keys made by gpg.
 */
public final class TeamKeyGenerator {

    private final int rsaBits;
    private final SecureRandom random = new SecureRandom();

    public TeamKeyGenerator(int rsaBits) {
        if (rsaBits < 2048) {
            throw new IllegalArgumentException("RSA keys shorter than 2048 bits are refused");
        }
        this.rsaBits = rsaBits;
    }

    public GeneratedKeyPair generate(String userId, char[] passphrase) {
        return generate(userId, passphrase, null);
    }

    /** @param validity how long the keys are valid from now (primary and subkey); null: they do not expire */
    public GeneratedKeyPair generate(String userId, char[] passphrase, java.time.Duration validity) {
        try {
            Date now = new Date();
            PGPKeyPair primary = new BcPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.RSA_GENERAL, rsa(), now);
            PGPKeyPair encryption = new BcPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.RSA_GENERAL, rsa(), now);

            PGPSignatureSubpacketGenerator primaryPackets = new PGPSignatureSubpacketGenerator();
            primaryPackets.setKeyFlags(false, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
            primaryPackets.setPreferredSymmetricAlgorithms(false, new int[] {SymmetricKeyAlgorithmTags.AES_256, SymmetricKeyAlgorithmTags.AES_128});
            primaryPackets.setPreferredHashAlgorithms(false, new int[] {HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA256});
            primaryPackets.setPreferredCompressionAlgorithms(false, new int[] {0});
            primaryPackets.setFeature(false, Features.FEATURE_MODIFICATION_DETECTION);

            PGPSignatureSubpacketGenerator subPackets = new PGPSignatureSubpacketGenerator();
            subPackets.setKeyFlags(false, KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);
            if (validity != null) {
                primaryPackets.setKeyExpirationTime(false, validity.toSeconds());
                subPackets.setKeyExpirationTime(false, validity.toSeconds());
            }

            PGPDigestCalculator sha1 = new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1);
            PBESecretKeyEncryptor protector = passphrase == null || passphrase.length == 0 ? null
                    : new BcPBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256, sha1, 0x90).build(passphrase);
            PGPKeyRingGenerator generator = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, primary, userId, sha1,
                    primaryPackets.generate(), null,
                    new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA512), protector);
            generator.addSubKey(encryption, subPackets.generate(), null);
            return new GeneratedKeyPair(generator.generatePublicKeyRing(), generator.generateSecretKeyRing());
        } catch (PGPException e) {
            throw new IllegalStateException("key generation failed", e);
        }
    }

    private AsymmetricCipherKeyPair rsa() {
        RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
        generator.init(new RSAKeyGenerationParameters(BigInteger.valueOf(0x10001), random, rsaBits, 100));
        return generator.generateKeyPair();
    }

    /** A freshly made pair; {@code toString} never shows the secret part. */
    public record GeneratedKeyPair(PGPPublicKeyRing publicRing, PGPSecretKeyRing secretRing) {

        public String armoredPublicKey() {
            return armor(out -> publicRing.encode(out));
        }

        public String armoredSecretKey() {
            return armor(out -> secretRing.encode(out));
        }

        public String fingerprint() {
            return org.bouncycastle.util.encoders.Hex.toHexString(publicRing.getPublicKey().getFingerprint()).toUpperCase();
        }

        @Override
        public String toString() {
            return "GeneratedKeyPair[" + fingerprint() + "]";
        }

        private interface Encoder {
            void encode(OutputStream out) throws IOException;
        }

        private static String armor(Encoder encoder) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(bytes)) {
                encoder.encode(armored);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return bytes.toString(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }
}
