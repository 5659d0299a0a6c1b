package dev.ppl.operations.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TypeRulesTest {
    @Test
    void equalTypesAndTypeVariablesConnect() {
        assertThat(TypeRules.unify("String", "String")).isTrue();
        assertThat(TypeRules.unify("t", "Int")).isTrue();
        assertThat(TypeRules.unify("[BoundingBox]", "t")).isTrue();
        assertThat(TypeRules.unify("String", "Int")).isFalse();
        assertThat(TypeRules.unify("String", "string_like")).isTrue();
    }

    @Test
    void stringLiteralsAreDoubleQuotedWithBackslashEscapes() {
        assertThat(TypeRules.literalProblem("String", "\"hello\"")).isNull();
        assertThat(TypeRules.literalProblem("String", "\"say \\\"hi\\\"\"")).isNull();
        assertThat(TypeRules.literalProblem("String", "\"\"")).isNull();
        assertThat(TypeRules.literalProblem("String", "hello")).isNotNull();
        assertThat(TypeRules.literalProblem("String", "\"open")).isNotNull();
        assertThat(TypeRules.literalProblem("String", "\"a\" \"b\"")).isNotNull();
    }

    @Test
    void intsAreAnOptionalMinusAndDigits() {
        assertThat(TypeRules.literalProblem("Int", "42")).isNull();
        assertThat(TypeRules.literalProblem("Int", "-7")).isNull();
        assertThat(TypeRules.literalProblem("Int", "4.0")).isNotNull();
        assertThat(TypeRules.literalProblem("Int", "\"4\"")).isNotNull();
    }

    @Test
    void doublesNeedADotSoOneIsNotADouble() {
        assertThat(TypeRules.literalProblem("Double", "0.7")).isNull();
        assertThat(TypeRules.literalProblem("Double", "-1.5")).isNull();
        assertThat(TypeRules.literalProblem("Double", "1")).isNotNull();
        assertThat(TypeRules.literalProblem("Double", ".5")).isNotNull();
    }

    @Test
    void boolsAreUnquotedTrueOrFalse() {
        assertThat(TypeRules.literalProblem("Bool", "true")).isNull();
        assertThat(TypeRules.literalProblem("Bool", "false")).isNull();
        assertThat(TypeRules.literalProblem("Bool", "\"true\"")).isNotNull();
        assertThat(TypeRules.literalProblem("Bool", "TRUE")).isNotNull();
    }

    @Test
    void otherTypesAcceptAnyNonBlankLiteralForNow() {
        assertThat(TypeRules.literalProblem("[Int]", "[1, 2]")).isNull();
        assertThat(TypeRules.literalProblem("[Int]", " ")).isNotNull();
    }
}
