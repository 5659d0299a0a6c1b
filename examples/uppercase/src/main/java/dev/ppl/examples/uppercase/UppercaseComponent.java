package dev.ppl.examples.uppercase;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.ppl.kit.Component;

/** String → String: upper-cases its input and appends the {@code suffix} parameter. */
public final class UppercaseComponent {
    private UppercaseComponent() {
    }

    public static void main(String[] args) {
        Component component = Component.fromEnvironment();
        String suffix = component.stringParam("suffix", "");
        component.run(value -> shout(value, suffix));
    }

    static JsonNode shout(JsonNode value, String suffix) {
        return TextNode.valueOf(value.asText().toUpperCase(Locale.ROOT) + suffix);
    }
}
