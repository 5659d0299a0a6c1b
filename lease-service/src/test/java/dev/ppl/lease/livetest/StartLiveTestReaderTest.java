package dev.ppl.lease.livetest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.ppl.contracts.livetest.StartLiveTest;
import dev.ppl.service.web.InvalidInputException;

class StartLiveTestReaderTest {
    static final String GRAPH = """
            {"vertices": {"in": {"harness": "Input JSON HTTP"}, "cut": {"params": {"suffix": {"type": "String", "value": "\\"!\\""}}},
                          "out": {"harness": "Output JSON HTTP"}},
             "edges": [{"from": "in", "from_output": 0, "to": "cut", "to_input": 0},
                       {"from": "cut", "from_output": 0, "to": "out", "to_input": 0}]}""";

    static String start(String cutVersion, String graph) {
        return "{\"type\": \"start\", " + (cutVersion == null ? "" : "\"cut_version_id\": \"" + cutVersion + "\", ")
                + "\"manifest\": {\"deploy\": {\"fixed_duration\": \"10m\"}, \"graph\": " + graph + "}}";
    }

    @Test
    void readsAStartMessageKeepingTheVertexOrder() {
        StartLiveTest start = StartLiveTestReader.read(start("cv_1", GRAPH));
        assertThat(start.cutVersionId()).isEqualTo("cv_1");
        assertThat(start.manifest().graph().vertices()).containsOnlyKeys("in", "cut", "out");
        assertThat(start.manifest().graph().vertices().keySet()).containsExactly("in", "cut", "out");
        assertThat(start.manifest().graph().vertices().get("cut").params().get("suffix").value()).isEqualTo("\"!\"");
        assertThat(start.manifest().deploy().fixedDuration()).isEqualTo("10m");
    }

    @Test
    void acceptsAStartMessageWithoutItsType() {
        String untyped = start("cv_1", GRAPH).replace("\"type\": \"start\", ", "");
        assertThat(StartLiveTestReader.read(untyped).cutVersionId()).isEqualTo("cv_1");
    }

    @Test
    void refusesAStartWithoutACutVersionNamingTheField() {
        assertThatThrownBy(() -> StartLiveTestReader.read(start(null, GRAPH)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("cut_version_id"));
    }

    @Test
    void refusesAGraphWithoutExactlyOneCutNamingTheManifestField() {
        String twoCuts = GRAPH.replace("{\"harness\": \"Input JSON HTTP\"}", "{}");
        assertThatThrownBy(() -> StartLiveTestReader.read(start("cv_1", twoCuts)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("manifest.graph.vertices"));
    }

    @Test
    void refusesAnotherMessageTypeAndABodyThatIsNotJson() {
        assertThatThrownBy(() -> StartLiveTestReader.read(start("cv_1", GRAPH).replace("\"start\"", "\"ready\"")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("type"));
        assertThatThrownBy(() -> StartLiveTestReader.read("start please"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("body"));
    }
}
