package dev.ppl.contracts.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonMappingException;

class WellFormedStringsTest {
    record Labelled(String label) {
    }

    /** A label with a lone surrogate reached PostgreSQL, which refused it, and was answered 500 (found by ApiFuzzIT). */
    @Test
    void aStringWithAnUnpairedSurrogateIsRefusedNamingTheField() {
        for (String escaped : new String[] { "a\\uDBF5b", "\\uDC00", "x\\uD83D" }) {
            assertThatThrownBy(() -> JsonCodec.mapper().readValue("{\"label\":\"" + escaped + "\"}", Labelled.class))
                    .isInstanceOf(JsonMappingException.class).hasMessageContaining("unpaired surrogate")
                    .satisfies(e -> assertThat(((JsonMappingException) e).getPath().get(0).getFieldName()).isEqualTo("label"));
        }
    }

    @Test
    void pairedSurrogatesAndEveryOtherCharacterRead() throws Exception {
        assertThat(JsonCodec.mapper().readValue("{\"label\":\"\\uD83E\\uDD80 ü \\u0000\"}", Labelled.class).label())
                .isEqualTo("\uD83E\uDD80 ü \u0000");
        assertThat(JsonCodec.mapper().readValue("{\"a\":[\"b\"]}", Map.class)).containsEntry("a", java.util.List.of("b"));
    }
}
