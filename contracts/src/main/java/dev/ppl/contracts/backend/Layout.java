package dev.ppl.contracts.backend;

/** A vertex's box in graph views. */
public record Layout(double x, double y, double w, double h) {
    public Layout {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(w) || !Double.isFinite(h)) {
            throw new IllegalArgumentException("layout x, y, w and h must be finite numbers");
        }
        if (w < 0 || h < 0) {
            throw new IllegalArgumentException("layout w and h must be >= 0");
        }
    }
}
