package org.danian.framework.metrics;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.danian.spi.ProcView;

/**
 * Publishes {@link KernelMetrics} as MXBeans: {@code <domain>:type=Kernel} for the global
 * numbers and {@code <domain>:type=Proc,name=<proc name>} for each proc (the name is quoted
 * as {@link ObjectName#quote} says when it holds a character ObjectName reserves).
 *
 * <p>The kernel calls {@link #registerKernel} when it starts and {@link #unregisterAll} when
 * it stops, {@link #registerProc} after a proc is attached to the metrics and
 * {@link #unregisterProc} when it closes. These calls take the MBeanServer's locks and
 * allocate: make them from the thread that creates or closes the proc, or the kernel's
 * lifecycle thread, not from the scheduler loop. Thread-safe.
 */
public final class MetricsJmx {

    /** The default ObjectName domain. */
    public static final String DOMAIN = "org.danian";

    private final KernelMetrics metrics;
    private final MBeanServer server;
    private final String domain;
    private final Map<Integer, ObjectName> procNames = new ConcurrentHashMap<>();
    private volatile ObjectName kernelName;

    /** On the platform MBeanServer, in the domain {@value #DOMAIN}. */
    public MetricsJmx(KernelMetrics metrics) {
        this(metrics, ManagementFactory.getPlatformMBeanServer(), DOMAIN);
    }

    /** On {@code server}, in {@code domain} (tests, or two kernels in one JVM). */
    public MetricsJmx(KernelMetrics metrics, MBeanServer server, String domain) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.server = Objects.requireNonNull(server, "server");
        this.domain = Objects.requireNonNull(domain, "domain");
    }

    /** The kernel's ObjectName. */
    public ObjectName kernelName() {
        return name("type=Kernel");
    }

    /** The ObjectName of the proc named {@code procName}. */
    public ObjectName procName(String procName) {
        return name("type=Proc,name=" + quoteIfNeeded(procName));
    }

    /**
     * Registers the kernel's MXBean.
     *
     * @throws IllegalStateException if that name is registered already (another kernel in
     *     this JVM: give it another domain)
     */
    public synchronized void registerKernel() {
        ObjectName name = kernelName();
        register(new StatsBeans.Kernel(metrics::globalSnapshot), name);
        kernelName = name;
    }

    /**
     * Registers the MXBean of {@code proc}, which must be attached to the metrics.
     *
     * @throws IllegalArgumentException if it is not attached
     * @throws IllegalStateException if a proc of that name is registered already
     */
    public void registerProc(ProcView proc) {
        ProcMetrics procMetrics = metrics.find(proc.id());
        if (procMetrics == null || procMetrics.proc != proc) {
            throw new IllegalArgumentException("proc " + proc.id() + " '" + proc.spec().name()
                    + "' is not attached to the metrics");
        }
        ObjectName name = procName(proc.spec().name());
        register(new StatsBeans.Proc(procMetrics, metrics.clock()), name);
        procNames.put(proc.id(), name);
    }

    /** Unregisters the MXBean of {@code proc}; does nothing if it is not registered. */
    public void unregisterProc(ProcView proc) {
        ObjectName name = procNames.remove(proc.id());
        if (name != null) {
            unregister(name);
        }
    }

    /** Unregisters every MXBean this object registered. */
    public synchronized void unregisterAll() {
        procNames.keySet().forEach(id -> {
            ObjectName name = procNames.remove(id);
            if (name != null) {
                unregister(name);
            }
        });
        if (kernelName != null) {
            unregister(kernelName);
            kernelName = null;
        }
    }

    private void register(Object bean, ObjectName name) {
        try {
            server.registerMBean(bean, name);
        } catch (InstanceAlreadyExistsException e) {
            throw new IllegalStateException("an MBean is already registered as " + name, e);
        } catch (JMException e) {
            throw new IllegalStateException("could not register " + name + ": " + e.getMessage(), e);
        }
    }

    private void unregister(ObjectName name) {
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException alreadyGone) {
            // Someone else unregistered it (a JMX client may): the goal is reached.
        } catch (JMException e) {
            throw new IllegalStateException("could not unregister " + name + ": " + e.getMessage(), e);
        }
    }

    private ObjectName name(String properties) {
        try {
            return new ObjectName(domain + ":" + properties);
        } catch (JMException e) {
            throw new IllegalArgumentException("not a valid ObjectName: " + domain + ":" + properties, e);
        }
    }

    /** Proc names are free text; ObjectName reserves a few characters in unquoted values. */
    private static String quoteIfNeeded(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (",=:\"*?\n\\".indexOf(value.charAt(i)) >= 0) {
                return ObjectName.quote(value);
            }
        }
        return value;
    }
}
