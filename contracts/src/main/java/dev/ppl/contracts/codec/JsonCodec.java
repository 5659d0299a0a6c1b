package dev.ppl.contracts.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.ppl.contracts.manifest.DocumentLimits;

/**
 * The one JSON codec of the platform: snake_case field names, ISO-8601 instants, absent nulls, and a
 * {@code type} field holding the record's {@link WireType} first in every message.
 */
public final class JsonCodec {

    public static final String TYPE_FIELD = "type";

    private static final ObjectMapper MAPPER = newMapper();

    private final Map<String, Class<? extends Message>> byWireType = new LinkedHashMap<>();

    public JsonCodec(Collection<Class<? extends Message>> types) {
        for (Class<? extends Message> type : types) {
            String wire = wireType(type);
            Class<? extends Message> previous = byWireType.put(wire, type);
            if (previous != null && previous != type) {
                throw new IllegalArgumentException("wire type " + wire + " is used by both " + previous + " and " + type);
            }
        }
    }

    /** The platform's ObjectMapper, configured once; callers must not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A fresh mapper with the platform's settings, for frameworks that want to own theirs. */
    public static ObjectMapper newMapper() {
        return configure(JsonMapper.builder(JsonFactory.builder().streamReadConstraints(readConstraints()).build())).build();
    }

    /**
     * A YAML mapper with the same settings, for {@code component.yml} and live-test manifests: no document larger
     * than {@link DocumentLimits#MAX_DOCUMENT_BYTES}, nested deeper than {@link DocumentLimits#MAX_NESTING}, or
     * expanding more aliases than SnakeYAML's default allows (a "billion laughs" document).
     */
    public static ObjectMapper newYamlMapper() {
        LoaderOptions loader = new LoaderOptions();
        loader.setCodePointLimit(DocumentLimits.MAX_DOCUMENT_BYTES);
        loader.setNestingDepthLimit(DocumentLimits.MAX_NESTING);
        return configure(YAMLMapper.builder(
                YAMLFactory.builder().loaderOptions(loader).streamReadConstraints(readConstraints()).build())).build();
    }

    /**
     * What any JSON or YAML the platform parses may be: nested at most {@link DocumentLimits#MAX_NESTING} deep, so no
     * reader or walker of a parsed tree recurses without bound.
     */
    public static StreamReadConstraints readConstraints() {
        return StreamReadConstraints.builder().maxNestingDepth(DocumentLimits.MAX_NESTING).build();
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
        return builder
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .addModule(WellFormedStrings.module())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static String wireType(Class<? extends Message> type) {
        WireType annotation = type.getAnnotation(WireType.class);
        if (annotation == null) {
            throw new IllegalArgumentException(type + " has no @WireType");
        }
        return annotation.value();
    }

    public Map<String, Class<? extends Message>> types() {
        return Map.copyOf(byWireType);
    }

    public ObjectNode toTree(Message message) {
        ObjectNode body = MAPPER.valueToTree(message);
        ObjectNode out = MAPPER.createObjectNode();
        out.put(TYPE_FIELD, wireType(message.getClass()));
        body.remove(TYPE_FIELD);
        out.setAll(body);
        return out;
    }

    public String encode(Message message) {
        try {
            return MAPPER.writeValueAsString(toTree(message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] encodeBytes(Message message) {
        try {
            return MAPPER.writeValueAsBytes(toTree(message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Message decode(String json) {
        try {
            return decode(MAPPER.readTree(json));
        } catch (IOException e) {
            throw new MessageDecodingException("not JSON: " + e.getMessage());
        }
    }

    public Message decode(byte[] json) {
        try {
            return decode(MAPPER.readTree(json));
        } catch (IOException e) {
            throw new MessageDecodingException("not JSON: " + e.getMessage());
        }
    }

    public Message decode(JsonNode tree) {
        JsonNode type = tree.get(TYPE_FIELD);
        if (type == null || !type.isTextual()) {
            throw new MessageDecodingException("message has no string 'type' field");
        }
        Class<? extends Message> target = byWireType.get(type.asText());
        if (target == null) {
            throw new MessageDecodingException("unknown message type '" + type.asText() + "'");
        }
        // The type field stays: records ignore it, and polymorphic families (BackendOperation) read it.
        try {
            return MAPPER.treeToValue(tree, target);
        } catch (IOException | IllegalArgumentException e) {
            throw new MessageDecodingException("invalid '" + type.asText() + "': " + rootMessage(e));
        }
    }

    /**
     * Decodes a record of a shared topic, or empty when its type is not one this codec knows (another
     * service's record); malformed JSON or an invalid known record still fails.
     */
    public java.util.Optional<Message> decodeKnown(byte[] json) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new MessageDecodingException("not JSON: " + e.getMessage());
        }
        JsonNode type = tree == null ? null : tree.get(TYPE_FIELD);
        if (type == null || !byWireType.containsKey(type.asText())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(decode(tree));
    }

    /**
     * Decodes a record of a topic that carries types of other owners and newer versions, for a consumer
     * that must not skip a broken record: empty only for a well-formed record (a JSON object with a string
     * {@code type}) of a type this codec does not know; a record that is not JSON, has no string
     * {@code type}, or is a known type with missing or invalid fields fails.
     */
    public java.util.Optional<Message> decodeIfKnownType(byte[] json) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (IOException | IllegalArgumentException e) {
            throw new MessageDecodingException("not JSON: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new MessageDecodingException("not a JSON object");
        }
        JsonNode type = tree.get(TYPE_FIELD);
        if (type == null || !type.isTextual()) {
            throw new MessageDecodingException("message has no string 'type' field");
        }
        if (!byWireType.containsKey(type.asText())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(decode(tree));
    }

    /** True if this codec knows the wire type, so consumers can skip other records of a shared topic. */
    public boolean knows(String wireType) {
        return byWireType.containsKey(wireType);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
