package uk.gov.education.datasharing.intake.model;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaseReferenceTest {

    private final Random random = new Random(42);

    @Test
    void shouldGenerateReferencesThatParseBack() {
        for (int i = 0; i < 1000; i++) {
            CaseReference reference = CaseReference.generate(random);
            assertThat(reference.value()).matches("DSI-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");
            assertThat(CaseReference.findIn("Re: Application " + reference.value() + " updated"))
                    .contains(new CaseReference.Valid(reference));
        }
    }

    @Test
    void shouldRecogniseEverySingleMistypedCharacter() {
        for (int n = 0; n < 200; n++) {
            String value = CaseReference.generate(random).value();
            for (int position : new int[] {4, 5, 6, 7, 9, 10, 11, 12}) {
                for (char c : CaseReference.ALPHABET.toCharArray()) {
                    if (c == value.charAt(position)) {
                        continue;
                    }
                    String typo = value.substring(0, position) + c + value.substring(position + 1);
                    assertThat(CaseReference.findIn(typo)).get().isInstanceOf(CaseReference.Mistyped.class);
                }
            }
        }
    }

    @Test
    void shouldRecogniseSwappedNeighbours() {
        int swaps = 0;
        for (int n = 0; n < 500; n++) {
            String body = CaseReference.generate(random).value().replace("-", "").substring(3);
            for (int i = 0; i < body.length() - 1; i++) {
                if (body.charAt(i) == body.charAt(i + 1)) {
                    continue;
                }
                char[] chars = body.toCharArray();
                chars[i] = body.charAt(i + 1);
                chars[i + 1] = body.charAt(i);
                String swapped = new String(chars);
                String text = "DSI-" + swapped.substring(0, 4) + "-" + swapped.substring(4);
                assertThat(CaseReference.findIn(text)).as(text).get().isInstanceOf(CaseReference.Mistyped.class);
                swaps++;
            }
        }
        assertThat(swaps).isGreaterThan(1000);
    }

    @Test
    void shouldReadReferencesAsPeopleTypeThem() {
        CaseReference reference = new CaseReference("DSI-0K7M-1Q9" + CaseReference.checkCharacter("0K7M1Q9"));
        String typed = reference.value().toLowerCase().replace('0', 'o').replace('1', 'l').replace("-", " ");
        assertThat(CaseReference.findIn("about " + typed)).contains(new CaseReference.Valid(reference));
    }

    @Test
    void shouldNotFindReferencesInsideLongerWords() {
        String value = CaseReference.generate(random).value();
        assertThat(CaseReference.findIn("X" + value)).isEmpty();
        assertThat(CaseReference.findIn(value + "7")).isEmpty();
        assertThat(CaseReference.findIn(null)).isEmpty();
    }

    @Test
    void shouldRefuseToBuildAnInvalidReference() {
        assertThatThrownBy(() -> new CaseReference("DSI-0000-0001")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CaseReference("DS00752")).isInstanceOf(IllegalArgumentException.class);
    }
}
