package dev.ppl.deploy.kubernetes;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The fabric8 API server in CRUD mode (it stores, lists, watches and deletes what it is given, with
 * expectations for what it cannot serve, such as pod logs), configured as the deploy-service's Kubernetes
 * runtime {@value #RUNTIME} in namespace {@value #NAMESPACE}. Nothing runs pods on it: the test creates and
 * updates them the way a kubelet would.
 */
public class KubernetesApiServerResource implements QuarkusTestResourceLifecycleManager {
    public static final String RUNTIME = "kube";
    public static final String NAMESPACE = "ppl-test";
    /** The gateway as the runtime's pods would reach it, in the signed URLs of bound files. */
    public static final String GATEWAY_URL = "http://gateway.ppl-test.svc:8080";

    /** Marks the test's {@link KubernetesMockServer} field. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface ApiServer {
    }

    private KubernetesMockServer server;

    @Override
    public Map<String, String> start() {
        var responses = new HashMap<ServerRequest, Queue<ServerResponse>>();
        server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init();
        String prefix = "ppl.deploy.kubernetes." + RUNTIME + ".";
        return Map.of(prefix + "master-url", server.url("/"), prefix + "namespace", NAMESPACE,
                prefix + "kafka-bootstrap", "kafka.ppl-test.svc:9092", prefix + "cpu-request", "250m",
                prefix + "memory-limit", "512Mi", prefix + "gateway-url", GATEWAY_URL);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(ApiServer.class, KubernetesMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.destroy();
        }
    }
}
