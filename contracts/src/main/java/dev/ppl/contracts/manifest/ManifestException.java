package dev.ppl.contracts.manifest;

/** A manifest (or component descriptor) field is missing or wrong; says which field and what was expected. */
public class ManifestException extends IllegalArgumentException {
    private final String field;

    public ManifestException(String field, String expected) {
        super(field + ": expected " + expected);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
