package com.saypro.triage.monitoring.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * The threshold rules' way out (a global): each crossed or cleared threshold is noted here
 * and read by {@link ThresholdStream} after the rules have run. No I/O happens in the rules.
 */
public final class Crossings {

    /** {@code raised} true: the threshold was crossed at {@code at}; false: it cleared at {@code at}. */
    public record Crossing(boolean raised, Threshold threshold, String system, String metric, String component,
            String workflow, String probe, double value, long startedAt, long at) {
    }

    private final List<Crossing> pending = new ArrayList<>();

    public void raise(Threshold threshold, SeriesState state, double value, long at) {
        pending.add(new Crossing(true, threshold, state.getSystem(), state.getMetric(), state.getComponent(),
                state.getWorkflow(), state.getProbe(), value, at, at));
    }

    public void clear(Threshold threshold, SeriesState state, double value, long at) {
        pending.add(new Crossing(false, threshold, state.getSystem(), state.getMetric(), state.getComponent(),
                state.getWorkflow(), state.getProbe(), value, state.getSince(), at));
    }

    List<Crossing> drain() {
        List<Crossing> out = List.copyOf(pending);
        pending.clear();
        return out;
    }
}
