package org.emotive.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Repeated measurements of one quantity: durations in ms, or any other value. */
final class Stats {

    private final List<Double> millis = new ArrayList<>();

    /** Records a duration, kept in milliseconds. */
    void add(long nanos) {
        millis.add(nanos / 1e6);
    }

    /** Records a value as it is (not a duration). */
    void addValue(double value) {
        millis.add(value);
    }

    double mean() {
        return millis.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    double median() {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    String describe() {
        return String.format("n=%d mean=%.1f ms median=%.1f ms", millis.size(), mean(), median());
    }
}
