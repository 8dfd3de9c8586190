package org.danian.framework.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.danian.kernel.PolicyKind;

/**
 * An ejection kept in the kernel's configuration across restarts: {@code <kind property>Ejected}
 * names the ejected policy and {@code <kind property>EjectedReason} says why (for thread pick:
 * {@code threadPickEjected}, {@code threadPickEjectedReason}). Written when the kernel ejects a
 * policy, cleared by an explicit swap; while present, every start warns.
 */
public final class EjectionRecord {

    /** Suffix of the property that names the ejected policy of a kind. */
    public static final String EJECTED_SUFFIX = "Ejected";
    /** Suffix of the property that says why. */
    public static final String REASON_SUFFIX = "EjectedReason";

    private EjectionRecord() {
    }

    /** The two properties of {@code kind}'s record. */
    public static List<String> properties(PolicyKind kind) {
        return List.of(kind.configurationProperty() + EJECTED_SUFFIX, kind.configurationProperty() + REASON_SUFFIX);
    }

    /** One warning per kind whose record is present in {@code properties}. */
    public static List<String> warnings(Map<String, ?> properties) {
        List<String> warnings = new ArrayList<>();
        for (PolicyKind kind : PolicyKind.values()) {
            Object ejected = properties.get(kind.configurationProperty() + EJECTED_SUFFIX);
            if (ejected == null) {
                continue;
            }
            Object reason = properties.get(kind.configurationProperty() + REASON_SUFFIX);
            Object configured = properties.get(kind.configurationProperty());
            warnings.add(kind.label() + " policy '" + ejected + "' was ejected ("
                    + (reason == null ? "no reason recorded" : reason) + "); the configuration names '"
                    + (configured == null ? "the default" : configured) + "' instead; swap to '" + ejected
                    + "' explicitly to use it again");
        }
        return warnings;
    }
}
