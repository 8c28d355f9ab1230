package uk.gov.education.datasharing.intake;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.education.datasharing.intake.crypto.OpenPgpEncryptor;
import uk.gov.education.datasharing.intake.crypto.TeamPublicKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored objects must open with the GnuPG the team has (2.2 on Debian 12): checked with the real gpg when
 * it is installed, both with keys this project makes and with keys gpg makes itself.
 */
class GnuPgCompatibilityIT extends GatewayITSupport {

    @TempDir
    Path gnupgHome;

    @BeforeEach
    void requireGpg() {
        Requires.present(gpgAvailable(), "gpg");
    }

    @Test
    void shouldLetGnuPgDecryptEveryStoredObjectByteForByte() throws Exception {
        byte[] form = IntakeEndToEndIT.content("form", 300_000);
        byte[] tables = IntakeEndToEndIT.content("tables", 1_200_000);
        String raw = Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "Application", "Hello",
                "form.docx", form, "tables.xlsx", tables);
        harness.deliver(raw);
        harness.start();
        harness.awaitReplies(GatewayHarness.APPLICANT, 1);
        harness.stopGateway();
        gpg(TestKeys.pair().armoredSecretKey().getBytes(StandardCharsets.US_ASCII), "--import");

        List<Path> objects;
        try (Stream<Path> files = Files.walk(dir.resolve("store/objects"))) {
            objects = files.filter(p -> p.toString().endsWith(".pgp")).toList();
        }
        assertThat(objects).hasSize(4); // raw message, two files, manifest
        for (Path object : objects) {
            byte[] plain = gpg(Files.readAllBytes(object), "--decrypt");
            String expected = object.getFileName().toString().replace(".pgp", "");
            assertThat(IntakeEndToEndIT.sha256(plain)).as(object.toString()).isEqualTo(expected);
        }
        assertThat(gpg(Files.readAllBytes(IntakeEndToEndIT.objectPath(dir.resolve("store"), IntakeEndToEndIT.sha256(tables))), "--decrypt"))
                .isEqualTo(tables);
    }

    @Test
    void shouldEncryptToAKeyMadeByGnuPg() throws Exception {
        gpg(new byte[0], "--quick-generate-key", "--passphrase", "", "Team (gpg made) <gpg-team@education.test>", "rsa3072", "default", "never");
        Path publicKey = gnupgHome.resolve("exported.asc");
        Files.write(publicKey, gpg(new byte[0], "--armor", "--export", "gpg-team@education.test"));

        byte[] secret = "a document only the team may read".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
        new OpenPgpEncryptor(TeamPublicKeys.load(List.of(publicKey))).encrypt(new ByteArrayInputStream(secret), encrypted);

        assertThat(gpg(encrypted.toByteArray(), "--decrypt")).isEqualTo(secret);
        String packets = new String(gpg(encrypted.toByteArray(), "--list-packets"), StandardCharsets.UTF_8);
        assertThat(packets).as("SEIPD v1 with MDC").contains("mdc_method: 2");
        gpg(encrypted.toByteArray(), "--show-session-key", "--decrypt");
        assertThat(Files.readString(gnupgHome.resolve("gpg-stderr.txt"))).as("AES-256 session key").contains("session key: '9:");
    }

    @Test
    void shouldEncryptToEveryConfiguredTeamKey() throws Exception {
        gpg(new byte[0], "--quick-generate-key", "--passphrase", "", "Second reader <second@education.test>", "rsa3072", "default", "never");
        Path second = gnupgHome.resolve("second.asc");
        Files.write(second, gpg(new byte[0], "--armor", "--export", "second@education.test"));
        Path first = TestKeys.writePublicKey(gnupgHome);

        byte[] secret = "for both readers".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
        new OpenPgpEncryptor(TeamPublicKeys.load(List.of(first, second))).encrypt(new ByteArrayInputStream(secret), encrypted);

        assertThat(gpg(encrypted.toByteArray(), "--decrypt")).isEqualTo(secret); // with the second (gpg's own) key
        assertThat(TestKeys.decryptBytes(encrypted.toByteArray())).isEqualTo(secret); // with the first
    }

    private byte[] gpg(byte[] input, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("gpg", "--homedir", gnupgHome.toString(), "--batch", "--yes",
                "--pinentry-mode", "loopback", "--quiet"));
        command.addAll(List.of(args));
        // Files, not pipes: writing all input before reading output deadlocks once the output fills the pipe.
        Path in = Files.write(gnupgHome.resolve("gpg-in"), input);
        Path outFile = gnupgHome.resolve("gpg-out");
        Process process = new ProcessBuilder(command).redirectInput(in.toFile()).redirectOutput(outFile.toFile())
                .redirectError(gnupgHome.resolve("gpg-stderr.txt").toFile()).start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("gpg " + String.join(" ", args) + " finished").isTrue();
        byte[] out = Files.readAllBytes(outFile);
        assertThat(process.exitValue()).as("gpg " + String.join(" ", args) + ": " + Files.readString(gnupgHome.resolve("gpg-stderr.txt")))
                .isZero();
        return out;
    }

    static boolean gpgAvailable() {
        try {
            Process p = new ProcessBuilder("gpg", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
