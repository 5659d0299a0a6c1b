package dev.ppl.pipelang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LiteralsTest {

    @Test
    void parsesStringsWithEveryEscape() {
        assertThat(Literals.parse("\"a \\\"q\\\" \\\\ \\n\\t\\r \\u00e9\\u0001\""))
                .isEqualTo(new Literal.Str("a \"q\" \\ \n\t\r \u00e9\u0001"));
    }

    @Test
    void printsStringsWithEscapesForQuotesBackslashesAndControlCharacters() {
        assertThat(new Literal.Str("say \"hi\"\\\n\t\r\u0001é")).hasToString("\"say \\\"hi\\\"\\\\\\n\\t\\r\\u0001é\"");
    }

    @Test
    void parsesIntegersIncludingTheExtremesOfLong() {
        assertThat(Literals.parse("42")).isEqualTo(new Literal.IntLit(42));
        assertThat(Literals.parse("-7")).isEqualTo(new Literal.IntLit(-7));
        assertThat(Literals.parse("-9223372036854775808")).isEqualTo(new Literal.IntLit(Long.MIN_VALUE));
        assertThat(Literals.parse("9223372036854775807")).isEqualTo(new Literal.IntLit(Long.MAX_VALUE));
    }

    @Test
    void rejectsIntegersThatDoNotFitInALong() {
        assertThatThrownBy(() -> Literals.parse("[9223372036854775808]"))
                .hasMessageStartingWith("at 1: expected an Int between")
                .hasMessageEndingWith("found 9223372036854775808");
    }

    @Test
    void parsesDecimalsAndExponentsAsDoubles() {
        assertThat(Literals.parse("0.7")).isEqualTo(new Literal.DoubleLit(0.7));
        assertThat(Literals.parse("-1.5e3")).isEqualTo(new Literal.DoubleLit(-1500.0));
        assertThat(Literals.parse("1E-5")).isEqualTo(new Literal.DoubleLit(1.0E-5));
        assertThat(Literals.parse("1e5")).isEqualTo(new Literal.DoubleLit(100000.0));
    }

    @Test
    void printsDoublesSoTheyNeverReadBackAsIntegers() {
        assertThat(new Literal.DoubleLit(1)).hasToString("1.0");
        assertThat(new Literal.DoubleLit(1.0E-5)).hasToString("1.0E-5");
        assertThat(Literals.parse(new Literal.DoubleLit(1e20).toString())).isEqualTo(new Literal.DoubleLit(1e20));
    }

    @Test
    void rejectsMalformedAndInfiniteNumbers() {
        assertThatThrownBy(() -> Literals.parse("1.")).hasMessage("at 2: expected a digit after '.', found end of input");
        assertThatThrownBy(() -> Literals.parse("-x")).hasMessage("at 1: expected a digit, found 'x'");
        assertThatThrownBy(() -> Literals.parse("1e")).hasMessage("at 2: expected a digit in the exponent, found end of input");
        assertThatThrownBy(() -> Literals.parse("1e999")).hasMessage("at 0: expected a finite Double, found 1e999");
        assertThatThrownBy(() -> new Literal.DoubleLit(Double.NaN)).isInstanceOf(PipelangException.class);
    }

    @Test
    void parsesLowercaseBooleansOnly() {
        assertThat(Literals.parse("true")).isEqualTo(new Literal.BoolLit(true));
        assertThat(Literals.parse("false")).isEqualTo(new Literal.BoolLit(false));
        assertThatThrownBy(() -> Literals.parse("True"))
                .hasMessage("at 0: expected a literal (booleans are lowercase: true or false), found 'True'");
        assertThatThrownBy(() -> Literals.parse("[FALSE]")).hasMessageContaining("booleans are lowercase");
    }

    @Test
    void readsAQuotedTrueAsAStringNotABool() {
        assertThat(Literals.parse("\"true\"")).isEqualTo(new Literal.Str("true"));
    }

    @Test
    void hintsThatBareWordsNeedQuotes() {
        assertThatThrownBy(() -> Literals.parse("hello"))
                .hasMessage("at 0: expected a literal (strings are double-quoted, as in \"hello\"), found 'hello'");
    }

    @Test
    void parsesListsTuplesAndRecords() {
        Map<String, Literal> fields = new LinkedHashMap<>();
        fields.put("name", new Literal.Str("x"));
        fields.put("score", new Literal.DoubleLit(0.5));

        assertThat(Literals.parse("[]")).isEqualTo(new Literal.ListLit(List.of()));
        assertThat(Literals.parse(" [ 1 , 2 ] "))
                .isEqualTo(new Literal.ListLit(List.of(new Literal.IntLit(1), new Literal.IntLit(2))));
        assertThat(Literals.parse("(1.0, \"a\")"))
                .isEqualTo(new Literal.TupleLit(List.of(new Literal.DoubleLit(1.0), new Literal.Str("a"))));
        assertThat(Literals.parse("{name: \"x\", score: 0.5}")).isEqualTo(new Literal.RecordLit(fields));
        assertThat(Literals.parse("{name: \"x\", score: 0.5}")).hasToString("{name: \"x\", score: 0.5}");
    }

    @Test
    void reportsAWrongListSeparatorWithBothAlternatives() {
        PipelangException e = catchThrowableOfType(PipelangException.class, () -> Literals.parse("[1, 2, 3}"));

        assertThat(e.position()).isEqualTo(8);
        assertThat(e.expected()).isEqualTo("']' or ','");
        assertThat(e.found()).isEqualTo("'}'");
        assertThat(e).hasMessage("at 8: expected ']' or ',', found '}'");
    }

    @Test
    void reportsAnUnterminatedStringAtTheEndOfInput() {
        PipelangException e = catchThrowableOfType(PipelangException.class, () -> Literals.parse("[\"abc"));

        assertThat(e.position()).isEqualTo(5);
        assertThat(e).hasMessage("at 5: expected '\"' to close the string started at 1, found end of input");
    }

    @Test
    void rejectsUnknownEscapesAndRawControlCharactersInStrings() {
        assertThatThrownBy(() -> Literals.parse("\"a\\qb\""))
                .hasMessage("at 2: expected an escape \\\" \\\\ \\n \\t \\r or \\uXXXX, found '\\q'");
        assertThatThrownBy(() -> Literals.parse("\"\\u12g4\"")).hasMessageStartingWith("at 3: expected four hex digits");
        assertThatThrownBy(() -> Literals.parse("\"a\nb\"")).hasMessageStartingWith("at 2: expected an escape such as \\n");
    }

    @Test
    void rejectsTrailingGarbage() {
        assertThatThrownBy(() -> Literals.parse("1 2")).hasMessage("at 2: expected end of input, found '2'");
        assertThatThrownBy(() -> Literals.parse("\"a\"]")).hasMessage("at 3: expected end of input, found ']'");
    }

    @Test
    void rejectsOneItemTuplesEmptyRecordsAndDuplicateFields() {
        assertThatThrownBy(() -> Literals.parse("(1)"))
                .hasMessage("at 2: expected ',' (a tuple has at least two items), found ')'");
        assertThatThrownBy(() -> Literals.parse("{}")).hasMessage("at 1: expected a field name, found '}'");
        assertThatThrownBy(() -> Literals.parse("{a: 1, a: 2}")).hasMessage("at 7: duplicate field 'a'");
    }

    @Test
    void reportsAMissingValueAtTheEndOfInput() {
        assertThatThrownBy(() -> Literals.parse("{a: ")).hasMessage("at 4: expected a literal, found end of input");
    }
}
