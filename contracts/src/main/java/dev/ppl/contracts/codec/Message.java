package dev.ppl.contracts.codec;

/**
 * A record that travels as JSON with an explicit {@link WireType}: Kafka events, commands and the
 * live-test stream events.
 */
public interface Message {
}
