package dev.ppl.cli.lease;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.ppl.cli.CliException;
import dev.ppl.cli.ExitCodes;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.component.ComponentDescriptor;
import dev.ppl.contracts.manifest.DocumentLimits;
import dev.ppl.contracts.manifest.LiveTestManifest;

/** Reads the YAML the user wrote; anything wrong is exit code 2 with the file and the field in one line. */
public final class ManifestReader {
    private static final ObjectMapper YAML = JsonCodec.newYamlMapper();

    private ManifestReader() {
    }

    static LiveTestManifest manifest(Path file) {
        return read(file, LiveTestManifest.class, "manifest");
    }

    /**
     * A {@code component.yml} as {@code lease run} and {@code component publish} send it: a {@code local.command}
     * gets the file's folder as its workdir, since only this machine knows where the component's files are.
     */
    public static ComponentDescriptor publishable(Path file) {
        ComponentDescriptor found = read(file, ComponentDescriptor.class, "component.yml");
        if (found.local() == null) {
            return found;
        }
        return new ComponentDescriptor(found.name(), found.version(), found.description(), found.inputs(),
                found.outputs(), found.configSchema(), found.endpoints(), found.harness(), found.image(),
                new ComponentDescriptor.Local(found.local().command(),
                        file.toAbsolutePath().normalize().getParent().toString()),
                found.fileSchema(), found.dependsOn(), found.resources());
    }

    private static <T> T read(Path file, Class<T> type, String what) {
        if (!Files.isRegularFile(file)) {
            throw new CliException(ExitCodes.INVALID_INPUT, what + " " + file + " does not exist");
        }
        try {
            long size = Files.size(file);
            if (size > DocumentLimits.MAX_DOCUMENT_BYTES) {
                throw new CliException(ExitCodes.INVALID_INPUT, "invalid " + what + " " + file + ": it is " + size
                        + " bytes, over the limit of " + DocumentLimits.MAX_DOCUMENT_BYTES + " (ppl.documents.max-bytes)");
            }
            T value = YAML.readValue(file.toFile(), type);
            if (value == null) {
                throw new CliException(ExitCodes.INVALID_INPUT, "invalid " + what + " " + file + ": it is empty");
            }
            return value;
        } catch (JsonMappingException e) {
            throw new CliException(ExitCodes.INVALID_INPUT, "invalid " + what + " " + file + ": " + describe(e));
        } catch (IOException e) {
            throw new CliException(ExitCodes.INVALID_INPUT, "cannot read " + what + " " + file + ": " + e.getMessage());
        }
    }

    private static String describe(JsonMappingException e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof IllegalArgumentException) {
            return root.getMessage();
        }
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
        return (path.isEmpty() ? "" : path + ": ") + e.getOriginalMessage().lines().findFirst().orElse("");
    }
}
