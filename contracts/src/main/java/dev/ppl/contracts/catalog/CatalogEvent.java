package dev.ppl.contracts.catalog;

import dev.ppl.contracts.codec.Message;

/** Events on {@link dev.ppl.contracts.Topics#CATALOG_EVENTS}, keyed by component id. */
public sealed interface CatalogEvent extends Message permits ComponentVersionPublished, ComponentVersionDeleted {
    String componentId();

    String versionId();
}
