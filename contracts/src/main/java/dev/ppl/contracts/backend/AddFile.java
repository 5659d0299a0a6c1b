package dev.ppl.contracts.backend;

import static dev.ppl.contracts.codec.Require.text;

import dev.ppl.contracts.codec.WireType;

/**
 * Binds a file to one of the vertex's {@code file_schema} slots.
 *
 * @param fileId the file, or empty/null to clear the slot
 * @param fileType the file's type as stored (filled in by the gateway, which owns files), checked
 *        against the slot's declared types
 */
@WireType("add-file")
public record AddFile(String vertexId, String slot, String fileId, String fileType) implements BackendOperation {
    public AddFile {
        text(vertexId, "vertex_id");
        text(slot, "slot");
        if (fileId != null && fileId.isEmpty()) {
            fileId = null;
        }
        if (fileId != null) {
            text(fileType, "file_type");
        }
    }
}
