package uk.gov.education.datasharing.intake.store;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.education.datasharing.intake.TestKeys;
import uk.gov.education.datasharing.intake.crypto.OpenPgpEncryptor;
import uk.gov.education.datasharing.intake.crypto.TeamPublicKeys;
import uk.gov.education.datasharing.intake.model.Sha256;
import uk.gov.education.datasharing.intake.model.StoredObject;

import static org.assertj.core.api.Assertions.assertThat;

class EncryptedObjectStoreTest {

    @TempDir
    Path dir;

    private EncryptedObjectStore store() throws Exception {
        return new EncryptedObjectStore(dir.resolve("store"),
                new OpenPgpEncryptor(TeamPublicKeys.load(List.of(TestKeys.writePublicKey(dir)))));
    }

    @Test
    void shouldNameObjectsByThePlaintextHashAndStoreOnlyCiphertext() throws Exception {
        byte[] plain = "CONTENT-MARKER ".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        EncryptedObjectStore store = store();
        StoredObject stored = store.put(new ByteArrayInputStream(plain));

        java.security.MessageDigest digest = Sha256.newDigest();
        digest.update(plain);
        assertThat(stored.sha256()).isEqualTo(Sha256.hex(digest));
        assertThat(stored.size()).isEqualTo(plain.length);
        assertThat(stored.alreadyStored()).isFalse();
        Path object = store.pathOf(stored.sha256());
        assertThat(new String(Files.readAllBytes(object), StandardCharsets.ISO_8859_1)).doesNotContain("CONTENT-MARKER");
        assertThat(TestKeys.decrypt(object)).isEqualTo(plain);
    }

    @Test
    void shouldStoreAnIdenticalFileOnce() throws Exception {
        EncryptedObjectStore store = store();
        StoredObject first = store.put(new ByteArrayInputStream(new byte[] {1, 2, 3}));
        byte[] before = Files.readAllBytes(store.pathOf(first.sha256()));
        StoredObject second = store.put(new ByteArrayInputStream(new byte[] {1, 2, 3}));
        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(second.alreadyStored()).isTrue();
        assertThat(Files.readAllBytes(store.pathOf(first.sha256()))).isEqualTo(before);
    }

    @Test
    void shouldLeaveNoPartialFilesBehind() throws Exception {
        EncryptedObjectStore store = store();
        store.put(new ByteArrayInputStream(new byte[100]));
        Files.writeString(dir.resolve("store/partial/obj-crash.partial"), "left by a crash");
        assertThat(store.purgePartials()).isEqualTo(1);
        try (var files = Files.list(dir.resolve("store/partial"))) {
            assertThat(files).isEmpty();
        }
    }
}
