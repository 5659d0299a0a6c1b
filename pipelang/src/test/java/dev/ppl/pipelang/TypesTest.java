package dev.ppl.pipelang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TypesTest {

    private static final Type STRING = new Type.Named("String");
    private static final Type INT = new Type.Named("Int");
    private static final Type DOUBLE = new Type.Named("Double");

    @Test
    void parsesEveryBuiltInNamedTypeWithoutArguments() {
        for (String name : List.of("String", "Int", "Double", "Bool", "Bytes", "Image", "AudioFrame", "Tensor",
                "BoundingBox")) {
            assertThat(Types.parse(name)).isEqualTo(new Type.Named(name, List.of()));
        }
    }

    @Test
    void parsesPolygonWithItsOneTypeArgument() {
        assertThat(Types.parse("Polygon<Double>")).isEqualTo(new Type.Named("Polygon", List.of(DOUBLE)));
    }

    @Test
    void parsesListsTuplesRecordsAndVariables() {
        assertThat(Types.parse("[BoundingBox]")).isEqualTo(new Type.ListOf(new Type.Named("BoundingBox")));
        assertThat(Types.parse("(String, Int, t)")).isEqualTo(new Type.TupleOf(List.of(STRING, INT, new Type.Var("t"))));
        assertThat(Types.parse("{name: String, score: Double}"))
                .isEqualTo(new Type.RecordOf(fields("name", STRING, "score", DOUBLE)));
        assertThat(Types.parse("elem")).isEqualTo(new Type.Var("elem"));
    }

    @Test
    void toleratesWhitespaceBetweenTokens() {
        assertThat(Types.parse("  [ ( Polygon < t > ,\n{ a : Int } ) ]\t"))
                .isEqualTo(Types.parse("[(Polygon<t>, {a: Int})]"));
    }

    @Test
    void printsTheCanonicalSyntax() {
        Type type = Types.parse("[ ( Polygon<Double> , { name : String , tags : [String] } , t ) ]");

        assertThat(type).hasToString("[(Polygon<Double>, {name: String, tags: [String]}, t)]");
    }

    @Test
    void keepsRecordFieldsInDeclarationOrder() {
        Type.RecordOf record = (Type.RecordOf) Types.parse("{z: Int, a: Int, m: Int}");

        assertThat(record.fields().keySet()).containsExactly("z", "a", "m");
        assertThat(record).hasToString("{z: Int, a: Int, m: Int}");
    }

    @Test
    void reportsAMissingClosingBracketAtTheEndOfInput() {
        PipelangException e = catchThrowableOfType(PipelangException.class, () -> Types.parse("[String"));

        assertThat(e.position()).isEqualTo(7);
        assertThat(e.expected()).isEqualTo("']'");
        assertThat(e.found()).isEqualTo("end of input");
        assertThat(e).hasMessage("at 7: expected ']', found end of input");
    }

    @Test
    void reportsAnEmptyTextAsAMissingType() {
        assertThatThrownBy(() -> Types.parse("  ")).hasMessage("at 2: expected a type, found end of input");
    }

    @Test
    void rejectsPolygonWithoutATypeArgument() {
        assertThatThrownBy(() -> Types.parse("Polygon<>")).hasMessage("at 8: expected a type, found '>'");
        assertThatThrownBy(() -> Types.parse("Polygon"))
                .hasMessage("at 0: expected Polygon<T> with exactly one type argument, found Polygon");
    }

    @Test
    void rejectsTypeArgumentsOnTypesThatTakeNone() {
        assertThatThrownBy(() -> Types.parse("[String<Int>]"))
                .hasMessage("at 1: expected String without type arguments, found String<Int>");
    }

    @Test
    void rejectsUnknownUpperCaseNamesListingTheBuiltIns() {
        PipelangException e = catchThrowableOfType(PipelangException.class, () -> Types.parse("[Foo]"));

        assertThat(e.position()).isEqualTo(1);
        assertThat(e).hasMessage("at 1: unknown type 'Foo'; expected one of String, Int, Double, Bool, Bytes, Image, "
                + "AudioFrame, Tensor, BoundingBox, Polygon");
    }

    @Test
    void rejectsADuplicateFieldAtItsSecondOccurrence() {
        PipelangException e = catchThrowableOfType(PipelangException.class, () -> Types.parse("{a: Int, a: Int}"));

        assertThat(e.position()).isEqualTo(9);
        assertThat(e).hasMessageContaining("duplicate field 'a'");
    }

    @Test
    void rejectsTuplesOfFewerThanTwoElements() {
        assertThatThrownBy(() -> Types.parse("(String)"))
                .hasMessage("at 7: expected ',' (a tuple has at least two elements), found ')'");
        assertThatThrownBy(() -> Types.parse("()")).hasMessage("at 1: expected a type, found ')'");
    }

    @Test
    void rejectsEmptyRecordsAndMissingSeparators() {
        assertThatThrownBy(() -> Types.parse("{}")).hasMessage("at 1: expected a field name, found '}'");
        assertThatThrownBy(() -> Types.parse("{a Int}")).hasMessage("at 3: expected ':', found 'Int'");
        assertThatThrownBy(() -> Types.parse("{a: Int b: Int}")).hasMessage("at 8: expected '}' or ',', found 'b'");
    }

    @Test
    void rejectsTrailingText() {
        assertThatThrownBy(() -> Types.parse("[Int] x")).hasMessage("at 6: expected end of input, found 'x'");
    }

    @Test
    void validatesRecordsBuiltInCode() {
        assertThatThrownBy(() -> new Type.RecordOf(Map.of())).isInstanceOf(PipelangException.class);
        assertThatThrownBy(() -> new Type.RecordOf(Map.of("not a name", INT))).isInstanceOf(PipelangException.class);
        assertThatThrownBy(() -> new Type.TupleOf(List.of(INT))).isInstanceOf(PipelangException.class);
        assertThatThrownBy(() -> new Type.Named("Polygon", List.of())).isInstanceOf(PipelangException.class);
        assertThatThrownBy(() -> new Type.Var("T")).isInstanceOf(PipelangException.class);
        assertThatThrownBy(() -> new Type.Var("t x")).isInstanceOf(PipelangException.class);
    }

    @Test
    void copiesArgumentsSoLaterChangesToTheCallersCollectionsDoNotLeakIn() {
        Map<String, Type> fields = new LinkedHashMap<>(Map.of("a", INT));
        Type.RecordOf record = new Type.RecordOf(fields);
        fields.put("b", STRING);

        assertThat(record.fields()).containsOnlyKeys("a");
        assertThatThrownBy(() -> record.fields().put("c", INT)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void listsVariablesInOrderOfFirstOccurrence() {
        assertThat(Types.parse("(b, [a], {x: b, y: Polygon<c>})").variables()).containsExactly("b", "a", "c");
        assertThat(Types.parse("[String]").variables()).isEmpty();
    }

    @Test
    void renamesVariablesIntoPerVertexScopesThatPrintAndParseBack() {
        Type scoped = Types.parse("(t, [u], Polygon<t>)").renameVariables(name -> name + "@3");

        assertThat(scoped).hasToString("(t@3, [u@3], Polygon<t@3>)");
        assertThat(scoped.variables()).containsExactly("t@3", "u@3");
        assertThat(Types.parse(scoped.toString())).isEqualTo(scoped);
    }

    private static Map<String, Type> fields(String k1, Type v1, String k2, Type v2) {
        Map<String, Type> fields = new LinkedHashMap<>();
        fields.put(k1, v1);
        fields.put(k2, v2);
        return fields;
    }
}
