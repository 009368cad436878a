package dev.portscope.cli.render;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SsExtrasTest {
    @Test
    void timersReadAsSsWritesThem() {
        assertEquals("119min", SsExtras.duration(7_190_000));
        assertEquals("1min59sec", SsExtras.duration(119_000));   // minutes < 10 keep the seconds
        assertEquals("28sec", SsExtras.duration(28_500));        // two-digit seconds drop the milliseconds
        assertEquals("3.172ms", SsExtras.duration(3_172));
        assertEquals("200ms", SsExtras.duration(200));
        assertEquals("", SsExtras.duration(0));
    }

    @Test
    void microsecondsAsPercentG() {
        assertEquals("0.017", SsExtras.millis(17));
        assertEquals("204", SsExtras.millis(204_000));
        assertEquals("1.5", SsExtras.millis(1_500));
        assertEquals("40", SsExtras.millis(40_000));
    }
}
