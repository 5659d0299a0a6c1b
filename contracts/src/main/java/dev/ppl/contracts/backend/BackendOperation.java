package dev.ppl.contracts.backend;

import dev.ppl.contracts.codec.Message;

/**
 * A command of the operation vocabulary: what a client asks for, and what an inverse is made of. Wire
 * types are the verbs of the reference page ({@code add-vertex}, {@code connect}, ...).
 */
public sealed interface BackendOperation extends Message
        permits AddVertex, Connect, ChangeParameter, DeleteVertex, Disconnect {
}
