package org.danian.framework.shell;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * The machine-readable form of a command's answer ({@code --json}): the API's own records
 * ({@code KernelStatus}, {@code MetricsSnapshot}, {@code PolicyInfo}, {@code SwapResult}, …)
 * as one line of JSON, each record an object whose members are its components, enums as their
 * names, absent values as {@code null}. A tool reads it back into the same records with Gson,
 * or with any JSON parser; it never needs the human wording.
 */
final class JsonAnswer {

    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private JsonAnswer() {
    }

    /** {@code answer} as one line of JSON, ending with a newline, as Gogo prints strings. */
    static String of(Object answer) {
        return GSON.toJson(answer) + "\n";
    }
}
