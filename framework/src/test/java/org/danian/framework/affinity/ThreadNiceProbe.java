package org.danian.framework.affinity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What Linux says of a thread's nice value and of this process's right to lower it, read from
 * {@code /proc} (proc(5)), so that tests check the effect of a setpriority call, not its return
 * value alone.
 */
public final class ThreadNiceProbe {

    /** Bit of {@code CAP_SYS_NICE} in the capability sets (linux/capability.h). */
    private static final int CAP_SYS_NICE = 23;

    private ThreadNiceProbe() {
    }

    /** The nice value of thread {@code tid} of this process: field 19 of its {@code stat}. */
    public static int niceOf(long tid) throws IOException {
        return niceIn(Files.readString(Path.of("/proc/self/task/" + tid + "/stat")));
    }

    /** The nice value of the calling thread. */
    public static int niceOfCallingThread() throws IOException {
        return niceIn(Files.readString(Path.of("/proc/thread-self/stat")));
    }

    /** The tids of this process's threads whose name ({@code comm}) starts with {@code prefix}. */
    public static List<Long> threadsNamed(String prefix) throws IOException {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.filter(task -> comm(task).startsWith(prefix))
                    .map(task -> Long.parseLong(task.getFileName().toString())).toList();
        }
    }

    /**
     * Whether Linux lets this process lower a thread's nice value to {@code nice}: with
     * {@code CAP_SYS_NICE} in its effective set, or an {@code RLIMIT_NICE} of at least
     * {@code 20 - nice} (setpriority(2), kernel/sched/core.c {@code can_nice}).
     */
    public static boolean mayLowerTo(int nice) throws IOException {
        long capabilities = 0;
        long rlimit = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:")) {
                capabilities = Long.parseUnsignedLong(line.substring(7).trim(), 16);
            }
        }
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max nice priority")) {
                String soft = line.substring("Max nice priority".length()).trim().split("\\s+")[0];
                rlimit = soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        return (capabilities & (1L << CAP_SYS_NICE)) != 0 || rlimit >= 20 - nice;
    }

    private static int niceIn(String stat) {
        // The name, field 2, is in parentheses and may hold spaces: count fields after the last ')'.
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Integer.parseInt(after[19 - 3]);
    }

    private static String comm(Path task) {
        try {
            return Files.readString(task.resolve("comm")).trim();
        } catch (IOException gone) {
            return ""; // the thread ended while we listed
        }
    }
}
