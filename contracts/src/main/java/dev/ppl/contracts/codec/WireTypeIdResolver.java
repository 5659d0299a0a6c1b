package dev.ppl.contracts.codec;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;

/**
 * Lets a sealed interface of messages nest polymorphically (an operation's {@code inverse} list) with the
 * same {@code type} strings as at the top level: the ids come from the permitted subclasses'
 * {@link WireType}, never from class names.
 */
public class WireTypeIdResolver extends TypeIdResolverBase {
    private JavaType base;
    private final Map<String, Class<?>> byId = new HashMap<>();

    @Override
    public void init(JavaType baseType) {
        base = baseType;
        // Jackson also resolves with a concrete record as the base (decoding AddVertex itself): find its family.
        Class<?> family = baseType.getRawClass();
        if (!family.isSealed()) {
            for (Class<?> parent : family.getInterfaces()) {
                if (parent.isSealed()) {
                    family = parent;
                }
            }
        }
        for (Class<?> sub : family.getPermittedSubclasses()) {
            byId.put(sub.getAnnotation(WireType.class).value(), sub);
        }
    }

    @Override
    public String idFromValue(Object value) {
        return value.getClass().getAnnotation(WireType.class).value();
    }

    @Override
    public String idFromValueAndType(Object value, Class<?> suggestedType) {
        return idFromValue(value);
    }

    @Override
    public JavaType typeFromId(DatabindContext context, String id) {
        Class<?> sub = byId.get(id);
        if (sub == null) {
            throw new IllegalArgumentException("unknown type '" + id + "', expected one of " + byId.keySet());
        }
        return context.constructSpecializedType(base, sub);
    }

    @Override
    public JsonTypeInfo.Id getMechanism() {
        return JsonTypeInfo.Id.CUSTOM;
    }
}
