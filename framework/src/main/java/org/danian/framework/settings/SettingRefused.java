package org.danian.framework.settings;

/**
 * A kernel setting whose value is outside its allowed range. The message names the property,
 * the value and what is allowed, so an operator can fix it from the message alone.
 */
public final class SettingRefused extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String property;
    private final String value;
    private final String allowed;

    /** Refuses {@code value} of {@code property}; {@code allowed} says what would be accepted. */
    public SettingRefused(String property, Object value, String allowed) {
        super("kernel setting " + property + "=" + quoted(value) + " refused: allowed " + allowed);
        this.property = property;
        this.value = String.valueOf(value);
        this.allowed = allowed;
    }

    private static String quoted(Object value) {
        return "'" + value + "'";
    }

    /** The property's name, e.g. {@code pollIntervalMicros}. */
    public String property() {
        return property;
    }

    /** The refused value as offered. */
    public String value() {
        return value;
    }

    /** What the property accepts, in words, e.g. {@code 1..1000000}. */
    public String allowed() {
        return allowed;
    }
}
