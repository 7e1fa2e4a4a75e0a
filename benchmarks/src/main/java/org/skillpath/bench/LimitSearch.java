package org.skillpath.bench;

import java.util.OptionalInt;

/**
 * Where to probe an arm's limit next, between the highest rate it held and the lowest it failed: the bracket's
 * midpoint on a multiple of 5/s, until the bracket is no wider than a tenth of the held rate (or 5/s). One midpoint
 * left the ratio of the two limits anywhere between 0.5 and 0.75 for the same code; three halvings narrow each
 * limit to about 10 %.
 */
final class LimitSearch {

    private LimitSearch() {
    }

    static OptionalInt next(Integer held, Integer failed) {
        if (held == null || failed == null || failed <= held) {
            return OptionalInt.empty();
        }
        if (failed - held <= Math.max(5, held / 10)) {
            return OptionalInt.empty();
        }
        int mid = (int) Math.round((held + failed) / 2.0 / 5.0) * 5;
        return mid > held && mid < failed ? OptionalInt.of(mid) : OptionalInt.empty();
    }
}
