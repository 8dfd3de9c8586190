package org.danian.workloads.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.danian.workloads.server.HandlerStats;
import org.junit.jupiter.api.Test;

/** danian:workloads: each server's address and drop reasons, as text and as JSON. */
class WorkloadCommandsTest {

    @Test
    void listsEachServerWithItsCountsSortedByWorkload() {
        WorkloadCommands commands = new WorkloadCommands();
        commands.bindServer(server("synthetic", 8000, new HandlerStats(10, 0, 1, 2, 3, 4)));
        commands.bindServer(server("netperf", 8001, new HandlerStats(5, 1, 0, 0, 7, 0)));

        WorkloadCommands.WorkloadAnswer[] answers = new Gson().fromJson(commands.workloads(true),
                WorkloadCommands.WorkloadAnswer[].class);

        assertEquals(List.of("netperf", "synthetic"), List.of(answers[0].workload(), answers[1].workload()));
        assertEquals(7, answers[0].stats().rejected());
        assertEquals(8000, answers[1].port());
        assertEquals("127.0.0.1", answers[1].address());
        String text = commands.workloads(false);
        assertTrue(text.startsWith("WORKLOAD") && text.contains("127.0.0.1:8001"), text);
    }

    @Test
    void aServerThatStoppedIsNoLongerListed() {
        WorkloadCommands commands = new WorkloadCommands();
        WorkloadServer synthetic = server("synthetic", 8000, new HandlerStats(0, 0, 0, 0, 0, 0));
        commands.bindServer(synthetic);
        commands.unbindServer(synthetic);
        assertEquals("[]\n", commands.workloads(true));
    }

    private static WorkloadServer server(String name, int port, HandlerStats stats) {
        return new WorkloadServer() {
            @Override
            public String workload() {
                return name;
            }

            @Override
            public InetSocketAddress address() {
                return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            }

            @Override
            public HandlerStats stats() {
                return stats;
            }
        };
    }
}
