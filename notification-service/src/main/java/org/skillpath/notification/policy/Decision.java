package org.skillpath.notification.policy;

import java.time.Instant;

/** What to do with a nudge now. */
public sealed interface Decision {

    /** Send it now (the weekly cap, which needs the store, is checked next). */
    record Send() implements Decision {
    }

    /** Inside quiet hours: try again at {@code until}, not dropped. */
    record Defer(Instant until) implements Decision {
    }

    /** The person reads a digest: gather the nudge into the one that goes out at {@code digestAt}. */
    record Gather(Instant digestAt) implements Decision {
    }

    record Suppress(SuppressionReason reason) implements Decision {
    }
}
