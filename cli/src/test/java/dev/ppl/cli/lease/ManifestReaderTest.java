package dev.ppl.cli.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ppl.cli.CliException;
import dev.ppl.cli.ExitCodes;
import dev.ppl.contracts.manifest.DocumentLimits;

/** A manifest is read only within the documents' limits; past them it is exit 2 naming the limit, before any call. */
class ManifestReaderTest {
    @TempDir
    Path dir;

    @Test
    void aManifestLargerThanTheDocumentLimitIsRefusedBeforeItIsParsed() throws Exception {
        Path file = dir.resolve("live-test.yml");
        Files.writeString(file, "# " + "x".repeat(DocumentLimits.MAX_DOCUMENT_BYTES) + "\n");

        assertThatThrownBy(() -> ManifestReader.manifest(file)).isInstanceOfSatisfying(CliException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT))
                .hasMessageContaining("over the limit of " + DocumentLimits.MAX_DOCUMENT_BYTES)
                .hasMessageContaining("ppl.documents.max-bytes");
    }

    @Test
    void aManifestWithTooManyCasesIsRefusedNamingCases() throws Exception {
        Path file = dir.resolve("live-test.yml");
        StringBuilder y = new StringBuilder("fixtures: [{name: f, path: f.json}]\n"
                + "graph: {vertices: {in: {harness: Input JSON HTTP}, cut: {}}}\ncases:\n");
        y.append("  - {fixture: f, input: in, output: in, expect: 1}\n".repeat(DocumentLimits.MAX_CASES + 1));
        Files.writeString(file, y.toString());

        assertThatThrownBy(() -> ManifestReader.manifest(file)).isInstanceOf(CliException.class)
                .hasMessageContaining("cases").hasMessageContaining("ppl.manifest.max-cases");
    }
}
