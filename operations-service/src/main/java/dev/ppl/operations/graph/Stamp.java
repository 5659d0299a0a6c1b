package dev.ppl.operations.graph;

import java.time.Instant;

/** Who asked, through which surface, and when: recorded with every event a command produces. */
public record Stamp(String actor, String surface, Instant at) {
}
