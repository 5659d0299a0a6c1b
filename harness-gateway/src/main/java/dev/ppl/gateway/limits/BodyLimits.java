package dev.ppl.gateway.limits;

import java.io.ByteArrayInputStream;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.ppl.gateway.GatewayConfig;
import dev.ppl.service.web.LimitExceededException;
import dev.ppl.service.web.ProblemMappers;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Every request body is bounded by the limit of its route class before anything reads it (docs/limits.md). A
 * Content-Length over the limit is refused up front. Without one, a body its resource needs whole anyway (a JSON
 * API call, a harness input: one tree, one record) is counted here as it arrives and refused at the limit, so no
 * more than the limit is ever held; an upload is streamed to storage by its resource through a
 * {@link BoundedInputStream}. {@code quarkus.http.limits.max-body-size} stays the outer
 * bound above every class. Runs after the token checks, so an unauthenticated body is refused without being read.
 */
public class BodyLimits {
    /** A route class: which body limit a request falls under, and the setting that raises it. */
    public enum RouteClass {
        JSON("ppl.gateway.limits.json-body"),
        UPLOAD("ppl.gateway.limits.upload-body"),
        HARNESS_INPUT("ppl.gateway.limits.harness-input-body");

        public final String setting;

        RouteClass(String setting) {
            this.setting = setting;
        }

        public static RouteClass of(HttpMethod method, String path) {
            if (path.startsWith("/endpoints/in/")) {
                return HARNESS_INPUT;
            }
            if (method == HttpMethod.POST && (path.equals("/v1/files") || path.equals("/v1/files/"))) {
                return UPLOAD;
            }
            return JSON;
        }
    }

    private final GatewayConfig.Limits limits;

    public BodyLimits(GatewayConfig config) {
        this.limits = config.limits();
    }

    public long limit(RouteClass routeClass) {
        return switch (routeClass) {
            case JSON -> limits.jsonBody().asLongValue();
            case UPLOAD -> limits.uploadBody().asLongValue();
            case HARNESS_INPUT -> limits.harnessInputBody().asLongValue();
        };
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.USER + 100)
    public Uni<Response> bound(RoutingContext rc, ContainerRequestContext request) {
        HttpServerRequest http = rc.request();
        if (!carriesBody(http.method())) {
            return Uni.createFrom().nullItem();
        }
        RouteClass routeClass = RouteClass.of(http.method(), rc.normalizedPath());
        long limit = limit(routeClass);
        String length = http.getHeader("Content-Length");
        if (length != null) {
            // Vert.x has already refused a Content-Length that is not a number.
            long declared = Long.parseLong(length.strip());
            return Uni.createFrom().item(declared > limit ? refusal(routeClass, limit, declared) : null);
        }
        if (routeClass == RouteClass.UPLOAD) {
            return Uni.createFrom().nullItem();
        }
        return counted(http, request, routeClass, limit);
    }

    /**
     * A refusal answered before the body was read to its end closes the connection after the answer: the rest of
     * the body is never read, and a client still sending it learns to stop.
     */
    @ServerResponseFilter
    public void closeUnread(RoutingContext rc, ContainerResponseContext response) {
        if (response.getStatus() >= 400 && carriesBody(rc.request().method()) && !rc.request().isEnded()) {
            response.getHeaders().putSingle("Connection", "close");
            rc.addEndHandler(done -> rc.request().connection().close());
        }
    }

    /** A body without a length, read here up to the limit and handed on as the entity; refused the moment it passes. */
    private static Uni<Response> counted(HttpServerRequest http, ContainerRequestContext request, RouteClass routeClass,
            long limit) {
        return Uni.createFrom().emitter(emitter -> {
            Buffer body = Buffer.buffer();
            boolean[] refused = { false };
            http.handler(chunk -> {
                if (refused[0]) {
                    return;
                }
                if (body.length() + (long) chunk.length() > limit) {
                    refused[0] = true;
                    http.pause();
                    emitter.complete(refusal(routeClass, limit, -1));
                    return;
                }
                body.appendBuffer(chunk);
            });
            http.exceptionHandler(e -> {
                if (!refused[0]) {
                    emitter.fail(e);
                }
            });
            http.endHandler(end -> {
                if (!refused[0]) {
                    request.setEntityStream(new ByteArrayInputStream(body.getBytes()));
                    emitter.complete(null);
                }
            });
            // The REST layer paused the request to keep its body for the resource; this filter reads it instead.
            http.resume();
        });
    }

    private static Response refusal(RouteClass routeClass, long limit, long size) {
        LimitExceededException e = LimitExceededException.tooLarge("body", limit, routeClass.setting, size);
        return ProblemMappers.respond(e.status(), e.title(), e.getMessage(), e.field(), e.expected(), e.limit(), null);
    }

    private static boolean carriesBody(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    }
}
