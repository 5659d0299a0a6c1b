package dev.ppl.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ppl.deploy")
public interface DeployConfig {
    /** The operations-service, for the graph a deployment pins. */
    String operationsUrl();

    /** Logs and pid files of the local runtime's processes. */
    Path dataDir();

    /** The lease-service, which the janitor asks whether a deployment's lease is still open. */
    @WithDefault("http://127.0.0.1:18082")
    String leaseUrl();

    /** How long the local runtime waits before it restarts a process that exited for the first time. */
    @WithDefault("200ms")
    Duration restartBackoffInitial();

    /** The back-off doubles with every restart of a container up to this. */
    @WithDefault("2s")
    Duration restartBackoffMax();

    /**
     * How many restarts of one container a deployment takes: the crash after the last of them fails the
     * deployment and stops its containers.
     */
    @WithDefault("10")
    int maxRestarts();

    /**
     * The most lines a container log request may ask for with {@code tail}: more is refused with 400 naming
     * {@code tail}. A request without {@code tail} is the whole log, streamed as it is read and never held.
     */
    @WithDefault("10000")
    int maxLogTailLines();

    /**
     * The longest log line handed over whole; a longer one (a process that writes no newline) comes in pieces of
     * this size, so reading a log holds at most this much of it.
     */
    @WithDefault("64K")
    MemorySize maxLogLineBytes();

    /** How long every container must keep running, with no restart, before a running deployment is stable. */
    @WithDefault("2s")
    Duration settlePeriod();

    /** How often the janitor looks for deployments of closed leases, orphan processes and left-over topics. */
    @WithDefault("5s")
    Duration janitorInterval();

    /**
     * A deployment younger than this is never undeployed because the lease-service does not know its
     * lease: the lease may have been opened a moment ago on a lease-service that has not answered for it yet.
     */
    @WithDefault("10s")
    Duration janitorGrace();

    /**
     * The key the deploy-service signs the URLs of bound files with, which the gateway checks
     * ({@code ppl.gateway.file-signing-key}, the same value; at least 16 characters). Unset: a graph that
     * binds a file cannot be deployed.
     */
    Optional<String> fileSigningKey();

    /**
     * The gateway as the local runtime's processes reach it, for the signed URLs of bound files; a
     * Kubernetes runtime says how its pods reach it ({@code ppl.deploy.kubernetes.<id>.gateway-url}).
     */
    @WithDefault("http://127.0.0.1:18080")
    String gatewayUrl();

    /**
     * How long a signed file URL stays valid. A pod fetches its files when it starts, which a Deployment
     * does again after an eviction, so this outlasts most deployments; a resumed deployment is signed anew.
     */
    @WithDefault("24h")
    Duration fileUrlValidity();

    /**
     * The Kubernetes runtimes deployments can name, by runtime id ({@code ppl.deploy.kubernetes.<id>.*}),
     * beside the {@code local} runtime, which is always there. None by default.
     */
    Map<String, KubernetesRuntime> kubernetes();

    /** One Kubernetes runtime: which API server, where its objects go, and what its workloads get by default. */
    interface KubernetesRuntime {
        /**
         * The API server's URL. Unset: the in-cluster service account when the deploy-service runs in a pod,
         * else the kubeconfig ({@code KUBECONFIG} or {@code ~/.kube/config}).
         */
        Optional<String> masterUrl();

        /** The kubeconfig context to use; unset: the kubeconfig's current context. */
        Optional<String> context();

        /** Accept the API server's certificate without checking it (a development cluster's self-signed one). */
        @WithDefault("false")
        boolean trustCerts();

        /** Where every object of a deployment goes, and where secret parameters' Secrets are. */
        @WithDefault("default")
        String namespace();

        /** Labels a node must have to take a workload; none by default. */
        Map<String, String> nodeSelector();

        /** What a container asks for where its component says nothing (Kubernetes quantities). */
        Optional<String> cpuRequest();

        Optional<String> cpuLimit();

        Optional<String> memoryRequest();

        Optional<String> memoryLimit();

        /** {@code Always}, {@code IfNotPresent} or {@code Never}, for every container. */
        @WithDefault("IfNotPresent")
        String imagePullPolicy();

        /** The init container's image that fetches bound files; it must have {@code curl}. */
        @WithDefault("curlimages/curl:8.11.1")
        String fileFetcherImage();

        /**
         * The Kafka bootstrap servers as the cluster's pods reach them; unset: the deploy-service's own
         * {@code kafka.bootstrap.servers}, which only works where pods share its network.
         */
        Optional<String> kafkaBootstrap();

        /**
         * The gateway as the cluster's pods reach it (an in-cluster Service URL), where their init
         * container fetches bound files; unset: {@code ppl.deploy.gateway-url}.
         */
        Optional<String> gatewayUrl();
    }
}
