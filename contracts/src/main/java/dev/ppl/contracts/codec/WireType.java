package dev.ppl.contracts.codec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The type string a record carries on the wire in its {@code type} field. Never the class name, so a
 * class can be renamed or moved without breaking subscribers; a breaking change is a new versioned
 * record with a new wire type.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WireType {
    String value();
}
