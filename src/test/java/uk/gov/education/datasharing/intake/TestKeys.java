package uk.gov.education.datasharing.intake;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import uk.gov.education.datasharing.intake.crypto.OpenPgpDecryptor;
import uk.gov.education.datasharing.intake.crypto.TeamKeyGenerator;

/** A team key pair generated once per test JVM (RSA key generation takes a second or two). */
public final class TestKeys {

    private static TeamKeyGenerator.GeneratedKeyPair pair;

    private TestKeys() {
    }

    public static synchronized TeamKeyGenerator.GeneratedKeyPair pair() {
        if (pair == null) {
            pair = new TeamKeyGenerator(2048).generate("Test team <team@education.test>", null);
        }
        return pair;
    }

    public static Path writePublicKey(Path dir) throws IOException {
        Path file = dir.resolve("team-public.asc");
        Files.writeString(file, pair().armoredPublicKey(), StandardCharsets.US_ASCII);
        return file;
    }

    public static Path writeSecretKey(Path dir) throws IOException {
        Path file = dir.resolve("team-secret.asc");
        Files.writeString(file, pair().armoredSecretKey(), StandardCharsets.US_ASCII);
        return file;
    }

    public static byte[] decrypt(Path object) throws IOException {
        return decryptBytes(Files.readAllBytes(object));
    }

    public static byte[] decryptBytes(byte[] encrypted) throws IOException {
        OpenPgpDecryptor decryptor = new OpenPgpDecryptor(
                new ByteArrayInputStream(pair().armoredSecretKey().getBytes(StandardCharsets.US_ASCII)), null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        decryptor.decrypt(new ByteArrayInputStream(encrypted), out);
        return out.toByteArray();
    }
}
