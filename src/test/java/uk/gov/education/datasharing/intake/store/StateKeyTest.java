package uk.gov.education.datasharing.intake.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateKeyTest {

    final StateKey key = StateKey.fromBase64(StateKey.generate());

    @Test
    void opensWhatItSealedForTheSamePlace() throws Exception {
        String sealed = key.seal("answers".getBytes(StandardCharsets.UTF_8), "DSI-0000-0000|form");
        assertThat(sealed).doesNotContain("answers");
        assertThat(new String(key.open(sealed, "DSI-0000-0000|form"), StandardCharsets.UTF_8)).isEqualTo("answers");
    }

    @Test
    void refusesAValueMovedToAnotherCaseOrTamperedWithOrSealedByAnotherKey() {
        String sealed = key.seal("answers".getBytes(StandardCharsets.UTF_8), "DSI-0000-0000|form");
        assertThatThrownBy(() -> key.open(sealed, "DSI-1111-1111|form")).isInstanceOf(GeneralSecurityException.class);
        char[] chars = sealed.toCharArray();
        chars[20] = chars[20] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> key.open(new String(chars), "DSI-0000-0000|form")).isInstanceOf(GeneralSecurityException.class);
        StateKey other = StateKey.fromBase64(StateKey.generate());
        assertThatThrownBy(() -> other.open(sealed, "DSI-0000-0000|form")).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aKeyMustBe32BytesOfBase64() {
        assertThatThrownBy(() -> StateKey.fromBase64("c2hvcnQ=")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> StateKey.fromBase64("not base64!")).hasMessageContaining("base64");
    }
}
