package uk.gov.education.datasharing.intake.mailbox;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The app's certificate credential for the token endpoint (Microsoft Entra ID's "certificate credentials"): the
 * certificate uploaded to the app registration and its RSA private key, read from one PEM file. The gateway signs
 * each token request's client assertion with the key; the endpoint finds the certificate by its thumbprint.
 */
public record ClientCertificate(X509Certificate certificate, PrivateKey key) {

    private static final long MAX_FILE_BYTES = 1 << 20;
    /** Expiry closer than this is logged at start-up, as the team keys' are. */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    /** Hides the key. */
    @Override
    public String toString() {
        return "ClientCertificate[" + certificate.getSubjectX500Principal() + "]";
    }

    /**
     * Reads a PEM file holding the certificate (the first CERTIFICATE block) and its unencrypted RSA private key (PKCS#8
     * PRIVATE KEY, or PKCS#1 RSA PRIVATE KEY), checking that the two belong together and the certificate is valid now.
     *
     * @throws IllegalArgumentException saying what is wrong with the file, never quoting it
     */
    public static ClientCertificate load(Path pem, Instant now) {
        String text;
        try {
            if (Files.size(pem) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("larger than a certificate and key can be (" + pem + ")");
            }
            text = Files.readString(pem);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot be read (" + pem + ": " + e.getClass().getSimpleName() + ")");
        }
        X509Certificate certificate = null;
        PrivateKey key = null;
        try (Reader reader = new StringReader(text); PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
            for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
                if (block instanceof X509CertificateHolder holder && certificate == null) {
                    certificate = new JcaX509CertificateConverter().getCertificate(holder);
                } else if (block instanceof PrivateKeyInfo info && key == null) {
                    key = keys.getPrivateKey(info);
                } else if (block instanceof PEMKeyPair pair && key == null) {
                    key = keys.getKeyPair(pair).getPrivate();
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("is not a PEM certificate and private key (" + pem + "); an encrypted key is not supported");
        }
        if (certificate == null) {
            throw new IllegalArgumentException("holds no CERTIFICATE block (" + pem + ")");
        }
        if (key == null) {
            throw new IllegalArgumentException("holds no unencrypted PRIVATE KEY block (" + pem + ")");
        }
        if (!(key instanceof RSAPrivateCrtKey rsa) || !(certificate.getPublicKey() instanceof RSAPublicKey pub)
                || !rsa.getModulus().equals(pub.getModulus()) || !rsa.getPublicExponent().equals(pub.getPublicExponent())) {
            throw new IllegalArgumentException("holds a private key that is not the RSA key of its certificate (" + pem + ")");
        }
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new IllegalArgumentException("holds a certificate that expired on " + certificate.getNotAfter().toInstant() + " (" + pem + ")");
        } catch (CertificateNotYetValidException e) {
            throw new IllegalArgumentException("holds a certificate not valid before " + certificate.getNotBefore().toInstant() + " (" + pem + ")");
        }
        return new ClientCertificate(certificate, key);
    }

    /** When the certificate stops being valid. */
    public Instant expires() {
        return certificate.getNotAfter().toInstant();
    }

    /** The certificate's thumbprint, as Entra ID matches it: a digest of its DER encoding. */
    byte[] thumbprint(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm).digest(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }
}
