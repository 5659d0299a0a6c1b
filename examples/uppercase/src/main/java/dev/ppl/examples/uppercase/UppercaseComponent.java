package dev.ppl.examples.uppercase;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.ppl.kit.Component;

/**
 * String → String: upper-cases its input and appends the {@code suffix} parameter. Keeps a report of how
 * many records it shouted in {@code report.json}, an output file a test can collect.
 */
public final class UppercaseComponent {
    private UppercaseComponent() {
    }

    public static void main(String[] args) {
        Component component = Component.fromEnvironment();
        String suffix = component.stringParam("suffix", "");
        AtomicLong shouted = new AtomicLong();
        component.run(value -> {
            JsonNode out = shout(value, suffix);
            if (component.environment().outputDir() != null) {
                component.writeOutputFile("report.json",
                        ("{\"shouted\":" + shouted.incrementAndGet() + "}").getBytes(StandardCharsets.UTF_8));
            }
            return out;
        });
    }

    static JsonNode shout(JsonNode value, String suffix) {
        return TextNode.valueOf(value.asText().toUpperCase(Locale.ROOT) + suffix);
    }
}
