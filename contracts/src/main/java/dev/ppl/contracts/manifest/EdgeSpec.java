package dev.ppl.contracts.manifest;

/** One manifest edge between vertex names. */
public record EdgeSpec(String from, int fromOutput, String to, int toInput) {
    public EdgeSpec {
        if (fromOutput < 0 || toInput < 0) {
            throw new ManifestException("graph.edges[]", "from_output and to_input >= 0");
        }
    }
}
