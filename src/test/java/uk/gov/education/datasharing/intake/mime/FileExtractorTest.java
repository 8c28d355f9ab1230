package uk.gov.education.datasharing.intake.mime;

import uk.gov.education.datasharing.intake.HostileFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import uk.gov.education.datasharing.intake.Mails;
import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.model.ReceivedFile;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30) // hostile input: a regression into a hang fails here instead of hanging the build
class FileExtractorTest {

    private static final FileExtractor.Limits DEFAULTS = new FileExtractor.Limits(20, 500, 100, 10_000_000, 50_000_000, 200, 100, 2);
    private final RecordingSink sink = new RecordingSink();
    private final List<byte[]> stored = sink.stored;

    private FileExtractor.Extraction extract(String raw, FileExtractor.Limits limits) throws Exception {
        Properties props = new Properties();
        props.put("mail.mime.decodeparameters", "true");
        MimeMessage message = new MimeMessage(Session.getInstance(props), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        return new FileExtractor(limits).extract(message, sink);
    }

    private FileExtractor.Extraction extract(String raw) throws Exception {
        return extract(raw, DEFAULTS);
    }


    private static List<ProblemCode> codes(FileExtractor.Extraction extraction) {
        return extraction.findings().stream().map(Problem::code).toList();
    }

    private static String mail(Object... namesAndContents) {
        return Mails.withAttachments("a@b.test", "c@d.test", "s", "body", namesAndContents);
    }

    @Test
    void shouldKeepBothFilesWhenTwoHaveTheSameName() throws Exception {
        List<ReceivedFile> files = extract(mail("form.docx", new byte[] {1}, "form.docx", new byte[] {2})).files();
        assertThat(files).extracting(ReceivedFile::safeName).containsExactly("form.docx", "form.docx");
        assertThat(stored).containsExactly(new byte[] {1}, new byte[] {2});
    }

    @Test
    void shouldNotTreatTheMessageTextAsAFile() throws Exception {
        assertThat(extract(mail()).files()).isEmpty();
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
        List<ReceivedFile> files = extract(raw).files();
        assertThat(files).extracting(ReceivedFile::safeName).containsExactly("attachment-1.pdf", "заявка.docx");
        assertThat(files.get(0).partPath()).isEqualTo("1.2");
        assertThat(new String(stored.get(0), StandardCharsets.US_ASCII)).startsWith("%PDF-1.4");
    }

    @Test
    void shouldFindFilesInsideForwardedMessages() throws Exception {
        String inner = mail("evidence.pdf", "inner pdf".getBytes(StandardCharsets.UTF_8)).replace("Subject: s", "Subject: Our DBS checks");
        String raw = "From: a@b.test\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=fw\r\n\r\n"
                + "--fw\r\nContent-Type: text/plain\r\n\r\nsee below\r\n"
                + "--fw\r\nContent-Type: message/rfc822\r\n\r\n" + inner + "\r\n--fw--\r\n";
        FileExtractor.Extraction extraction = extract(raw);
        assertThat(extraction.files()).singleElement().satisfies(f -> {
            assertThat(f.safeName()).isEqualTo("evidence.pdf");
            assertThat(f.container()).isEqualTo("inside forwarded message \u201COur DBS checks\u201D");
        });
        assertThat(new String(stored.get(0), StandardCharsets.UTF_8)).isEqualTo("inner pdf");
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
        FileExtractor.Extraction extraction = extract(raw.toString());
        assertThat(codes(extraction)).containsExactly(ProblemCode.MIME_TOO_DEEP);
        assertThat(extraction.files()).isEmpty();
    }

    @Test
    void shouldStopAtThePartLimitAndSaySo() throws Exception {
        FileExtractor.Extraction extraction = extract(mail(manyFiles(50)), new FileExtractor.Limits(20, 10, 100, 1000, 100_000, 10, 100, 2));
        assertThat(codes(extraction)).containsExactly(ProblemCode.TOO_MANY_PARTS);
        assertThat(extraction.files()).hasSizeLessThan(10);
    }

    @Test
    void shouldKeepTheFirstFilesAndSaySoPastTheFileLimit() throws Exception {
        FileExtractor.Extraction extraction = extract(mail(manyFiles(12)), new FileExtractor.Limits(20, 500, 5, 1000, 100_000, 10, 100, 2));
        assertThat(extraction.files()).hasSize(5);
        assertThat(codes(extraction)).containsExactly(ProblemCode.TOO_MANY_FILES);
    }

    @Test
    void shouldRefuseAFileOverTheSizeLimitAndKeepTheOthers() throws Exception {
        FileExtractor.Extraction extraction = extract(mail("small.pdf", new byte[100], "huge.xlsx", new byte[5000], "other.pdf", new byte[10]),
                new FileExtractor.Limits(20, 500, 100, 1000, 100_000, 10, 100, 2));
        assertThat(extraction.files()).extracting(ReceivedFile::safeName).containsExactly("small.pdf", "other.pdf");
        assertThat(extraction.findings()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(ProblemCode.FILE_TOO_LARGE);
            assertThat(d.document()).isEqualTo("huge.xlsx");
        });
    }

