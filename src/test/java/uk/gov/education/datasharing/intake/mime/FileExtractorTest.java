package uk.gov.education.datasharing.intake.mime;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import uk.gov.education.datasharing.intake.Mails;
import uk.gov.education.datasharing.intake.model.ReceivedFile;
import uk.gov.education.datasharing.intake.model.Sha256;
import uk.gov.education.datasharing.intake.model.StoredObject;

import static org.assertj.core.api.Assertions.assertThat;

class FileExtractorTest {

    private final List<byte[]> stored = new ArrayList<>();

    private FileExtractor.Extraction extract(String raw, int depth, int parts) throws Exception {
        Properties props = new Properties();
        props.put("mail.mime.decodeparameters", "true");
        MimeMessage message = new MimeMessage(Session.getInstance(props), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        return new FileExtractor(depth, parts).extract(message, this::store);
    }

    private StoredObject store(InputStream in) throws java.io.IOException {
        byte[] bytes = in.readAllBytes();
        stored.add(bytes);
        java.security.MessageDigest digest = Sha256.newDigest();
        digest.update(bytes);
        return new StoredObject(Sha256.hex(digest), bytes.length, false);
    }

    @Test
    void shouldKeepBothFilesWhenTwoHaveTheSameName() throws Exception {
        String raw = Mails.withAttachments("a@b.test", "c@d.test", "s", "body", "form.docx", new byte[] {1}, "form.docx", new byte[] {2});
        List<ReceivedFile> files = extract(raw, 20, 100).files();
        assertThat(files).extracting(ReceivedFile::safeName).containsExactly("form.docx", "form.docx");
        assertThat(stored).containsExactly(new byte[] {1}, new byte[] {2});
    }

    @Test
    void shouldNotTreatTheMessageTextAsAFile() throws Exception {
        String raw = Mails.withAttachments("a@b.test", "c@d.test", "s", "just text");
        assertThat(extract(raw, 20, 100).files()).isEmpty();
    }

    @Test
    void shouldFindFilesInNestedMultipartsAndNameUnnamedParts() throws Exception {
        String raw = "From: a@b.test\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=outer\r\n\r\n"
                + "--outer\r\nContent-Type: multipart/alternative; boundary=inner\r\n\r\n"
                + "--inner\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
                + "--inner\r\nContent-Type: text/html\r\n\r\n<p>hello</p>\r\n--inner--\r\n"
                + "--outer\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n"
                + "--outer\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Disposition: attachment; filename*=UTF-8''%D0%B7%D0%B0%D1%8F%D0%B2%D0%BA%D0%B0.docx\r\n\r\nx\r\n"
                + "--outer--\r\n";
        List<ReceivedFile> files = extract(raw, 20, 100).files();
        assertThat(files).extracting(ReceivedFile::safeName).containsExactly("attachment-1.pdf", "заявка.docx");
        assertThat(files.get(0).partPath()).isEqualTo("1.2");
        assertThat(new String(stored.get(0), StandardCharsets.US_ASCII)).startsWith("%PDF-1.4");
    }

    @Test
    void shouldStopAtTheDepthLimitAndSaySo() throws Exception {
        StringBuilder raw = new StringBuilder("From: a@b.test\r\nMIME-Version: 1.0\r\n");
        int depth = 200;
        for (int i = 0; i < depth; i++) {
            raw.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n--b").append(i).append("\r\n");
        }
        raw.append("Content-Type: application/pdf; name=deep.pdf\r\n\r\nx\r\n");
        for (int i = depth - 1; i >= 0; i--) {
            raw.append("--b").append(i).append("--\r\n");
        }
        FileExtractor.Extraction extraction = extract(raw.toString(), 20, 1000);
        assertThat(extraction.truncated()).isTrue();
        assertThat(extraction.files()).isEmpty();
    }

    @Test
    void shouldStopAtThePartLimitAndSaySo() throws Exception {
        Object[] files = new Object[2 * 50];
        for (int i = 0; i < 50; i++) {
            files[2 * i] = "f" + i + ".pdf";
            files[2 * i + 1] = new byte[] {(byte) i};
        }
        FileExtractor.Extraction extraction = extract(Mails.withAttachments("a@b.test", "c@d.test", "s", "b", files), 20, 10);
        assertThat(extraction.truncated()).isTrue();
        assertThat(extraction.files()).hasSizeLessThan(10);
    }
}
