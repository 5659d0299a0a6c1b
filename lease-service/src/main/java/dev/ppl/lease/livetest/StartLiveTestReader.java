package dev.ppl.lease.livetest;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.codec.MessageDecodingException;
import dev.ppl.contracts.livetest.LiveTestEvent;
import dev.ppl.contracts.livetest.StartLiveTest;
import dev.ppl.contracts.manifest.ManifestException;
import dev.ppl.service.web.InvalidInputException;
import dev.ppl.service.web.ProblemMappers;

/**
 * Reads the body of a live-test request: one {@code start} message, decoded by the live-test codec. A
 * refusal names the field to blame ({@code cut_version_id}, {@code manifest.graph.vertices}).
 */
final class StartLiveTestReader {
    static final String EXPECTED = "a start message {type: start, manifest, cut_version_id}";

    /** What the records' own checks say: "cut_version_id is required", "restarts must be >= 0". */
    private static final Pattern REQUIRE = Pattern.compile("^([a-z_]+) (is required|must).*", Pattern.DOTALL);
    private static final String WIRE_TYPE = JsonCodec.wireType(StartLiveTest.class);

    private StartLiveTestReader() {
    }

    static StartLiveTest read(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("body", EXPECTED, "the request body is empty; expected " + EXPECTED);
        }
        JsonNode tree;
        try {
            tree = JsonCodec.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("body", EXPECTED, "the request body is not JSON: " + e.getOriginalMessage());
        }
        if (!(tree instanceof ObjectNode message)) {
            throw new InvalidInputException("body", EXPECTED, "the request body is not a JSON object; expected " + EXPECTED);
        }
        JsonNode type = message.get(JsonCodec.TYPE_FIELD);
        if (type == null) {
            message.put(JsonCodec.TYPE_FIELD, WIRE_TYPE);
        } else if (!WIRE_TYPE.equals(type.asText())) {
            throw new InvalidInputException("type", WIRE_TYPE, "type must be '" + WIRE_TYPE + "', was '" + type.asText() + "'");
        }
        try {
            return (StartLiveTest) LiveTestEvent.codec().decode(message);
        } catch (MessageDecodingException e) {
            throw new InvalidInputException(fieldToBlame(message), EXPECTED, e.getMessage());
        }
    }

    /** The codec says what is wrong but not where; binding the record again shows where. */
    private static String fieldToBlame(JsonNode message) {
        try {
            JsonCodec.mapper().treeToValue(message, StartLiveTest.class);
            return "body";
        } catch (JsonMappingException e) {
            String path = ProblemMappers.fieldPath(e);
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            if (root instanceof ManifestException invalid) {
                return "manifest." + invalid.field();
            }
            Matcher named = REQUIRE.matcher(String.valueOf(root.getMessage()));
            if (named.matches()) {
                return path.isEmpty() ? named.group(1) : path + "." + named.group(1);
            }
            return path.isEmpty() ? "body" : path;
        } catch (IOException e) {
            return "body";
        }
    }
}
