package dev.ppl.service.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.ppl.contracts.codec.MessageDecodingException;
import dev.ppl.contracts.manifest.DocumentLimits;
import dev.ppl.contracts.manifest.ManifestException;

/** Turns every refusal into {@code application/problem+json}, naming the field where one is to blame. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.status(), e.title(), e.getMessage(), e.field(), e.expected(), e.limit(), uri);
    }

    @ServerExceptionMapper
    public Response manifest(ManifestException e, UriInfo uri) {
        return respond(400, "Invalid input", e.getMessage(), e.field(), null, uri);
    }

    @ServerExceptionMapper
    public Response decoding(MessageDecodingException e, UriInfo uri) {
        return respond(400, "Invalid input", e.getMessage(), "type", null, uri);
    }

    /** More specific than {@link JsonProcessingException}, so it must be mapped itself to beat the built-in mapper. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    /** Where in a request body Jackson failed, as a problem's field: {@code descriptor.inputs[0].type}. */
    public static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    @ServerExceptionMapper(priority = 1)
    public Response json(JsonProcessingException e, UriInfo uri) {
        if (e instanceof StreamConstraintsException limit) {
            return respond(400, "Invalid input", "request body: " + limit.getOriginalMessage(), "body",
                    "at most " + DocumentLimits.MAX_NESTING + " levels of nesting (setting ppl.documents.max-nesting)",
                    (long) DocumentLimits.MAX_NESTING, uri);
        }
        String field = null;
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            field = fieldPath(m);
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof ManifestException invalid) {
            field = invalid.field();
        }
        String detail = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
        return respond(400, "Invalid input", "request body: " + detail, field, null, uri);
    }

    @ServerExceptionMapper
    public Response illegalArgument(IllegalArgumentException e, UriInfo uri) {
        return respond(400, "Invalid input", e.getMessage(), null, null, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        // A body that could not be read arrives wrapped: answer for what was wrong with it.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return json(json, uri);
            }
        }
        int status = e.getResponse().getStatus();
        return respond(status, Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), e.getMessage(), null, null, uri);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.errorf(e, "unexpected error on %s", uri.getPath());
        return respond(500, "Internal error", "unexpected error; see the service log", null, null, uri);
    }

    public static Response respond(int status, String title, String detail, String field, String expected, UriInfo uri) {
        return respond(status, title, detail, field, expected, null, uri);
    }

    public static Response respond(int status, String title, String detail, String field, String expected, Long limit,
            UriInfo uri) {
        Problem p = new Problem("about:blank", title, status, detail, uri == null ? null : uri.getPath(), field, expected,
                limit);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
