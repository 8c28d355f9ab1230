package uk.gov.education.datasharing.intake.io;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Random;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.SharedInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.education.datasharing.intake.Mails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EncryptedSpoolTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadBackAnyWindowOfThePlaintext() throws Exception {
        byte[] plain = new byte[200_003];
        new Random(7).nextBytes(plain);
        try (EncryptedSpool spool = EncryptedSpool.write(dir, out -> out.write(plain), 1 << 20)) {
            assertThat(spool.size()).isEqualTo(plain.length);
            assertThat(spool.open().readAllBytes()).isEqualTo(plain);
            SharedInputStream shared = (SharedInputStream) spool.open();
            Random random = new Random(8);
            for (int i = 0; i < 200; i++) {
                int start = random.nextInt(plain.length);
                int end = start + random.nextInt(plain.length - start + 1);
                try (InputStream window = shared.newStream(start, end)) {
                    byte[] expected = java.util.Arrays.copyOfRange(plain, start, end);
                    assertThat(window.readAllBytes()).as("[%d, %d)", start, end).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void shouldKeepNoPlaintextOnDiskAndDeleteTheFileOnClose() throws Exception {
        byte[] plain = "SPOOL-MARKER ".repeat(5000).getBytes(StandardCharsets.US_ASCII);
        EncryptedSpool spool = EncryptedSpool.write(dir, out -> out.write(plain), 1 << 20);
        Path file;
        try (var files = Files.list(dir)) {
            file = files.findFirst().orElseThrow();
        }
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain("SPOOL-MARKER");
        spool.close();
        assertThat(file).doesNotExist();
    }

    @Test
    void shouldRefuseAMessageOverTheLimitAndKeepNothing() throws Exception {
        assertThatThrownBy(() -> EncryptedSpool.write(dir, out -> {
            byte[] chunk = new byte[8192];
            for (int i = 0; i < 200; i++) {
                out.write(chunk);
            }
        }, 1_000_000)).isInstanceOf(EncryptedSpool.SpoolLimitException.class);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void shouldLetJakartaMailParseAttachmentsFromTheSpool() throws Exception {
        byte[] attachment = new byte[300_000];
        new Random(9).nextBytes(attachment);
        String raw = Mails.withAttachments("a@b.test", "c@d.test", "s", "body", "one.bin", attachment, "two.bin", new byte[] {1, 2});
        try (EncryptedSpool spool = EncryptedSpool.write(dir, out -> out.write(raw.getBytes(StandardCharsets.UTF_8)), 1 << 22)) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), spool.open());
            Multipart multipart = (Multipart) message.getContent();
            assertThat(multipart.getCount()).isEqualTo(3);
            Part first = multipart.getBodyPart(1);
            assertThat(first.getFileName()).isEqualTo("one.bin");
            assertThat(first.getInputStream().readAllBytes()).isEqualTo(attachment);
            assertThat(multipart.getBodyPart(2).getInputStream().readAllBytes()).containsExactly(1, 2);
        }
    }

    @Test
    void shouldRemoveLeftoversFromACrash() throws Exception {
        Files.write(dir.resolve("msg-1" + EncryptedSpool.SUFFIX), new byte[10]);
        Files.write(dir.resolve("keep.txt"), new byte[1]);
        assertThat(EncryptedSpool.purgeLeftovers(dir)).isEqualTo(1);
        assertThat(dir.resolve("keep.txt")).exists();
    }
}
