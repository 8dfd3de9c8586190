package org.danian.framework.shell;

import org.apache.felix.service.command.Descriptor;
import org.danian.framework.metrics.MetricsSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code danian:stats} shell command (Apache Felix Gogo; see {@link KernelCommands} for
 * how Gogo finds commands): the kernel's metrics as tables, global then per proc. A component
 * of its own because it needs the kernel's {@link MetricsSource} service rather than the
 * {@code SchedulerKernel} API; it appears once the kernel registers that service.
 */
@Component(service = StatsCommand.class, property = {
    "osgi.command.scope=danian",
    "osgi.command.function=stats"
})
public final class StatsCommand {

    private final MetricsSource source;

    /** The DS constructor. */
    @Activate
    public StatsCommand(@Reference(name = "metrics") MetricsSource source) {
        this.source = source;
    }

    @Descriptor("show per proc and global metrics: cores and core-seconds, grants, picks, locality hits,"
            + " migrations, grant latency and pick cost percentiles, CPU time per kthread, ejections")
    public String stats() {
        return StatsReport.render(source.metrics());
    }
}
