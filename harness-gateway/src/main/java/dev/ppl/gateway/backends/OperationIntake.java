package dev.ppl.gateway.backends;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ppl.gateway.auth.Caller;
import dev.ppl.gateway.files.FileEntity;
import dev.ppl.gateway.files.FileService;
import dev.ppl.service.web.InvalidInputException;
import dev.ppl.service.web.ProblemException;
import dev.ppl.service.web.ResourceNotFoundException;

/**
 * What the gateway does to a client's backend operation before the operations-service sees it: refuses the
 * verbs only the platform may write ({@code restore-vertex}), and, because the gateway owns files, resolves
 * an {@code add-file}'s {@code file_id} in the caller's workspace and fills in its {@code file_type} (a link's
 * declared file type, or an upload's media type without parameters).
 * Everything else about an operation is the operations-service's to validate.
 */
@ApplicationScoped
public class OperationIntake {
    static final String VERBS = "one of add-vertex, delete-vertex, connect, disconnect, change-version, change-parameter, "
            + "add-file, add-constraint, change-alias, change-layout, change-metadata, change-endpoint-alias, "
            + "change-host-port-binding, change-volume-mount, change-service-config";
    private static final String FILE_EXPECTED = "the id of a file of this workspace (POST /v1/files), or \"\" to clear the slot";

    private final FileService files;

    public OperationIntake(FileService files) {
        this.files = files;
    }

    /**
     * One operation as the client sent it, ready to forward.
     *
     * @param prefix how refusals name the operation's fields: {@code ""} for a single operation,
     *        {@code "operations[2]."} inside a patch
     */
    public ObjectNode prepare(Caller caller, JsonNode operation, String prefix) {
        if (operation == null || !operation.isObject()) {
            String field = prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1);
            throw new InvalidInputException(field, "an operation object {\"type\": \"<verb>\", ...}",
                    field + ": expected an operation object with a type such as add-vertex");
        }
        ObjectNode out = ((ObjectNode) operation).deepCopy();
        String type = out.path("type").isTextual() ? out.get("type").asText() : null;
        if ("restore-vertex".equals(type)) {
            throw new InvalidInputException(prefix + "type", VERBS, prefix + "type: restore-vertex is written only by the "
                    + "platform (the inverse of delete-vertex, a compacted log); use undo to bring back a deleted vertex");
        }
        if ("add-file".equals(type)) {
            fillFileType(caller, out, prefix);
        }
        return out;
    }

    /** A patch body {@code {operations: [...], dry_run?}}, each operation prepared. */
    public ObjectNode preparePatch(Caller caller, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", "{operations: [operation, ...], dry_run?}");
        }
        JsonNode operations = body.get("operations");
        if (operations == null || !operations.isArray()) {
            throw new InvalidInputException("operations", "an array of operations",
                    "operations: expected an array of operations");
        }
        JsonNode dryRun = body.get("dry_run");
        if (dryRun != null && !dryRun.isNull() && !dryRun.isBoolean()) {
            throw new InvalidInputException("dry_run", "true or false");
        }
        ObjectNode out = ((ObjectNode) body).deepCopy();
        ArrayNode prepared = out.putArray("operations");
        for (int i = 0; i < operations.size(); i++) {
            prepared.add(prepare(caller, operations.get(i), "operations[" + i + "]."));
        }
        return out;
    }

    private void fillFileType(Caller caller, ObjectNode operation, String prefix) {
        JsonNode fileId = operation.get("file_id");
        if (fileId == null || fileId.isNull() || (fileId.isTextual() && fileId.asText().isEmpty())) {
            // A clear: nothing to look up, and no type to claim.
            operation.remove("file_type");
            return;
        }
        if (!fileId.isTextual()) {
            throw new InvalidInputException(prefix + "file_id", FILE_EXPECTED);
        }
        FileEntity file;
        try {
            file = files.get(caller.workspaceId(), fileId.asText());
        } catch (ResourceNotFoundException e) {
            throw new ProblemException(404, "Not found", prefix + "file_id: " + e.getMessage(), prefix + "file_id",
                    FILE_EXPECTED);
        }
        operation.put("file_type", file.isLink() ? file.fileType : fileType(file.mediaType));
    }

    /**
     * A stored file's type: its media type without parameters ({@code application/json; charset=UTF-8} is
     * {@code application/json}).
     */
    static String fileType(String mediaType) {
        int semicolon = mediaType.indexOf(';');
        return (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).strip().toLowerCase(java.util.Locale.ROOT);
    }
}
