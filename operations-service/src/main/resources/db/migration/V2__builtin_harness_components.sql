-- The JSON harness components, released with the platform and visible to every workspace. Their
-- runtime is the gateway itself: an input harness turns an HTTP POST into a record, an output harness
-- turns records into WebSocket frames.
INSERT INTO components (id, workspace_id, name, created_at) VALUES
    ('cp_builtininputjson', '_builtin', 'Input JSON HTTP', now()),
    ('cp_builtinoutputjson', '_builtin', 'Output JSON HTTP', now());

INSERT INTO component_versions (id, component_id, workspace_id, version, prerelease, lease_id, harness, tags, descriptor, published_at) VALUES
    ('cv_builtininputjson1', 'cp_builtininputjson', '_builtin', '1.0.0', false, NULL, 'input', 'latest',
     '{"name":"Input JSON HTTP","version":"1.0.0","description":"Turns an authenticated HTTP POST of a JSON body into one record on output 0.","inputs":[],"outputs":[{"name":"out","type":"t"}],"endpoints":[{"name":"input","kind":"http_post"}],"harness":"input"}',
     now()),
    ('cv_builtinoutputjson1', 'cp_builtinoutputjson', '_builtin', '1.0.0', false, NULL, 'output', 'latest',
     '{"name":"Output JSON HTTP","version":"1.0.0","description":"Sends each record of input 0 as one JSON text frame on a WebSocket.","inputs":[{"name":"in","type":"t"}],"outputs":[],"endpoints":[{"name":"output","kind":"websocket"}],"harness":"output"}',
     now());
