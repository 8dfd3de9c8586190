package org.danian.distribution.e2e;

import com.google.gson.Gson;

/**
 * Reads a {@code --json} answer of the Danian shell: the first line of the command's output
 * that is JSON, into the kernel API's own record type. Tests read the system's answers as
 * data this way, never by matching its wording.
 */
final class ShellJson {

    private static final Gson GSON = new Gson();
    private static final String[] PROMPTS = {"g!", "danian>"};

    private ShellJson() {
    }

    /**
     * The answer in {@code output} as a {@code type}.
     *
     * @throws AssertionError quoting the output if no line of it is JSON
     */
    static <T> T read(String output, Class<T> type) {
        for (String line : output.lines().toList()) {
            String text = line.strip();
            // A prompt the console printed just before the answer on the same line: Gogo's own
            // ("g!"), or the interactive profile's ("danian>"), whose timing against the answer
            // depends on the machine's load.
            boolean prompt = true;
            while (prompt) {
                prompt = false;
                for (String mark : PROMPTS) {
                    if (text.startsWith(mark)) {
                        text = text.substring(mark.length()).strip();
                        prompt = true;
                    }
                }
            }
            if (text.startsWith("{") || text.startsWith("[")) {
                return GSON.fromJson(text, type);
            }
        }
        throw new AssertionError("no JSON answer in:\n" + output);
    }
}
