package dev.ppl.contracts.manifest;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live-test manifest ({@code tests/live-test.yml}): the candidate's release, its fixtures, the graph
 * that wraps it and the cases to check. The vertex without a harness is the CUT. Validation here names
 * the manifest path of the offending field, so a bad manifest is refused before anything is created.
 */
public record LiveTestManifest(Release release, DeploySettings deploy, List<Fixture> fixtures, Graph graph,
        List<OutputFile> outputFiles, List<TestCase> cases) {

    public LiveTestManifest {
        DocumentLimits.atMost(fixtures, DocumentLimits.MAX_FIXTURES, "fixtures", "ppl.manifest.max-fixtures");
        DocumentLimits.atMost(cases, DocumentLimits.MAX_CASES, "cases", "ppl.manifest.max-cases");
        release = release == null ? new Release(false) : release;
        deploy = deploy == null ? new DeploySettings(null, null) : deploy;
        fixtures = fixtures == null ? List.of() : List.copyOf(fixtures);
        outputFiles = outputFiles == null ? List.of() : List.copyOf(outputFiles);
        cases = cases == null ? List.of() : List.copyOf(cases);
        if (graph == null) {
            throw new ManifestException("graph", "a graph with vertices and edges");
        }
        Set<String> fixtureNames = new HashSet<>();
        for (int i = 0; i < fixtures.size(); i++) {
            if (!fixtureNames.add(fixtures.get(i).name())) {
                throw new ManifestException("fixtures[" + i + "].name", "a unique fixture name, '" + fixtures.get(i).name()
                        + "' is used twice");
            }
        }
        for (int i = 0; i < cases.size(); i++) {
            TestCase c = cases.get(i);
            if (!fixtureNames.contains(c.fixture())) {
                throw new ManifestException("cases[" + i + "].fixture", "the name of a declared fixture, got '"
                        + c.fixture() + "'");
            }
            requireVertex(graph.vertices(), c.input(), "cases[" + i + "].input");
            requireVertex(graph.vertices(), c.output(), "cases[" + i + "].output");
        }
        for (int i = 0; i < outputFiles.size(); i++) {
            requireVertex(graph.vertices(), outputFiles.get(i).vertex(), "output_files[" + i + "].vertex");
        }
    }

    /** The name of the component under test: the one vertex without a harness. */
    public String cutVertex() {
        return graph.cutVertex();
    }

    static void requireVertex(Map<String, VertexSpec> vertices, String name, String field) {
        if (name == null || !vertices.containsKey(name)) {
            throw new ManifestException(field, "the name of a vertex in graph.vertices " + vertices.keySet() + ", got '"
                    + name + "'");
        }
    }

    public record Release(boolean auto) {
    }

    /**
     * @param fixedDuration a Go duration ({@code 10m}) pinning the deployment's lifetime
     * @param leaseTtl a Go duration capping the whole lease (the server caps it again)
     */
    public record DeploySettings(String fixedDuration, String leaseTtl) {
        public DeploySettings {
            if (fixedDuration != null) {
                GoDuration.parse(fixedDuration, "deploy.fixed_duration");
            }
            if (leaseTtl != null) {
                GoDuration.parse(leaseTtl, "deploy.lease_ttl");
            }
        }
    }

    /** Exactly one of path (local, uploaded by the CLI), url, or file_id. */
    public record Fixture(String name, String path, String url, String fileId) {
        public Fixture {
            if (name == null || name.isBlank()) {
                throw new ManifestException("fixtures[].name", "a fixture name");
            }
            int sources = (path != null ? 1 : 0) + (url != null ? 1 : 0) + (fileId != null ? 1 : 0);
            if (sources != 1) {
                throw new ManifestException("fixtures[" + name + "]", "exactly one of path, url, file_id (got " + sources
                        + ")");
            }
        }
    }

    public record OutputFile(String name, String vertex, String key) {
        public OutputFile {
            if (name == null || vertex == null || key == null) {
                throw new ManifestException("output_files[]", "name, vertex and key");
            }
        }
    }

    /**
     * @param expect the JSON value the output frame must equal
     * @param expectFile instead of {@code expect}, for an output harness that sends media (metadata text frame, then a
     *        binary frame): a file the binary frame must equal, as bytes or, when both are images the JDK reads, as
     *        pixels
     */
    public record TestCase(String name, String fixture, String input, String output,
            com.fasterxml.jackson.databind.JsonNode expect, String expectFile) {
        public TestCase {
            if (fixture == null || input == null || output == null) {
                throw new ManifestException("cases[]", "fixture, input and output on every case");
            }
            if ((expect == null) == (expectFile == null || expectFile.isBlank())) {
                throw new ManifestException("cases[" + (name == null ? fixture : name) + "]",
                        "exactly one of expect (a JSON value) and expect_file (a file the output image must equal)");
            }
            if (name == null || name.isBlank()) {
                name = fixture;
            }
        }
    }
}
