package dev.ppl.deploy.kubernetes;

import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a workload needs on Kubernetes beyond its environment contract: its bound files, as the signed
 * URLs the deployment plan gives them, and the resources its component descriptor asks for.
 *
 * @param files the bound files by slot: the init container fetches each URL into {@code <PPL_FILES_DIR>/<slot>}
 * @param resources what the component's container asks for; {@link ContainerResources#NONE} takes the
 *        runtime's defaults
 */
public record WorkloadNeeds(Map<String, URI> files, ContainerResources resources) {
    public static final WorkloadNeeds NONE = new WorkloadNeeds(Map.of(), ContainerResources.NONE);

    /** A slot becomes a file name in a shared directory, so it may not name another place. */
    private static final Pattern SLOT = Pattern.compile("[A-Za-z0-9][-A-Za-z0-9_.]{0,252}");

    public WorkloadNeeds {
        files = Collections.unmodifiableMap(new TreeMap<>(files == null ? Map.of() : files));
        files.forEach((slot, url) -> {
            if (!SLOT.matcher(slot).matches()) {
                throw new IllegalArgumentException("files: a slot name of letters, digits, '-', '_' and '.', "
                        + "starting with a letter or digit, got '" + slot + "'");
            }
            if (url == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                throw new IllegalArgumentException("files." + slot + ": an http or https URL, got " + url);
            }
        });
        resources = resources == null ? ContainerResources.NONE : resources;
    }
}
