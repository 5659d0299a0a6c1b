package dev.ppl.contracts.lease;

import static dev.ppl.contracts.codec.Require.text;

/**
 * One row a lease owns.
 *
 * @param kind {@code backend}, {@code version}, {@code component}, {@code deployment}, {@code container}, {@code file}
 */
public record OwnedResource(String kind, String id) {
    public OwnedResource {
        text(kind, "kind");
        text(id, "id");
    }
}