    @Test
    void shouldStopKeepingFilesPastTheTotalLimit() throws Exception {
        FileExtractor.Extraction extraction = extract(mail("a.pdf", new byte[800], "b.pdf", new byte[800], "c.pdf", new byte[100]),
                new FileExtractor.Limits(20, 500, 100, 1000, 1000, 10, 100, 2));
        assertThat(extraction.files()).extracting(ReceivedFile::safeName).containsExactly("a.pdf", "c.pdf");
        assertThat(codes(extraction)).containsExactly(ProblemCode.TOTAL_TOO_LARGE);
    }

    @Test
    void shouldKeepAZipAndTheFilesInsideIt() throws Exception {
        byte[] zip = zip(entry("forms/application.docx", "form".getBytes(StandardCharsets.UTF_8)), entry("tables.xlsx", new byte[] {9}));
        FileExtractor.Extraction extraction = extract(mail("documents.zip", zip));
        assertThat(extraction.findings()).isEmpty();
        assertThat(extraction.files()).extracting(ReceivedFile::safeName).containsExactly("documents.zip", "application.docx", "tables.xlsx");
        assertThat(extraction.files().get(1).container()).isEqualTo("inside archive documents.zip");
    }

    @Test
    void shouldNotUnpackAZipBomb() throws Exception {
        byte[] bomb = zip(entry("zeros.bin", new byte[20_000_000]));
        assertThat(bomb.length).isLessThan(100_000);
        FileExtractor.Extraction extraction = extract(mail("bomb.zip", bomb),
                new FileExtractor.Limits(20, 500, 100, 50_000_000, 100_000_000, 200, 100, 2));
        assertThat(codes(extraction)).containsExactly(ProblemCode.ARCHIVE_BOMB);
        assertThat(extraction.files()).extracting(ReceivedFile::safeName).containsExactly("bomb.zip");
    }

    @Test
    void shouldStopUnpackingAtTheFirstEntryItCannotKeep() throws Exception {
        // Compresses 1000:1, under the ratio bound, but far over the file bound: inflating the rest of it
        // to reach the next entry would cost time the bounds do not cover, so unpacking stops there.
        byte[] zip = zip(entry("first.txt", new byte[] {1}), entry("big.bin", new byte[200_000_000]), entry("after.txt", new byte[] {2}));
        FileExtractor.Extraction extraction = extract(mail("archive.zip", zip), new FileExtractor.Limits(20, 500, 100, 1_000_000, 10_000_000, 200, 2000, 2));
        assertThat(extraction.files()).extracting(ReceivedFile::safeName).containsExactly("archive.zip", "first.txt");
        assertThat(extraction.findings()).extracting(Problem::code).containsExactly(ProblemCode.FILE_TOO_LARGE);
    }

