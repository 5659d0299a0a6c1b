package dev.ppl.pipelang;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses pipelang types.
 *
 * <pre>
 * type   = "[" type "]"                          list
 *        | "(" type "," type { "," type } ")"     tuple
 *        | "{" field { "," field } "}"           record
 *        | Name [ "&lt;" type { "," type } "&gt;" ]  built-in named type
 *        | var                                   type variable: a lowercase letter, then letters,
 *                                                digits and _ @ . -
 * field  = identifier ":" type
 * </pre>
 * <p>
 * Whitespace is allowed between tokens.
 */
public final class Types {

    private Types() {
    }

    /** Parses a whole text as one type; throws {@link PipelangException} at the first offending character. */
    public static Type parse(String text) {
        Cursor in = new Cursor(text);
        Type type = type(in);
        in.expectEnd();
        return type;
    }

    private static Type type(Cursor in) {
        in.descend();
        try {
            return nested(in);
        } finally {
            in.ascend();
        }
    }

    private static Type nested(Cursor in) {
        int start = in.offset();
        if (in.tryConsume('[')) {
            Type element = type(in);
            in.expect(']');
            return new Type.ListOf(element);
        }
        if (in.tryConsume('(')) {
            return new Type.TupleOf(tupleElements(in));
        }
        if (in.tryConsume('{')) {
            return new Type.RecordOf(Records.parse(in, Types::type));
        }
        if (Type.Var.isVariableStart(in.peek())) {
            return new Type.Var(in.word(Type.Var::isVariablePart));
        }
        String name = in.identifier("a type");
        List<Type> args = new ArrayList<>();
        if (in.tryConsume('<')) {
            do {
                args.add(type(in));
            } while (in.tryConsume(','));
            in.expect('>', "'>' or ','");
        }
        try {
            return new Type.Named(name, args);
        } catch (PipelangException e) {
            throw e.at(start);
        }
    }

    private static List<Type> tupleElements(Cursor in) {
        List<Type> elements = new ArrayList<>();
        elements.add(type(in));
        in.expect(',', "',' (a tuple has at least two elements)");
        do {
            elements.add(type(in));
        } while (in.tryConsume(','));
        in.expect(')', "')' or ','");
        return elements;
    }
}
