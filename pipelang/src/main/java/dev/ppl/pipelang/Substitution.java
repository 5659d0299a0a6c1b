package dev.ppl.pipelang;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An immutable binding of type variables to types, as produced by {@link Unifier}.
 *
 * <p>
 * Bindings are kept fully resolved: no bound type mentions a bound variable. {@link #apply(Type)} therefore needs a
 * single pass, {@link #bindings()} shows final types, and two substitutions that resolve every variable the same way
 * are equal.
 */
public final class Substitution {

    private static final Substitution EMPTY = new Substitution(Map.of());

    private final Map<String, Type> bindings;

    private Substitution(Map<String, Type> bindings) {
        this.bindings = bindings;
    }

    /** The substitution that binds nothing. */
    public static Substitution empty() {
        return EMPTY;
    }

    /** The type {@code var} is bound to, fully resolved. */
    public Optional<Type> lookup(String var) {
        return Optional.ofNullable(bindings.get(var));
    }

    /** {@code type} with every bound variable replaced by its binding; unbound variables stay. */
    public Type apply(Type type) {
        if (bindings.isEmpty()) {
            return type;
        }
        if (type instanceof Type.Var v) {
            return bindings.getOrDefault(v.name(), v);
        }
        if (type instanceof Type.Named n) {
            return n.args().isEmpty() ? n : new Type.Named(n.name(), n.args().stream().map(this::apply).toList());
        }
        if (type instanceof Type.ListOf l) {
            return new Type.ListOf(apply(l.element()));
        }
        if (type instanceof Type.TupleOf t) {
            return new Type.TupleOf(t.elements().stream().map(this::apply).toList());
        }
        Map<String, Type> fields = new LinkedHashMap<>();
        ((Type.RecordOf) type).fields().forEach((name, field) -> fields.put(name, apply(field)));
        return new Type.RecordOf(fields);
    }

    /** Every binding, variable name to fully resolved type, in the order the variables were bound. */
    public Map<String, Type> bindings() {
        return bindings;
    }

    public boolean isEmpty() {
        return bindings.isEmpty();
    }

    /**
     * This substitution plus {@code var := type}. The caller guarantees {@code var} is unbound, {@code type} is already
     * resolved by this substitution, and {@code type} does not contain {@code var} (the occurs check).
     */
    Substitution bind(String var, Type type) {
        Substitution single = new Substitution(Map.of(var, type));
        Map<String, Type> extended = new LinkedHashMap<>();
        bindings.forEach((name, bound) -> extended.put(name, single.apply(bound)));
        extended.put(var, type);
        return new Substitution(Collections.unmodifiableMap(extended));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Substitution s && bindings.equals(s.bindings);
    }

    @Override
    public int hashCode() {
        return bindings.hashCode();
    }

    @Override
    public String toString() {
        return bindings.entrySet().stream()
                .map(e -> e.getKey() + " := " + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
