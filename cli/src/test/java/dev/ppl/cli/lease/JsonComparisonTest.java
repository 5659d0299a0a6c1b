package dev.ppl.cli.lease;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.cli.ExitCodes;
import dev.ppl.cli.http.GatewayClient;
import dev.ppl.contracts.codec.JsonCodec;

class JsonComparisonTest {

    @Test
    void numbersAreComparedByValueAndEverythingElseExactly() throws Exception {
        assertThat(JsonComparison.sameJson(json("{\"a\": [1, 2.0]}"), json("{\"a\": [1.0, 2]}"))).isTrue();
        assertThat(JsonComparison.sameJson(json("\"HELLO\""), json("\"hello\""))).isFalse();
        assertThat(JsonComparison.sameJson(json("{\"a\": 1}"), json("{\"a\": 1, \"b\": 2}"))).isFalse();
        assertThat(JsonComparison.sameJson(json("1"), null)).isFalse();
    }

    @Test
    void aRefusalBecomesExitCode3WithStatusDetailAndField() {
        var refusal = GatewayClient.refusal(400,
                "{\"title\": \"Invalid input\", \"status\": 400, \"detail\": \"ttl: expected a duration\", \"field\": \"ttl\"}");

        assertThat(refusal.exitCode()).isEqualTo(ExitCodes.API_REFUSED);
        assertThat(refusal.getMessage()).isEqualTo("400 Invalid input: ttl: expected a duration (field: ttl)");
        assertThat(GatewayClient.refusal(502, "gateway exploded").getMessage()).isEqualTo("502: gateway exploded");
    }

    private static JsonNode json(String text) throws Exception {
        return JsonCodec.mapper().readTree(text);
    }
}
