package dev.ppl.contracts.manifest;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * How large the documents users write may be: live-test manifests, {@code component.yml} and every JSON or YAML
 * body the platform parses (docs/limits.md). Checked where the documents are read, by the CLI and the services
 * alike, so a manifest the CLI accepts is one the server accepts. Each is a JVM system property read once.
 */
public final class DocumentLimits {
    /** The largest manifest or {@code component.yml}, in bytes (also YAML's code-point limit). */
    public static final int MAX_DOCUMENT_BYTES = Integer.getInteger("ppl.documents.max-bytes", 1_048_576);
    /** The deepest nesting of objects and arrays in any JSON or YAML document the platform parses. */
    public static final int MAX_NESTING = Integer.getInteger("ppl.documents.max-nesting", 64);
    /** The most vertices of a manifest's graph. */
    public static final int MAX_VERTICES = Integer.getInteger("ppl.manifest.max-vertices", 100);
    /** The most edges of a manifest's graph. */
    public static final int MAX_EDGES = Integer.getInteger("ppl.manifest.max-edges", 400);
    /** The most fixtures of a manifest. */
    public static final int MAX_FIXTURES = Integer.getInteger("ppl.manifest.max-fixtures", 100);
    /** The most cases of a manifest. */
    public static final int MAX_CASES = Integer.getInteger("ppl.manifest.max-cases", 1_000);
    /** The most entries of any one list or map of a {@code component.yml} (ports, parameters, slots, endpoints). */
    public static final int MAX_DESCRIPTOR_ENTRIES = Integer.getInteger("ppl.component.max-entries", 256);
    /** The longest component name or version, in characters: both are keys of the catalog's unique index. */
    public static final int MAX_NAME_LENGTH = Integer.getInteger("ppl.component.max-name-length", 256);
    /** The longest duration anywhere ({@code ttl}, {@code timeout}, {@code fixed_duration}, {@code older_than}). */
    public static final Duration MAX_DURATION = Duration.ofDays(Long.getLong("ppl.duration.max-days", 3650));

    private DocumentLimits() {
    }

    /** Refuses a list or map of more than {@code max} entries, naming its field and the limit. */
    public static void atMost(Object entries, int max, String field, String setting) {
        int size = entries instanceof Collection<?> c ? c.size() : entries instanceof Map<?, ?> m ? m.size() : 0;
        if (size > max) {
            throw new ManifestException(field, "at most " + max + " entries (setting " + setting + "), got " + size);
        }
    }
}
