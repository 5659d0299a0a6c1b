package dev.ppl.contracts.backend;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;

import dev.ppl.contracts.codec.Message;
import dev.ppl.contracts.codec.WireTypeIdResolver;

/**
 * A command of the operation vocabulary: what a client asks for, and what an inverse is made of. Wire
 * types are the verbs of the reference page ({@code add-vertex}, {@code connect}, ...).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, property = "type")
@JsonTypeIdResolver(WireTypeIdResolver.class)
public sealed interface BackendOperation extends Message
        permits AddVertex, DeleteVertex, RestoreVertex, Connect, Disconnect, ChangeVersion, ChangeParameter, AddFile,
        AddConstraint, ChangeAlias, ChangeLayout, ChangeMetadata, ChangeEndpointAlias, ChangeHostPortBinding, ChangeVolumeMount,
        ChangeServiceConfig {
}
