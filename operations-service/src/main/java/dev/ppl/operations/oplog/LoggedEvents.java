package dev.ppl.operations.oplog;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.backend.BackendEvent;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.codec.Message;
import dev.ppl.contracts.codec.MessageDecodingException;

/**
 * Decodes records of {@code ppl.backend.operations} in one pass. The codec's general path parses a record
 * into a tree and then binds the tree, twice the work; the log is read whole on every rebuild and every
 * change of writer, so here the record's {@code type} (the codec writes it first) picks the event class
 * and the bytes are bound to it directly. Records that do not start with a known event type take the
 * codec's path, so both decode the same records to the same events.
 */
public final class LoggedEvents {
    private static final Map<String, ObjectReader> READERS = new HashMap<>();

    static {
        for (Map.Entry<String, Class<? extends Message>> type : Events.CODEC.types().entrySet()) {
            if (BackendEvent.class.isAssignableFrom(type.getValue())) {
                READERS.put(type.getKey(), JsonCodec.mapper().readerFor(type.getValue()));
            }
        }
    }

    private LoggedEvents() {
    }

    /** The backend event a record holds, or empty when it holds a message this version does not know as one. */
    public static Optional<BackendEvent> decode(byte[] value) {
        ObjectReader reader = READERS.get(leadingType(value));
        if (reader == null) {
            return Events.CODEC.decodeKnown(value).filter(BackendEvent.class::isInstance).map(BackendEvent.class::cast);
        }
        try {
            return Optional.of(reader.readValue(value));
        } catch (IOException | IllegalArgumentException e) {
            throw new MessageDecodingException("invalid backend event: " + e.getMessage());
        }
    }

    /** The value of {@code type} when it is the first field of the record's object, else null. */
    private static String leadingType(byte[] value) {
        try (JsonParser parser = JsonCodec.mapper().getFactory().createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT || !JsonCodec.TYPE_FIELD.equals(parser.nextFieldName())) {
                return null;
            }
            return parser.nextTextValue();
        } catch (IOException e) {
            return null;
        }
    }
}
