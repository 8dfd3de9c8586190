package org.danian.workloads.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.gson.Gson;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.danian.workloads.server.HandlerStats;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code danian:workloads}: every running workload server, where it listens, and what became
 * of every datagram its handlers saw (replied, ignored, malformed, oversized, rejected by a
 * limit, dropped as overloaded). With {@code --json}: one line of JSON, a list of
 * {@link WorkloadAnswer}, which scripts read.
 */
@Component(service = WorkloadCommands.class, property = {
    "osgi.command.scope=danian",
    "osgi.command.function=workloads"
})
public final class WorkloadCommands {

    private static final Gson GSON = new Gson();

    private final List<WorkloadServer> servers = new CopyOnWriteArrayList<>();

    /**
     * One server as {@code danian:workloads --json} answers it.
     *
     * @param workload {@code synthetic} or {@code netperf}
     * @param address the address it is bound to
     * @param port its UDP port
     * @param stats what became of the datagrams its handlers saw
     */
    public record WorkloadAnswer(String workload, String address, int port, HandlerStats stats) {
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindServer(WorkloadServer server) {
        servers.add(server);
    }

    void unbindServer(WorkloadServer server) {
        servers.remove(server);
    }

    @Descriptor("list the running workload servers and what became of every datagram each one saw")
    public String workloads(@Descriptor("answer as one line of JSON instead of text")
            @Parameter(names = {"-j", "--json"}, presentValue = "true", absentValue = "false") boolean json) {
        List<WorkloadAnswer> answers = answers();
        if (json) {
            return GSON.toJson(answers) + "\n";
        }
        if (answers.isEmpty()) {
            return "no workload server is running\n";
        }
        StringBuilder text = new StringBuilder(String.format("%-10s %-22s %10s %10s %10s %10s %10s %10s%n",
                "WORKLOAD", "ADDRESS", "REPLIED", "IGNORED", "MALFORMED", "OVERSIZED", "REJECTED", "OVERLOADED"));
        for (WorkloadAnswer answer : answers) {
            HandlerStats stats = answer.stats();
            text.append(String.format("%-10s %-22s %10d %10d %10d %10d %10d %10d%n", answer.workload(),
                    answer.address() + ":" + answer.port(), stats.replied(), stats.ignored(), stats.malformed(),
                    stats.oversized(), stats.rejected(), stats.overloaded()));
        }
        return text.toString();
    }

    List<WorkloadAnswer> answers() {
        List<WorkloadAnswer> answers = new ArrayList<>();
        for (WorkloadServer server : servers) {
            answers.add(new WorkloadAnswer(server.workload(), server.address().getAddress().getHostAddress(),
                    server.address().getPort(), server.stats()));
        }
        answers.sort(Comparator.comparing(WorkloadAnswer::workload));
        return answers;
    }
}