    @Test
    void shouldStopUnpackingPastTheEntryLimit() throws Exception {
        byte[][] entries = new byte[30][];
        for (int i = 0; i < 30; i++) {
            entries[i] = entry("f" + i + ".txt", new byte[] {(byte) i});
        }
        FileExtractor.Extraction extraction = extract(mail("many.zip", zip(entries)), new FileExtractor.Limits(20, 500, 100, 100_000, 1_000_000, 10, 100, 2));
        assertThat(codes(extraction)).containsExactly(ProblemCode.ARCHIVE_TOO_MANY_ENTRIES);
        assertThat(extraction.files()).hasSize(11);
    }

    @Test
    void shouldUnpackNestedZipsOnlyToTheNestingLimit() throws Exception {
        byte[] level3 = zip(entry("deepest.txt", new byte[] {3}));
        byte[] level2 = zip(entry("level3.zip", level3), entry("two.txt", new byte[] {2}));
        byte[] level1 = zip(entry("level2.zip", level2), entry("one.txt", new byte[] {1}));
        FileExtractor.Extraction extraction = extract(mail("level1.zip", level1));
        assertThat(extraction.files()).extracting(ReceivedFile::safeName).containsExactly("level1.zip", "level3.zip", "two.txt", "one.txt");
        assertThat(extraction.findings()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(ProblemCode.ARCHIVE_TOO_DEEP);
            assertThat(d.document()).isEqualTo("level3.zip");
        });
    }

    @Test
    void shouldReportAPasswordProtectedZip() throws Exception {
        byte[] zip = zip(entry("secret.docx", "x".getBytes(StandardCharsets.UTF_8)));
        zip[6] |= 0x01; // general purpose flag bit 0 of the local header: entry is encrypted
        FileExtractor.Extraction extraction = extract(mail("protected.zip", zip));
        assertThat(codes(extraction)).containsExactly(ProblemCode.ARCHIVE_ENCRYPTED);
        assertThat(extraction.files()).extracting(ReceivedFile::safeName).containsExactly("protected.zip");
    }

    @Test
    void shouldUnpackOutlookWinmailDat() throws Exception {
        byte[] tnef = tnef(new Object[] {"application-form.docx", "the form".getBytes(StandardCharsets.UTF_8)},
                new Object[] {"tables.xlsx", new byte[] {1, 2, 3}});
        FileExtractor.Extraction extraction = extract(mail("winmail.dat", tnef));
        assertThat(extraction.findings()).isEmpty();
        assertThat(extraction.files()).extracting(ReceivedFile::safeName).containsExactly("application-form.docx", "tables.xlsx");
        assertThat(extraction.files()).allSatisfy(f -> assertThat(f.container()).isEqualTo("inside winmail.dat"));
        assertThat(new String(stored.get(0), StandardCharsets.UTF_8)).isEqualTo("the form");
    }

    @Test
    void shouldReportAFileThatCannotBeDecodedAndKeepTheOthers() throws Exception {
        String raw = mail("broken.pdf", new byte[] {1, 2, 3}, "good.pdf", new byte[] {4})
                .replaceFirst("(?s)(Content-Transfer-Encoding: base64\r\n\r\n)[^\r]*", "$1!!!!not*base64!!!!");
        FileExtractor.Extraction extraction = extract(raw);
        assertThat(extraction.files()).extracting(ReceivedFile::safeName).containsExactly("good.pdf");
        assertThat(extraction.findings()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(ProblemCode.FILE_UNREADABLE);
            assertThat(d.document()).isEqualTo("broken.pdf");
        });
    }

    @Test
    void shouldLetAFailingSinkFailTheMessage() throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(mail("a.pdf", new byte[] {1}).getBytes(StandardCharsets.UTF_8)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FileExtractor(DEFAULTS).extract(message, (file, in) -> {
            throw new java.io.IOException("disk full");
        })).isInstanceOf(java.io.IOException.class).hasMessage("disk full");
    }

    @Test
    void shouldKeepAnUnreadableWinmailDatAndSaySo() throws Exception {
        byte[] garbage = new byte[500];
        new Random(5).nextBytes(garbage);
        FileExtractor.Extraction extraction = extract(mail("winmail.dat", garbage));
        assertThat(codes(extraction)).containsExactly(ProblemCode.TNEF_UNREADABLE);
        assertThat(extraction.files()).extracting(ReceivedFile::safeName).containsExactly("winmail.dat");
    }

    private static Object[] manyFiles(int n) {
        Object[] files = new Object[2 * n];
        for (int i = 0; i < n; i++) {
            files[2 * i] = "f" + i + ".pdf";
            files[2 * i + 1] = new byte[] {(byte) i};
        }
        return files;
    }

    /** A zip entry, encoded as name length, name, content (decoded by {@link #zip}). */
    private static byte[] entry(String name, byte[] content) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + n.length + content.length).putInt(n.length).put(n).put(content).array();
    }

    private static byte[] zip(byte[]... entries) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (byte[] e : entries) {
                ByteBuffer b = ByteBuffer.wrap(e);
                byte[] name = new byte[b.getInt()];
                b.get(name);
                byte[] content = new byte[b.remaining()];
                b.get(content);
                zip.putNextEntry(new ZipEntry(new String(name, StandardCharsets.UTF_8)));
                zip.write(content);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A minimal TNEF stream as Outlook writes it: signature, key, then per attachment its render data, title and data. */
    private static byte[] tnef(Object[]... attachments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN).putInt(0x223E9F78).putShort((short) 1);
        out.writeBytes(header.array());
        attribute(out, 1, 0x00089006, new byte[] {1, 0, 0, 0}); // attTnefVersion-like message attribute
        for (Object[] attachment : attachments) {
            attribute(out, 2, 0x00069002, new byte[14]); // attAttachRendData: starts an attachment
            byte[] title = ((String) attachment[0] + "\0").getBytes(StandardCharsets.ISO_8859_1);
            attribute(out, 2, 0x00018010, title); // attAttachTitle
            attribute(out, 2, 0x0006800F, (byte[]) attachment[1]); // attAttachData
        }
        return out.toByteArray();
    }

    private static void attribute(ByteArrayOutputStream out, int level, int id, byte[] data) {
        int checksum = 0;
        for (byte b : data) {
            checksum = (checksum + (b & 0xff)) & 0xffff;
        }
        ByteBuffer b = ByteBuffer.allocate(1 + 4 + 4 + data.length + 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) level).putInt(id).putInt(data.length).put(data).putShort((short) checksum);
        out.writeBytes(b.array());
    }

    @Test
    void shouldUnpackAZipRenamedAsSomethingElseWhenTheSinkSaysItIsAnArchive() throws Exception {
        byte[] zip = uk.gov.education.datasharing.intake.Documents.zip(java.util.Map.of("inside.txt", "hello".getBytes()));
        sink.probesContent = true;
        FileExtractor.Extraction extraction = extract(Mails.withAttachments("a@b.test", "c@d.test", "S", "B", "evidence.pdf", zip));
        assertThat(extraction.files()).extracting(ReceivedFile::safeName).containsExactly("evidence.pdf", "inside.txt");
        assertThat(extraction.unpackedArchives()).containsExactly(extraction.files().get(0).sha256());
    }

    @Test
    void shouldNotCountAnArchiveAsUnpackedWhenABoundStoppedIt() throws Exception {
        java.util.Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            entries.put("f" + i + ".txt", new byte[] {1});
        }
        byte[] zip = uk.gov.education.datasharing.intake.Documents.zip(entries);
        FileExtractor.Extraction extraction = extract(Mails.withAttachments("a@b.test", "c@d.test", "S", "B", "many.zip", zip),
                new FileExtractor.Limits(20, 500, 100, 100_000, 1_000_000, 10, 100, 2));
        assertThat(extraction.findings()).extracting(d -> d.code()).contains(ProblemCode.ARCHIVE_TOO_MANY_ENTRIES);
        assertThat(extraction.unpackedArchives()).isEmpty();
    }

    /** Issue 9: a folder entry was skipped without the ratio guard: 2 MB of zip could inflate to 2 GiB unseen. */
    @Test
    void aFolderEntryIsReadThroughTheRatioGuardAndCountedLikeAnyEntry() throws Exception {
        FileExtractor.Extraction bomb = extract(mail("archive.zip", HostileFiles.folderBomb(300L << 20)));
        assertThat(codes(bomb)).contains(ProblemCode.ARCHIVE_BOMB);
        java.util.Map<String, byte[]> folders = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            folders.put("folder" + i + "/", new byte[0]);
        }
        FileExtractor.Extraction many = extract(mail("folders.zip", uk.gov.education.datasharing.intake.Documents.zip(folders)),
                new FileExtractor.Limits(20, 500, 100, 10_000_000, 100_000_000, 10, 100, 2));
        assertThat(codes(many)).containsExactly(ProblemCode.ARCHIVE_TOO_MANY_ENTRIES);
    }

    /** Issue 10 (found by the corpus review): a truncated archive threw EOFException and failed the whole message. */
    @Test
    void aTruncatedArchiveIsAFindingNotAFailure() throws Exception {
        byte[] whole = uk.gov.education.datasharing.intake.Documents.docx("A form that will be cut short", "x".repeat(5_000));
        for (int cut : new int[] {whole.length / 2, 60, 45, 100, 400}) {
            byte[] truncated = java.util.Arrays.copyOf(whole, cut);
            FileExtractor.Extraction extraction = extract(mail("bundle.zip", truncated));
            assertThat(extraction.files()).as("cut at " + cut).isNotEmpty();
            assertThat(codes(extraction)).as("cut at " + cut).containsAnyOf(ProblemCode.ARCHIVE_UNREADABLE, ProblemCode.FILE_UNREADABLE);
        }
    }

    /** Found by fuzzing (issue 10): an entry name flagged UTF-8 that is not made ZipInputStream throw IllegalArgumentException. */
    @Test
    void anEntryNameThatIsNotTheUtf8ItClaimsIsAnUnreadableArchiveNotAFailure() throws Exception {
        byte[] zip = uk.gov.education.datasharing.intake.Documents.zip(java.util.Map.of("caf\u00e9.txt", "menu".getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i + 1 < zip.length; i++) {
            if ((zip[i] & 0xff) == 0xC3 && (zip[i + 1] & 0xff) == 0xA9) {
                zip[i] = (byte) 0xFF; // no longer UTF-8, in the local and the central header
                zip[i + 1] = (byte) 0xFE;
            }
        }
        FileExtractor.Extraction extraction = extract(mail("menu.zip", zip));
        assertThat(codes(extraction)).contains(ProblemCode.ARCHIVE_UNREADABLE);
        assertThat(extraction.files()).extracting(ReceivedFile::safeName).contains("menu.zip");
    }

    /** Found by fuzzing (issue 10): an unknown transfer encoding made opening the part throw, failing the whole message. */
    @Test
    void aPartInAnEncodingNobodyKnowsIsAnUnreadableFileNotAFailure() throws Exception {
        String raw = mail("form.docx", uk.gov.education.datasharing.intake.Documents.docx("a form"), "notes.txt", "notes".getBytes(StandardCharsets.UTF_8))
                .replaceFirst("Content-Transfer-Encoding: base64", "Content-Transfer-Encoding: base6");
        FileExtractor.Extraction extraction = extract(raw);
        assertThat(codes(extraction)).contains(ProblemCode.FILE_UNREADABLE);
        assertThat(extraction.files()).extracting(ReceivedFile::safeName).contains("notes.txt");
    }

    /** Found by fuzzing (issue 10): a multipart without its start boundary threw ParseException and failed the whole message. */
    @Test
    void aMultipartWithoutItsStartBoundaryIsAFindingNotAFailure() throws Exception {
        String raw = "From: a@example.org\r\nTo: b@example.org\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"never-used\"\r\n\r\nno boundary anywhere in this body\r\n";
        FileExtractor.Extraction extraction = extract(raw);
        assertThat(codes(extraction)).containsExactly(ProblemCode.MIME_UNREADABLE);
        assertThat(extraction.files()).isEmpty();
    }
}
