package uk.gov.education.datasharing.intake.mailbox;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemGenerationException;
import org.bouncycastle.util.io.pem.PemObject;

/** Self-signed app certificates, as one uploads to an Entra app registration, with their keys, made in the test. */
public final class AppCertificates {

    /** A key pair and a certificate for it, valid from {@code from} for {@code life}. */
    public record Made(KeyPair keys, X509Certificate certificate) {
    }

    private AppCertificates() {
    }

    public static Made make(Instant from, Duration life) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=intake-gateway");
            var holder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(from.toEpochMilli()), Date.from(from), Date.from(from.plus(life)),
                    name, keys.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));
            return new Made(keys, new JcaX509CertificateConverter().getCertificate(holder));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate, then its key (PKCS#8, or PKCS#1 when {@code pkcs1}): the file the gateway is given. */
    public static String pem(X509Certificate certificate, KeyPair key, boolean pkcs1) {
        return certificatePem(certificate) + keyPem(key, pkcs1);
    }

    /** The certificate alone, PEM-encoded. */
    public static String certificatePem(X509Certificate certificate) {
        return written(certificate);
    }

    /** The private key alone, PEM-encoded as PKCS#8, or as PKCS#1 when {@code pkcs1}. */
    public static String keyPem(KeyPair key, boolean pkcs1) {
        try {
            return pkcs1 ? written(key.getPrivate()) : written(new JcaPKCS8Generator(key.getPrivate(), null));
        } catch (PemGenerationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PEM block of the given type holding any bytes (not necessarily what the type says). */
    public static String block(String type, byte[] content) {
        return written(new PemObject(type, content));
    }

    private static String written(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static Path write(Path dir, String name, String pem) {
        try {
            return Files.writeString(dir.resolve(name), pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
