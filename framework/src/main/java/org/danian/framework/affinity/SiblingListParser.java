package org.danian.framework.affinity;

import java.nio.file.Path;
import java.util.Arrays;

/** Parses the Linux cpulist format ("0,4" or "0-1" or "0-1,8-9") of a sibling list. */
final class SiblingListParser {

    private SiblingListParser() {
    }

    static int[] parse(String text, Path source) {
        int[] cores = new int[8];
        int count = 0;
        try {
            for (String part : text.split(",")) {
                String[] range = part.trim().split("-");
                int first = Integer.parseInt(range[0].trim());
                int last = range.length == 2 ? Integer.parseInt(range[1].trim()) : first;
                if (range.length > 2 || last < first) {
                    throw new NumberFormatException(part);
                }
                for (int core = first; core <= last; core++) {
                    if (count == cores.length) {
                        cores = Arrays.copyOf(cores, count * 2);
                    }
                    cores[count++] = core;
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad cpu list in " + source + ": '" + text + "'", e);
        }
        return Arrays.copyOf(cores, count);
    }
}
