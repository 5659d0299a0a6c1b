package dev.ppl.pipelang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class CheckTest {

    @Test
    void acceptsEachScalarLiteralForItsOwnType() {
        assertThatCode(() -> {
            Check.literal("\"x\"", "String");
            Check.literal("-3", "Int");
            Check.literal("0.7", "Double");
            Check.literal("false", "Bool");
        }).doesNotThrowAnyException();
    }

    @Test
    void rejectsAnIntLiteralWhereADoubleIsExpected() {
        PipelangException e = catchThrowableOfType(PipelangException.class, () -> Check.literal("1", "Double"));

        assertThat(e).hasMessage("expected a Double literal such as 1.0, found Int literal 1");
        assertThat(e.path()).isEmpty();
        assertThat(e.position()).isEqualTo(-1);
    }

    @Test
    void rejectsAQuotedTrueWhereABoolIsExpected() {
        assertThatThrownBy(() -> Check.literal("\"true\"", "Bool"))
                .hasMessage("expected a Bool literal (true or false), found String literal \"true\"");
    }

    @Test
    void rejectsADoubleWhereAnIntIsExpected() {
        assertThatThrownBy(() -> Check.literal("1.0", "Int"))
                .hasMessage("expected an Int literal such as 1, found Double literal 1.0");
    }

    @Test
    void namesThePathToTheOffendingPartOfANestedValue() {
        PipelangException e = catchThrowableOfType(PipelangException.class,
                () -> Check.literal("[{score: 0.5}, {score: 0.1}, {score: 1}]", "[{score: Double}]"));

        assertThat(e.path()).isEqualTo("[2].score");
        assertThat(e.expected()).isEqualTo("a Double literal such as 1.0");
        assertThat(e.found()).isEqualTo("Int literal 1");
        assertThat(e).hasMessage("at [2].score: expected a Double literal such as 1.0, found Int literal 1");
    }

    @Test
    void checksTuplesByArityAndPosition() {
        assertThatCode(() -> Check.literal("(\"a\", 1)", "(String, Int)")).doesNotThrowAnyException();
        assertThatThrownBy(() -> Check.literal("(\"a\", \"b\")", "(String, Int)"))
                .hasMessage("at (1): expected an Int literal such as 1, found String literal \"b\"");
        assertThatThrownBy(() -> Check.literal("(\"a\", 1, 2)", "(String, Int)"))
                .hasMessage("expected a tuple literal of type (String, Int), found tuple literal (\"a\", 1, 2)");
    }

    @Test
    void checksRecordsByTheirExactFieldSetInAnyOrder() {
        assertThatCode(() -> Check.literal("{b: 1, a: \"x\"}", "{a: String, b: Int}")).doesNotThrowAnyException();
        assertThatThrownBy(() -> Check.literal("{a: \"x\"}", "{a: String, b: Int}"))
                .hasMessage("at .b: expected a field b of type Int, found record literal {a: \"x\"} without it");
        assertThatThrownBy(() -> Check.literal("{a: \"x\", b: 1, c: 2}", "{a: String, b: Int}"))
                .hasMessage("at .c: expected one of the fields a, b, found unknown field c");
    }

    @Test
    void acceptsEmptyListsForAnyElementType() {
        assertThatCode(() -> Check.literal("[]", "[[Image]]")).doesNotThrowAnyException();
    }

    @Test
    void rejectsAScalarWhereAListIsExpected() {
        assertThatThrownBy(() -> Check.literal("{xs: 1}", "{xs: [Int]}"))
                .hasMessage("at .xs: expected a list literal of type [Int], found Int literal 1");
    }

    @Test
    void letsATypeVariableAcceptAnyLiteral() {
        assertThatCode(() -> {
            Check.literal("[1, 2]", "t");
            Check.literal("(\"a\", {b: true})", "(String, t)");
        }).doesNotThrowAnyException();
    }

    @Test
    void acceptsABoundingBoxWrittenAsARecordOfFourDoubles() {
        assertThatCode(() -> Check.literal("{x: 0.0, y: 0.5, w: 1.0, h: 2.0}", "BoundingBox")).doesNotThrowAnyException();
        assertThatThrownBy(() -> Check.literal("{x: 0.0, y: 0.5, w: 1, h: 2.0}", "BoundingBox"))
                .hasMessage("at .w: expected a Double literal such as 1.0, found Int literal 1");
        assertThatThrownBy(() -> Check.literal("[0.0, 0.5, 1.0, 2.0]", "[BoundingBox]"))
                .hasMessageStartingWith("at [0]: expected a BoundingBox literal such as {x: 0.0");
    }

    @Test
    void acceptsAPolygonWrittenAsAListOfPoints() {
        assertThatCode(() -> Check.literal("[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)]", "Polygon<Double>"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Check.literal("[(0.0, 0.0), (1, 0.0)]", "Polygon<Double>"))
                .hasMessage("at [1](0): expected a Double literal such as 1.0, found Int literal 1");
        assertThatThrownBy(() -> Check.literal("[(0, 0, 0)]", "Polygon<Int>"))
                .hasMessage("at [0]: expected a tuple literal of type (Int, Int), found tuple literal (0, 0, 0)");
    }

    @Test
    void rejectsAnyLiteralForTypesWithoutALiteralForm() {
        for (String type : new String[] { "Bytes", "Image", "AudioFrame", "Tensor" }) {
            assertThatThrownBy(() -> Check.literal("\"data\"", type))
                    .isInstanceOf(PipelangException.class)
                    .hasMessage(type + " values have no literal form, found String literal \"data\"");
        }
        assertThatThrownBy(() -> Check.literal("{frame: 1}", "{frame: Image}"))
                .hasMessage("at .frame: Image values have no literal form, found Int literal 1");
    }

    @Test
    void reportsSyntaxErrorsInEitherTextFromTheConvenienceOverload() {
        assertThatThrownBy(() -> Check.literal("[1", "[Int]")).hasMessage("at 2: expected ']' or ',', found end of input");
        assertThatThrownBy(() -> Check.literal("[1]", "[Integer]")).hasMessageContaining("unknown type 'Integer'");
    }
}
