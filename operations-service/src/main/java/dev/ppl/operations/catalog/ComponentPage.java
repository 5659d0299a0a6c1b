package dev.ppl.operations.catalog;

import java.util.List;

/**
 * One page of the lean component list: {@code count} is the total that match (every page), {@code offset} where
 * this page starts, {@code limit} the most a page holds, {@code items} the page itself, ordered by name.
 */
public record ComponentPage(long count, int offset, int limit, List<Item> items) {

    /** A lean record: enough to pick a component and pin its latest version. */
    public record Item(String componentId, String name, String harness, String latestVersionId) {
    }
}
