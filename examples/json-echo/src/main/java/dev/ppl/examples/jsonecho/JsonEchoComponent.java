package dev.ppl.examples.jsonecho;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.kit.Component;

/** t → t: writes every JSON value it reads back out unchanged. */
public final class JsonEchoComponent {
    private JsonEchoComponent() {
    }

    public static void main(String[] args) {
        Component.fromEnvironment().run(JsonEchoComponent::echo);
    }

    static JsonNode echo(JsonNode value) {
        return value;
    }
}
