-- The catalog, complete.
--
-- 1. A released version string names one version: (component, version) is unique among the versions published
--    outside a lease. Prereleases published inside a lease are exempt (every `ppl lease run` publishes the working
--    directory's version again, and the lease removes it). Versions released twice before this rule existed keep
--    their rows and ids (backends pin versions by id); all but the newest get the build suffix "+<version id>".
UPDATE component_versions v
   SET version = v.version || '+' || v.id
 WHERE v.lease_id IS NULL
   AND EXISTS (SELECT 1 FROM component_versions n
                WHERE n.component_id = v.component_id
                  AND n.version = v.version
                  AND n.lease_id IS NULL
                  AND (n.published_at, n.id) > (v.published_at, v.id));
CREATE UNIQUE INDEX component_versions_released_version ON component_versions (component_id, version)
    WHERE lease_id IS NULL;

-- 2. The other four harness components, next to Input JSON HTTP and Output JSON HTTP (V2, ids kept). Like those they
--    are released with the platform, visible to every workspace, and run inside the gateway: an input harness turns
--    an authenticated HTTP POST into a record on output 0, an output harness turns each record of input 0 into
--    WebSocket frames.
INSERT INTO components (id, workspace_id, name, created_at) VALUES
    ('cp_builtininputimage', '_builtin', 'Input Image HTTP', now()),
    ('cp_builtininputaudio', '_builtin', 'Input Audio HTTP', now()),
    ('cp_builtininputnumpy', '_builtin', 'Input NumPy HTTP', now()),
    ('cp_builtinoutputimage', '_builtin', 'Output Image HTTP', now());

INSERT INTO component_versions (id, component_id, workspace_id, version, prerelease, lease_id, harness, tags, descriptor, published_at) VALUES
    ('cv_builtininputimage1', 'cp_builtininputimage', '_builtin', '1.0.0', false, NULL, 'input', 'latest',
     '{"name":"Input Image HTTP","version":"1.0.0","description":"Turns an authenticated HTTP POST of an image (the encoded bytes, with their Content-Type) into one Image record on output 0.","inputs":[],"outputs":[{"name":"image","type":"Image"}],"endpoints":[{"name":"input","kind":"http_post"}],"harness":"input"}',
     now()),
    ('cv_builtininputaudio1', 'cp_builtininputaudio', '_builtin', '1.0.0', false, NULL, 'input', 'latest',
     '{"name":"Input Audio HTTP","version":"1.0.0","description":"Turns an authenticated HTTP POST of audio (the encoded bytes, with their Content-Type) into one AudioFrame record on output 0.","inputs":[],"outputs":[{"name":"audio","type":"AudioFrame"}],"endpoints":[{"name":"input","kind":"http_post"}],"harness":"input"}',
     now()),
    ('cv_builtininputnumpy1', 'cp_builtininputnumpy', '_builtin', '1.0.0', false, NULL, 'input', 'latest',
     '{"name":"Input NumPy HTTP","version":"1.0.0","description":"Turns an authenticated HTTP POST of a NumPy array (.npy bytes) into one Tensor record on output 0.","inputs":[],"outputs":[{"name":"tensor","type":"Tensor"}],"endpoints":[{"name":"input","kind":"http_post"}],"harness":"input"}',
     now()),
    ('cv_builtinoutputimage1', 'cp_builtinoutputimage', '_builtin', '1.0.0', false, NULL, 'output', 'latest',
     '{"name":"Output Image HTTP","version":"1.0.0","description":"Sends each Image record of input 0 on a WebSocket as one metadata text frame {\"type\": \"metadata\", \"metadata\": {...}} followed by one binary frame with the image bytes.","inputs":[{"name":"image","type":"Image"}],"outputs":[],"config_schema":{"metadata_keys":{"type":"[String]","default":"[]","description":"The record metadata keys the metadata frame carries; empty carries all of them."}},"endpoints":[{"name":"output","kind":"websocket"}],"harness":"output"}',
     now());
