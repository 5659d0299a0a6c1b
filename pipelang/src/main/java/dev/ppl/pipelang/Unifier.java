package dev.ppl.pipelang;

import java.util.Objects;

/**
 * First-order (Robinson) unification of pipelang types, with the occurs check.
 *
 * <p>
 * Named types unify when name, arity and arguments do; lists when their elements do; tuples when they have the same
 * arity and their elements do position by position; records when they have the same field names, in any order, and
 * their field types do. A variable unifies with any type that does not contain it.
 *
 * <p>
 * Failures throw {@link PipelangException} with position -1 and a message that leads from the outermost types to the
 * part that did not match, e.g. {@code in element of [String] vs [Int]: String does not unify with Int}.
 */
public final class Unifier {

    private Unifier() {
    }

    /** The most general extension of {@code s} under which {@code a} and {@code b} are equal. */
    public static Substitution unify(Type a, Type b, Substitution s) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(s, "s");
        return unifyResolved(s.apply(a), s.apply(b), s);
    }

    /** {@link #unify(Type, Type, Substitution)} starting from the empty substitution. */
    public static Substitution unify(Type a, Type b) {
        return unify(a, b, Substitution.empty());
    }

    /** Pins {@code var} to {@code pinned} on top of {@code s}; fails as unification does if that contradicts {@code s}. */
    public static Substitution constrain(Substitution s, String var, Type pinned) {
        return unify(new Type.Var(var), pinned, s);
    }

    /** Whether {@code a} and {@code b} unify from the empty substitution. */
    public static boolean unifies(Type a, Type b) {
        try {
            unify(a, b);
            return true;
        } catch (PipelangException e) {
            return false;
        }
    }

    /** Unifies {@code a} and {@code b}, which {@code s} has already been applied to. */
    private static Substitution unifyResolved(Type a, Type b, Substitution s) {
        if (a.equals(b)) {
            return s;
        }
        if (a instanceof Type.Var v) {
            return bind(v, b, s);
        }
        if (b instanceof Type.Var v) {
            return bind(v, a, s);
        }
        if (a instanceof Type.Named x && b instanceof Type.Named y && x.name().equals(y.name())
                && x.args().size() == y.args().size()) {
            for (int i = 0; i < x.args().size(); i++) {
                s = inside("argument " + i, a, b, x.args().get(i), y.args().get(i), s);
            }
            return s;
        }
        if (a instanceof Type.ListOf x && b instanceof Type.ListOf y) {
            return inside("element", a, b, x.element(), y.element(), s);
        }
        if (a instanceof Type.TupleOf x && b instanceof Type.TupleOf y && x.elements().size() == y.elements().size()) {
            for (int i = 0; i < x.elements().size(); i++) {
                s = inside("element " + i, a, b, x.elements().get(i), y.elements().get(i), s);
            }
            return s;
        }
        if (a instanceof Type.RecordOf x && b instanceof Type.RecordOf y
                && x.fields().keySet().equals(y.fields().keySet())) {
            for (String name : x.fields().keySet()) {
                s = inside("field " + name, a, b, x.fields().get(name), y.fields().get(name), s);
            }
            return s;
        }
        throw new PipelangException(a + " does not unify with " + b, -1, "", a.toString(), b.toString());
    }

    /**
     * Unifies the parts {@code x} and {@code y} of {@code a} and {@code b}, naming {@code where} they sit if they do
     * not unify so that a mismatch deep inside a large type can be found.
     */
    private static Substitution inside(String where, Type a, Type b, Type x, Type y, Substitution s) {
        try {
            return unifyResolved(s.apply(x), s.apply(y), s);
        } catch (PipelangException e) {
            throw new PipelangException("in " + where + " of " + a + " vs " + b + ": " + e.getMessage(), -1, "",
                    e.expected(), e.found());
        }
    }

    private static Substitution bind(Type.Var var, Type type, Substitution s) {
        if (type.variables().contains(var.name())) {
            throw new PipelangException(var + " occurs in " + type, -1, "", "a type not containing " + var,
                    type.toString());
        }
        return s.bind(var.name(), type);
    }
}
