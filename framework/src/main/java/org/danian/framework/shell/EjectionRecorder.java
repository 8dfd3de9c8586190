package org.danian.framework.shell;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.danian.framework.flight.PolicyEjectionEvent;
import org.danian.framework.settings.EjectionRecord;
import org.danian.kernel.KernelAdmin;
import org.danian.kernel.PolicyEvent;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Makes an ejection outlive the run. Without it, the configuration still names the ejected
 * policy, and the next start activates it again as if nothing had happened.
 *
 * <p>When the kernel ejects a policy ({@link PolicyEvent.Type#EJECTED}), this component writes
 * into the kernel's configuration the policy that took over as the kind's choice, and records
 * the ejected one ({@link EjectionRecord}). The next start runs the policy that took over, and the kernel warns
 * at every start, naming the ejected policy and why, until an explicit {@code danian:policy} or
 * {@code danian:allocator} swap chooses a policy again (which clears the record).
 *
 * <p>The kernel's API reports recent events ({@link KernelAdmin#events()}); this component
 * reads them twice a second on a thread of its own (the scheduler thread copies them between
 * two iterations, microseconds), and once more when it stops. It reads the events alone, not
 * the whole status: a status also reads the packet driver's counters, which on the kernel UDP
 * driver parse Linux's UDP socket table, 0.4 to 0.8 ms of CPU each time. On a two-core machine
 * that work took the only idle core twice a second, and a packet arriving then waited behind
 * a busy co-tenant for its thread (docs/measurements.md).
 */
@Component(immediate = true)
public final class EjectionRecorder {

    private static final long POLL_MILLIS = 500;

    private final KernelAdmin kernel;
    private final SettingsStore store;
    private final ScheduledExecutorService poller;
    private long lastSeen;

    /** The DS constructor: starts polling. */
    @Activate
    public EjectionRecorder(@Reference(name = "kernel") KernelAdmin kernel,
                            @Reference(name = "configurationAdmin") ConfigurationAdmin configurationAdmin) {
        this(kernel, new ConfigAdminSettingsStore(configurationAdmin));
        poller.scheduleWithFixedDelay(this::recordQuietly, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    EjectionRecorder(KernelAdmin kernel, SettingsStore store) {
        this.kernel = kernel;
        this.store = store;
        this.poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "danian-ejection-recorder");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        poller.shutdown();
        poller.awaitTermination(2, TimeUnit.SECONDS);
        recordQuietly();
    }

    private void recordQuietly() {
        try {
            recordNewEjections();
        } catch (IOException | RuntimeException e) {
            // The kernel stopping first, or ConfigAdmin going away: nothing left to record into.
        }
    }

    /**
     * Writes every ejection reported since the last call into the configuration.
     *
     * @return how many were recorded
     */
    synchronized int recordNewEjections() throws IOException {
        List<PolicyEvent> events = kernel.events();
        int recorded = 0;
        for (PolicyEvent event : events) {
            if (event.sequence() <= lastSeen) {
                continue;
            }
            lastSeen = event.sequence();
            if (event.type() == PolicyEvent.Type.EJECTED) {
                PolicyEjectionEvent.commit(event);
                store.saveAll(ejection(event));
                recorded++;
            }
        }
        return recorded;
    }

    private static Map<String, String> ejection(PolicyEvent event) {
        String property = event.kind().configurationProperty();
        Map<String, String> properties = new HashMap<>();
        if (event.fallback() != null) {
            properties.put(property, event.fallback());
        }
        List<String> record = EjectionRecord.properties(event.kind());
        properties.put(record.get(0), event.policy());
        properties.put(record.get(1), event.reason());
        return properties;
    }
}
