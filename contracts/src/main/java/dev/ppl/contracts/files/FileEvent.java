package dev.ppl.contracts.files;

import dev.ppl.contracts.codec.Message;

/** File events on {@link dev.ppl.contracts.Topics#GATEWAY_EVENTS}, keyed by file id. */
public sealed interface FileEvent extends Message permits FileStored, FileDeleted {
    String fileId();
}
