package dev.ppl.cli.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.cli.CliException;
import dev.ppl.cli.ExitCodes;
import dev.ppl.contracts.codec.JsonCodec;

/**
 * The file of {@code ppl backend patch --file}: a JSON array of operations, or {@code {operations: [...],
 * dry_run}}. A file that cannot be read or is not that shape is exit code 2 with one line naming the file.
 */
final class PatchFile {
    private PatchFile() {
    }

    /** The patch body {@code {operations, dry_run}}; {@code dryRun} true wins over the file's. */
    static Map<String, Object> read(Path file, boolean dryRun) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException | RuntimeException e) {
            throw invalid(file, "cannot be read (" + reason(e) + ")");
        }
        JsonNode json;
        try {
            json = JsonCodec.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw invalid(file, "is not valid JSON" + where + ": " + oneLine(e.getOriginalMessage()));
        }
        JsonNode operations;
        JsonNode fileDryRun = null;
        if (json != null && json.isArray()) {
            operations = json;
        } else if (json != null && json.isObject() && json.path("operations").isArray()) {
            operations = json.get("operations");
            fileDryRun = json.get("dry_run");
            if (fileDryRun != null && !fileDryRun.isNull() && !fileDryRun.isBoolean()) {
                throw invalid(file, "dry_run: expected true or false");
            }
        } else {
            throw invalid(file, "expected a JSON array of operations or {\"operations\": [...], \"dry_run\": false}");
        }
        for (int i = 0; i < operations.size(); i++) {
            if (!operations.get(i).isObject() || !operations.get(i).path("type").isTextual()) {
                throw invalid(file, "operations[" + i + "]: expected an operation object {\"type\": \"<verb>\", ...}");
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("operations", operations);
        body.put("dry_run", dryRun || (fileDryRun != null && fileDryRun.asBoolean()));
        return body;
    }

    private static CliException invalid(Path file, String problem) {
        return new CliException(ExitCodes.INVALID_INPUT, "patch file " + file + " " + problem);
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.charset.MalformedInputException) {
            return "not UTF-8 text";
        }
        return oneLine(e.getMessage() == null ? e.toString() : e.getMessage());
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
