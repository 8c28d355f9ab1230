package uk.gov.education.datasharing.intake.mime;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.Random;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import uk.gov.education.datasharing.intake.Mails;
import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.model.ReceivedFile;

import static org.assertj.core.api.Assertions.assertThat;

/** S/MIME as Outlook and Apple Mail send it, built in code with a throw-away certificate. */
@Timeout(30) // hostile input: a regression into a hang fails here instead of hanging the build
class SmimeExtractionTest {

    private static final FileExtractor.Limits LIMITS = new FileExtractor.Limits(20, 500, 100, 10_000_000, 50_000_000, 200, 100, 2);
    private final RecordingSink sink = new RecordingSink();
    private final List<byte[]> stored = sink.stored;

    private FileExtractor.Extraction extract(String raw) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        return new FileExtractor(LIMITS).extract(message, sink);
    }


    /** The body of a message (headers from Content-Type on) with one attachment. */
    private static String innerEntity() {
        String full = Mails.withAttachments("a@b.test", "c@d.test", "s", "signed text", "application-form.docx",
                "the form".getBytes(StandardCharsets.UTF_8));
        return full.substring(full.indexOf("Content-Type: multipart/mixed"));
    }

    private static byte[] signedData(byte[] content) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=Applicant");
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate());
        X509CertificateHolder certificate = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, new Date(),
                new Date(System.currentTimeMillis() + 86_400_000L), name, keys.getPublic()).build(signer);
        CMSSignedDataGenerator cms = new CMSSignedDataGenerator();
        cms.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .build(signer, certificate));
        cms.addCertificate(certificate);
        return cms.generate(new CMSProcessableByteArray(content), true).getEncoded();
    }

    private static String smime(String smimeType, byte[] body) {
        return "From: a@b.test\r\nMIME-Version: 1.0\r\nContent-Type: application/pkcs7-mime; "
                + (smimeType == null ? "" : "smime-type=" + smimeType + "; ") + "name=smime.p7m\r\n"
                + "Content-Disposition: attachment; filename=smime.p7m\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(body) + "\r\n";
    }

    @Test
    void shouldFindTheFilesInsideAnOpaqueSignedMessage() throws Exception {
        FileExtractor.Extraction extraction = extract(smime("signed-data", signedData(innerEntity().getBytes(StandardCharsets.UTF_8))));
        assertThat(extraction.findings()).isEmpty();
        assertThat(extraction.files()).extracting(ReceivedFile::safeName).containsExactly("application-form.docx");
        assertThat(new String(stored.get(0), StandardCharsets.UTF_8)).isEqualTo("the form");
    }

    @Test
    void shouldTrySignedDataWhenTheSmimeTypeIsMissing() throws Exception {
        FileExtractor.Extraction extraction = extract(smime(null, signedData(innerEntity().getBytes(StandardCharsets.UTF_8))));
        assertThat(extraction.files()).extracting(ReceivedFile::safeName).containsExactly("application-form.docx");
    }

    @Test
    void shouldNotKeepADetachedSignatureAsADocument() throws Exception {
        String raw = "From: a@b.test\r\nMIME-Version: 1.0\r\nContent-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; "
                + "micalg=sha-256; boundary=sig\r\n\r\n--sig\r\n" + innerEntity() + "\r\n--sig\r\n"
                + "Content-Type: application/pkcs7-signature; name=smime.p7s\r\nContent-Disposition: attachment; filename=smime.p7s\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\nAAAA\r\n--sig--\r\n";
        assertThat(extract(raw).files()).extracting(ReceivedFile::safeName).containsExactly("application-form.docx");
    }

    @Test
    void shouldKeepAndReportAnEncryptedMessage() throws Exception {
        byte[] ciphertext = new byte[2000];
        new Random(3).nextBytes(ciphertext);
        FileExtractor.Extraction extraction = extract(smime("enveloped-data", ciphertext));
        assertThat(extraction.findings()).extracting(Problem::code).containsExactly(ProblemCode.SMIME_ENCRYPTED);
        assertThat(extraction.files()).extracting(ReceivedFile::safeName).containsExactly("smime.p7m");
        assertThat(stored.get(0)).isEqualTo(ciphertext);
    }

    @Test
    void shouldKeepAndReportSignedDataItCannotRead() throws Exception {
        FileExtractor.Extraction extraction = extract(smime("signed-data", "not cms".getBytes(StandardCharsets.UTF_8)));
        assertThat(extraction.findings()).extracting(Problem::code).containsExactly(ProblemCode.SMIME_UNREADABLE);
        assertThat(extraction.files()).extracting(ReceivedFile::safeName).containsExactly("smime.p7m");
    }

    /** Issue 9: each nested signed layer could hold up to the file bound; now every layer counts against the message's total. */
    @Test
    void nestedSignedLayersCountAgainstTheMessagesTotal() throws Exception {
        String entity = innerEntityWith(new byte[1 << 20]);
        for (int level = 0; level < 5; level++) {
            entity = "Content-Type: application/pkcs7-mime; smime-type=signed-data; name=smime.p7m\r\n"
                    + "Content-Transfer-Encoding: base64\r\n\r\n"
                    + Base64.getMimeEncoder().encodeToString(signedData(entity.getBytes(StandardCharsets.UTF_8))) + "\r\n";
        }
        String raw = "From: a@b.test\r\nMIME-Version: 1.0\r\n" + entity;
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        FileExtractor.Extraction extraction = new FileExtractor(new FileExtractor.Limits(20, 500, 100, 10_000_000, 4_000_000, 200, 100, 2))
                .extract(message, sink);
        assertThat(extraction.findings()).extracting(Problem::code).contains(ProblemCode.TOTAL_TOO_LARGE);
    }

    private static String innerEntityWith(byte[] attachment) {
        String full = Mails.withAttachments("a@b.test", "c@d.test", "s", "signed text", "evidence.pdf", attachment);
        return full.substring(full.indexOf("Content-Type: multipart/mixed"));
    }
}
