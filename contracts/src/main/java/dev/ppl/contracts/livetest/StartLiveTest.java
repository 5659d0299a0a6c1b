package dev.ppl.contracts.livetest;

import static dev.ppl.contracts.codec.Require.present;
import static dev.ppl.contracts.codec.Require.text;

import dev.ppl.contracts.codec.Message;
import dev.ppl.contracts.codec.WireType;
import dev.ppl.contracts.manifest.LiveTestManifest;

/**
 * The first (and only) client message on a live-test stream: the manifest, with local fixtures already
 * uploaded and rewritten to file ids, and the CUT's version.
 */
@WireType("start")
public record StartLiveTest(LiveTestManifest manifest, String cutVersionId) implements Message {
    public StartLiveTest {
        present(manifest, "manifest");
        text(cutVersionId, "cut_version_id");
    }
}
