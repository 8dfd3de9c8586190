package org.danian.workloads.experiment;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One colour and one marker per policy, the same in every figure of a report: the shipped
 * policies and the baseline have fixed slots, any other policy (a researcher's, hot-deployed)
 * takes the next free slot in name order. The colours are the Okabe–Ito palette, told apart
 * by readers with colour-vision deficiencies, and each slot also has its own marker shape, so
 * two policies never differ by colour alone.
 */
final class PolicyStyles {

    /** Okabe & Ito (2008), "Color Universal Design": black first for the baseline. */
    private static final Color[] COLOURS = {
        new Color(0x00, 0x00, 0x00), new Color(0xE6, 0x9F, 0x00), new Color(0x56, 0xB4, 0xE9),
        new Color(0x00, 0x9E, 0x73), new Color(0xD5, 0x5E, 0x00), new Color(0x00, 0x72, 0xB2),
        new Color(0xCC, 0x79, 0xA7), new Color(0xF0, 0xE4, 0x42)};
    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
        SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS,
        SeriesMarkers.OVAL};
    /** The fixed slots, in palette order. */
    private static final List<String> FIXED = List.of(BaselineServerSide.POLICY, "caladan", "danian", "danian-exact",
            "lottery", "stride");

    private final List<String> order;

    private PolicyStyles(List<String> order) {
        this.order = order;
    }

    /** The styles of a report whose policies are {@code policies}. */
    static PolicyStyles of(List<String> policies) {
        List<String> order = new ArrayList<>(FIXED);
        policies.stream().filter(p -> !FIXED.contains(p)).distinct().sorted().forEach(order::add);
        return new PolicyStyles(order);
    }

    Color colour(String policy) {
        return COLOURS[slot(policy) % COLOURS.length];
    }

    /** The marker; past the palette's length the shapes shift, so that no two slots share both. */
    Marker marker(String policy) {
        int slot = slot(policy);
        return MARKERS[(slot + slot / COLOURS.length) % MARKERS.length];
    }

    private int slot(String policy) {
        int slot = order.indexOf(policy);
        if (slot < 0) {
            throw new IllegalArgumentException("policy '" + policy + "' is not in this report: " + order);
        }
        return slot;
    }
}
