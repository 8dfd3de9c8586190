package org.danian.distribution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What each {@code <pid>.cfg} of {@code load/} changed, so that deleting the file undoes it:
 * for every key the file set, the value it set and the value the configuration had before
 * (or that it had none). Kept in ConfigurationAdmin itself, as the configuration
 * {@value #PREFIX}{@code <pid>}, which no component binds: it survives restarts with the
 * configurations it describes and keeps their values' types.
 *
 * <p>Deleting the file reverts each key it set, unless the key was changed since (by
 * {@code danian:config}, say): the newer choice stays and the log names the key. A key with no
 * earlier value is removed, so its component falls back to its default. An edit of the file
 * that drops a key reverts that key the same way. A file deleted while no instance runs is
 * noticed at the next start ({@link #revertDeleted}), before the components read their
 * configurations: FileInstall's own memory of the files it saw lives in the per-run framework
 * storage and would never report it.
 */
final class ConfigurationFileLedger {

    static final String PREFIX = "org.danian.launcher.cfgfile.";
    private static final String APPLIED = "applied.";
    private static final String PREVIOUS = "previous.";
    private static final String ABSENT = "absent.";
    private static final System.Logger LOG = System.getLogger("org.danian.launcher");

    private final ConfigAdminClient admin;

    ConfigurationFileLedger(ConfigAdminClient admin) {
        this.admin = admin;
    }

    /** Applies the file's {@code values} to {@code pid}, recording what they replaced. */
    void apply(String pid, Map<String, String> values) throws Exception {
        Dictionary<String, Object> ledger = orEmpty(admin.properties(PREFIX + pid));
        Dictionary<String, Object> target = orEmpty(admin.properties(pid));
        List<String> dropped = new ArrayList<>();
        for (String key : keys(ledger)) {
            if (!values.containsKey(key)) {
                dropped.add(key);
            }
        }
        for (String key : dropped) {
            revertKey(pid, key, ledger, target);
        }
        for (Map.Entry<String, String> value : values.entrySet()) {
            String key = value.getKey();
            if (ledger.get(APPLIED + key) == null) {
                Object previous = target.get(key);
                if (previous == null) {
                    ledger.put(ABSENT + key, Boolean.TRUE);
                } else {
                    ledger.put(PREVIOUS + key, previous);
                }
            }
            ledger.put(APPLIED + key, value.getValue());
            target.put(key, value.getValue());
        }
        admin.update(PREFIX + pid, ledger);
        admin.update(pid, target);
    }

    /** Undoes what the file of {@code pid} set; says in the log what was reverted and what kept. */
    void revert(String pid) throws Exception {
        Dictionary<String, Object> ledger = admin.properties(PREFIX + pid);
        if (ledger == null) {
            return;
        }
        Dictionary<String, Object> target = orEmpty(admin.properties(pid));
        List<String> reverted = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (String key : keys(ledger)) {
            (revertKey(pid, key, ledger, target) ? reverted : kept).add(key);
        }
        admin.update(pid, target);
        admin.delete(PREFIX + pid);
        LOG.log(System.Logger.Level.INFO, "load/" + pid + ".cfg is gone: configuration " + pid + " reverted "
                + reverted + " to their earlier values or defaults"
                + (kept.isEmpty() ? "" : "; kept " + kept + ", changed since the file set them"));
    }

    /** Reverts the files of {@code loadDirectory} that are gone; returns their pids. */
    List<String> revertDeleted(Path loadDirectory) throws Exception {
        List<String> gone = new ArrayList<>();
        for (String ledgerPid : admin.pids("(service.pid=" + PREFIX + "*)")) {
            String pid = ledgerPid.substring(PREFIX.length());
            if (!Files.exists(loadDirectory.resolve(pid + ".cfg"))) {
                revert(pid);
                gone.add(pid);
            }
        }
        return gone;
    }

    /**
     * Puts back the earlier value of {@code key} in {@code target} if it still holds what the
     * file set; forgets the key in the ledger either way. Returns whether it reverted.
     */
    private static boolean revertKey(String pid, String key, Dictionary<String, Object> ledger,
            Dictionary<String, Object> target) {
        Object applied = ledger.remove(APPLIED + key);
        Object previous = ledger.remove(PREVIOUS + key);
        boolean absent = ledger.remove(ABSENT + key) != null;
        Object current = target.get(key);
        if (current == null || !Objects.equals(String.valueOf(applied), String.valueOf(current))) {
            return false;
        }
        if (absent || previous == null) {
            target.remove(key);
        } else {
            target.put(key, previous);
        }
        return true;
    }

    /** The keys of the file the ledger records. */
    private static List<String> keys(Dictionary<String, Object> ledger) {
        List<String> keys = new ArrayList<>();
        for (Enumeration<String> names = ledger.keys(); names.hasMoreElements();) {
            String name = names.nextElement();
            if (name.startsWith(APPLIED)) {
                keys.add(name.substring(APPLIED.length()));
            }
        }
        return keys;
    }

    private static Dictionary<String, Object> orEmpty(Dictionary<String, Object> properties) {
        return properties == null ? new Hashtable<>() : properties;
    }
}
