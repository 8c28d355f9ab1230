package uk.gov.education.datasharing.intake.crypto;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.education.datasharing.intake.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenPgpRoundTripTest {

    @TempDir
    Path dir;

    private byte[] encrypt(TeamPublicKeys keys, byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OpenPgpEncryptor(keys).encrypt(new ByteArrayInputStream(plain), out);
        return out.toByteArray();
    }

    @Test
    void shouldDecryptWhatItEncrypted() throws Exception {
        byte[] plain = "the plaintext".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        byte[] encrypted = encrypt(TeamPublicKeys.load(List.of(TestKeys.writePublicKey(dir))), plain);
        assertThat(new String(encrypted, StandardCharsets.ISO_8859_1)).doesNotContain("the plaintext");
        assertThat(TestKeys.decryptBytes(encrypted)).isEqualTo(plain);
    }

    @Test
    void shouldRefuseAnAlteredObject() throws Exception {
        byte[] encrypted = encrypt(TeamPublicKeys.load(List.of(TestKeys.writePublicKey(dir))), new byte[5000]);
        encrypted[encrypted.length - 30] ^= 0x01;
        assertThatThrownBy(() -> TestKeys.decryptBytes(encrypted)).isInstanceOf(IOException.class);
    }

    @Test
    void shouldNameTheKeyFileThatCannotBeUsed() throws Exception {
        Path notAKey = Files.writeString(dir.resolve("notes.asc"), "hello");
        assertThatThrownBy(() -> TeamPublicKeys.load(List.of(notAKey)))
                .isInstanceOf(TeamPublicKeys.KeyFileException.class).hasMessageContaining("notes.asc");
        Path missing = dir.resolve("missing.asc");
        assertThatThrownBy(() -> TeamPublicKeys.load(List.of(missing)))
                .isInstanceOf(TeamPublicKeys.KeyFileException.class).hasMessageContaining("missing.asc");
    }

    @Test
    void shouldRefuseASecretKeyFileAsARecipient() throws Exception {
        Path secret = TestKeys.writeSecretKey(dir);
        assertThatThrownBy(() -> TeamPublicKeys.load(List.of(secret))).isInstanceOf(TeamPublicKeys.KeyFileException.class);
    }

    @Test
    void shouldMakeProtectedKeysThatOpenOnlyWithTheirPassphrase() throws Exception {
        TeamKeyGenerator.GeneratedKeyPair pair = new TeamKeyGenerator(2048).generate("P <p@test>", "correct horse".toCharArray());
        assertThat(pair.toString()).doesNotContain("PRIVATE");
        byte[] encrypted = encrypt(TeamPublicKeys.of(List.of(pair.publicRing())), "x".getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OpenPgpDecryptor(new ByteArrayInputStream(pair.armoredSecretKey().getBytes(StandardCharsets.US_ASCII)),
                "correct horse".toCharArray()).decrypt(new ByteArrayInputStream(encrypted), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("x");
        assertThatThrownBy(() -> new OpenPgpDecryptor(new ByteArrayInputStream(pair.armoredSecretKey().getBytes(StandardCharsets.US_ASCII)),
                "wrong".toCharArray()).decrypt(new ByteArrayInputStream(encrypted), new ByteArrayOutputStream()))
                .isInstanceOf(IOException.class);
    }
}
