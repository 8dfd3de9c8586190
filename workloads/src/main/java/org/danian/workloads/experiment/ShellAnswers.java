package org.danian.workloads.experiment;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Reading a Danian shell's {@code --json} answers: each is one line of JSON, possibly after
 * Gogo's prompt (stripped by {@link ShellSession}); any other line is not an answer.
 */
final class ShellAnswers {

    private ShellAnswers() {
    }

    /** The JSON object on {@code line}, or null if the line is not one. */
    static JsonObject jsonObject(String line) {
        String text = line.strip();
        if (!text.startsWith("{")) {
            return null;
        }
        try {
            JsonElement element = JsonParser.parseString(text);
            return element.isJsonObject() ? element.getAsJsonObject() : null;
        } catch (JsonParseException notJson) {
            return null;
        }
    }

    /** The object member {@code name} of {@code object}, or null if either is absent or not an object. */
    static JsonObject member(JsonObject object, String name) {
        if (object == null || !object.has(name) || !object.get(name).isJsonObject()) {
            return null;
        }
        return object.getAsJsonObject(name);
    }
}
