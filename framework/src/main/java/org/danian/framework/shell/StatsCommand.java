package org.danian.framework.shell;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.danian.kernel.KernelAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code danian:stats} shell command (Apache Felix Gogo; see {@link KernelCommands} for
 * how Gogo finds commands): the kernel's metrics as tables, global then per proc, or with
 * {@code --json} the {@link org.danian.kernel.MetricsSnapshot} as one line of JSON.
 */
@Component(service = StatsCommand.class, property = {
    "osgi.command.scope=danian",
    "osgi.command.function=stats"
})
public final class StatsCommand {

    private final KernelAdmin kernel;

    /** The DS constructor. */
    @Activate
    public StatsCommand(@Reference(name = "kernel") KernelAdmin kernel) {
        this.kernel = kernel;
    }

    @Descriptor("show per proc and global metrics: cores and core-seconds, grants, picks, locality hits,"
            + " migrations, grant latency and pick cost percentiles, CPU time and grants per kthread, the loop's"
            + " passes and core switches, swaps and ejections")
    public String stats(@Descriptor("answer as one line of JSON (a MetricsSnapshot) instead of text")
            @Parameter(names = {"-j", "--json"}, presentValue = "true", absentValue = "false") boolean json) {
        return json ? JsonAnswer.of(kernel.metrics()) : StatsReport.render(kernel.metrics());
    }
}
